"""How a file's columns become a record's fields: a mapping file, or sensible defaults.

A mapping file (YAML) may name the kind and source, map fields to columns, list
custom questions and attribute columns, give defaults and value translations,
and set date formats, delimiter, encoding and time zone. Anything it leaves out
is found by matching column names against each field's usual names.

Attributes are an allow-list: a column that no field takes is kept only when
the mapping lists it under `attributes:` or the blueprint declares it as a
segment (customer files). A column whose name says it holds personal data
(`E-mail adres`, `IBAN`, `BSN`, `geboortedatum`, ...) is never an attribute:
customer files send e-mail, phone, name and address to the personal-data side
through their fields, and every other personal column is not stored at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from belofte.domain.privacy import personal_kind
from belofte.errors import InvalidInput
from belofte.ingest.formats import normalise_header
from belofte.ingest.kinds import SPECS, KindSpec, RecordKind
from belofte.yamlshape import ShapeProblem, check_shape

MAX_COLUMNS = 500
Code = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=64)]


class MappingFile(BaseModel):
    """The contents of a mapping file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: RecordKind | None = None
    source: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    columns: dict[str, str | None] = {}
    questions: dict[str, Code] = {}
    attributes: list[str] | None = None
    ignore: list[str] = []
    defaults: dict[str, str | int | float | bool] = {}
    values: dict[str, dict[str, str]] = {}
    date_formats: list[str] = []
    timezone: str | None = None
    delimiter: Annotated[str, Field(min_length=1, max_length=1)] | None = None
    encoding: str | None = None
    customer_namespace: str = "customers"

    @field_validator("date_formats", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


#: A mapping file is small: a few hundred lines at most.
MAX_MAPPING_BYTES = 1024 * 1024
MAX_MAPPING_VALUES = 20_000


def load_mapping(path: Path) -> MappingFile:
    """Read and validate a mapping file; InvalidInput names each problem."""
    try:
        if path.stat().st_size > MAX_MAPPING_BYTES:
            raise InvalidInput(
                f"mapping {path.name} is larger than {MAX_MAPPING_BYTES // 1024} KiB"
            )
        text = path.read_text(encoding="utf-8")
        check_shape(text, MAX_MAPPING_VALUES)
        data = yaml.safe_load(text) or {}
    except OSError as exc:
        raise InvalidInput(f"cannot read mapping {path.name}: {exc.strerror}") from None
    except ShapeProblem as exc:
        raise InvalidInput(f"mapping {path.name}:{exc.line}: {exc.message}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"mapping {path.name} is not valid YAML: {exc}") from None
    try:
        return MappingFile.model_validate(data)
    except ValidationError as exc:
        problems = tuple(
            f"{path.name} {'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
            for e in exc.errors()
        )
        raise InvalidInput(f"mapping {path.name} is invalid", problems) from None


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """Where each field comes from in one file, and what becomes of other columns."""

    spec: KindSpec
    header: tuple[str, ...]
    fields: dict[str, int]  # field -> column index
    defaults: dict[str, Any]
    questions: dict[int, str]  # column index -> question code
    attributes: dict[int, str]  # column index -> attribute name
    ignored: tuple[str, ...]
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Columns not stored because their names say they hold personal data,
    #: with the kind (a column name -> "e-mail address").
    personal: dict[str, str] = field(default_factory=dict)
    #: Attribute names a JSON Lines record may add beyond the header.
    allowed_attributes: frozenset[str] = frozenset()

    def not_stored(self) -> list[tuple[str, str]]:
        """(column, why) of every column whose values are not stored."""
        rows = [
            (name, f"personal data ({kind}): never stored")
            for name, kind in self.personal.items()
        ]
        if self.spec.keeps_attributes:
            why = (
                "not declared: list it under `attributes:` in a mapping file, "
                "or (customers) as a segment in belofte.yaml"
            )
        else:
            why = f"{self.spec.kind} records keep no other columns"
        return rows + [(name, why) for name in self.ignored]

    def describe(self) -> list[tuple[str, str]]:
        """(field, where it comes from) for every field, then the other columns."""
        rows = []
        for spec in self.spec.fields:
            if spec.name in self.fields:
                where = f"column {self.header[self.fields[spec.name]]!r}"
            elif spec.name in self.defaults:
                where = f"default {self.defaults[spec.name]!r}"
            else:
                where = "(missing: required)" if spec.required else "(not in file)"
            rows.append((spec.name, where))
        rows += [
            (f"question {code}", f"column {self.header[i]!r}")
            for i, code in self.questions.items()
        ]
        rows += [
            (f"attribute {name}", f"column {self.header[i]!r}")
            for i, name in self.attributes.items()
        ]
        rows += [
            ("not stored", f"column {name!r}: personal data ({kind})")
            for name, kind in self.personal.items()
        ]
        rows += [("ignored", f"column {name!r}") for name in self.ignored]
        return rows


def plan_columns(
    kind: RecordKind,
    header: list[str],
    mapping: MappingFile,
    segments: tuple[str, ...] = (),
) -> ColumnPlan:
    """Match `header` to the fields of `kind`, honouring `mapping`.

    `segments` are the blueprint's declared segments: customer files keep
    those columns as attributes without a mapping.
    """
    spec = SPECS[kind]
    if len(header) > MAX_COLUMNS:
        raise InvalidInput(f"the file has {len(header)} columns; at most {MAX_COLUMNS}")
    names = [str(h) for h in header]
    exact = {name: i for i, name in reversed(list(enumerate(names)))}
    loose = {normalise_header(name): i for i, name in reversed(list(enumerate(names)))}
    known = {f.name for f in spec.fields}
    problems = [
        f"unknown field {key!r} in columns; fields of {kind}: "
        f"{', '.join(sorted(known))}"
        for key in mapping.columns
        if key not in known
    ]
    problems += [
        f"unknown field {key!r} in defaults"
        for key in mapping.defaults
        if key not in known
    ]
    fields: dict[str, int] = {}
    for key, column in mapping.columns.items():
        if column is None or key not in known:
            continue
        index = exact.get(column, loose.get(normalise_header(column)))
        if index is None:
            problems.append(f"column {column!r} (for {key}) is not in the file")
        else:
            fields[key] = index
    taken = set(fields.values())
    for spec_field in spec.fields:
        if spec_field.name in fields or spec_field.name in mapping.columns:
            continue
        for alias in spec_field.aliases:
            index = loose.get(normalise_header(alias))
            if index is not None and index not in taken:
                fields[spec_field.name] = index
                taken.add(index)
                break
    questions: dict[int, str] = {}
    if mapping.questions and not spec.has_questions:
        problems.append(f"{kind} records have no custom questions")
    for column, code in mapping.questions.items():
        index = exact.get(column, loose.get(normalise_header(column)))
        if index is None:
            problems.append(f"question column {column!r} is not in the file")
        else:
            questions[index] = code
            taken.add(index)
    ignore = {normalise_header(c) for c in mapping.ignore}
    rest = [
        i
        for i in range(len(names))
        if i not in taken and normalise_header(names[i]) not in ignore
    ]
    personal = {
        names[i]: str(found)
        for i in rest
        if (found := personal_kind(normalise_header(names[i]))) is not None
    }
    listed = [normalise_header(a) for a in mapping.attributes or ()]
    problems += [
        f"attribute {name!r} looks like personal data ({found}); personal data "
        "is never kept as an attribute"
        for name in listed
        if (found := personal_kind(name)) is not None
    ]
    allowed = frozenset(listed) | (
        frozenset(segments) if kind is RecordKind.CUSTOMERS else frozenset()
    )
    attributes: dict[int, str] = {}
    if spec.keeps_attributes:
        attributes = {
            i: normalise_header(names[i]) or f"column_{i + 1}"
            for i in rest
            if names[i] not in personal and normalise_header(names[i]) in allowed
        }
    ignored = tuple(
        names[i]
        for i in range(len(names))
        if i not in taken and i not in attributes and names[i] not in personal
    )
    missing = [
        f.name
        for f in spec.fields
        if f.required and f.name not in fields and f.name not in mapping.defaults
    ]
    problems += [
        f"required field {name!r} has no column; name it in a mapping file "
        f"(columns: {{{name}: COLUMN}})"
        for name in missing
    ]
    if problems:
        raise InvalidInput(f"cannot import this file as {kind}", tuple(problems))
    return ColumnPlan(
        spec=spec,
        header=tuple(names),
        fields=fields,
        defaults=dict(mapping.defaults),
        questions=questions,
        attributes=attributes,
        ignored=ignored,
        values=dict(mapping.values),
        personal=personal,
        allowed_attributes=allowed if spec.keeps_attributes else frozenset(),
    )
