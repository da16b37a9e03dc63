"""Request and response bodies of the ingest API, one record model per kind.

The models describe the fields for OpenAPI and refuse unknown fields and
non-scalar values; scales, dates and blueprint names are checked by the same
converter as file imports, so a record means the same whichever door it uses.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, create_model

from belofte.ingest.kinds import SPECS, FieldSpec, FieldType, RecordKind

MAX_BATCH = 10_000
# Strict scalars: the schema says what is accepted (no 0 for false, no "7" for 7.0
# surprises); text forms ("ja", "7,5") are accepted as text and parsed like files.
_TYPES: dict[FieldType, Any] = {
    FieldType.INT: StrictInt | str | None,
    FieldType.FLOAT: float | str | None,
    FieldType.DECIMAL: float | str | None,
    FieldType.BOOL: StrictBool | str | None,
}


def _field(spec: FieldSpec, max_chars: int) -> tuple[Any, Any]:
    # Scales are checked by the converter, not the schema: a union with a bounded
    # int would answer "nps.int: less than 10; nps.str: not a string" instead of
    # one clear "nps: out of scale 0-10".
    kind = _TYPES.get(
        spec.type, Annotated[str, Field(max_length=max_chars)] | StrictInt | None
    )
    return _described(spec, kind)


def _described(spec: FieldSpec, kind: Any) -> tuple[Any, Any]:
    scale = f" ({spec.low:g}-{spec.high:g})" if spec.low is not None else ""
    need = "required" if spec.required else "optional"
    description = f"{spec.type.value}{scale}, {need}"
    if spec.required:
        return kind, Field(description=description)
    return kind, Field(default=None, description=description)


def record_model(kind: RecordKind, max_chars: int) -> type[BaseModel]:
    """The body model of one record of `kind`."""
    fields = {spec.name: _field(spec, max_chars) for spec in SPECS[kind].fields}
    model: type[BaseModel] = create_model(  # type: ignore[call-overload]
        f"{kind.value.title()}Record",
        __config__=ConfigDict(extra="forbid"),
        **fields,
    )
    return model


def batch_model(kind: RecordKind, record: type[BaseModel]) -> type[BaseModel]:
    """The body model of a batch of `kind` records."""
    records: Any = Annotated[list[record], Field(min_length=1, max_length=MAX_BATCH)]  # type: ignore[valid-type]
    model: type[BaseModel] = create_model(
        f"{kind.value.title()}Batch",
        __config__=ConfigDict(extra="forbid"),
        records=(records, ...),
    )
    return model


class IngestResult(BaseModel):
    """What an ingest call stored."""

    kind: str
    source: str
    received: int
    stored: int
    updated: int
    duplicates: int
