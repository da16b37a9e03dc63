"""Turn one raw row into a validated record, or say exactly why not.

A converter is compiled once per file (which column feeds which field, with
which parser) so that the per-row work is a short loop: imports run at tens of
thousands of rows per second.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import get_close_matches
from typing import Any
from zoneinfo import ZoneInfo

from belofte.ingest.formats import (
    MAX_AMOUNT,
    Raw,
    ValueProblem,
    normalise_header,
    parse_bool,
    parse_datetime,
    parse_decimal,
    parse_float,
    parse_int,
    parse_period,
    parse_text,
)
from belofte.ingest.kinds import FieldSpec, FieldType
from belofte.ingest.mapping import ColumnPlan

MAX_ID_CHARS = 200
SHORT_TEXT_CHARS = 500
_LANGUAGES = {"dutch": "nl", "nederlands": "nl", "english": "en", "engels": "en"}

Record = dict[str, Any]


class RowRejected(Exception):
    """A row that cannot be stored: which column, why, and the value.

    The value is None where it is personal data: an error report never quotes it.
    """

    def __init__(self, column: str, reason: str, value: object = None) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason
        self.value = value


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Blueprint names a file may use, each mapped to its store id.

    Keys are lowercased codes and names in every language, so a file may say
    'utrecht-centrum', 'Stroomhuis Utrecht Centrum' or 'UTRECHT-CENTRUM'.
    """

    touchpoint: Mapping[str, int]
    location: Mapping[str, int]
    channel: Mapping[str, int]
    team: Mapping[str, int]
    codes: Mapping[str, tuple[str, ...]]  # kind -> codes, for "did you mean"
    #: The blueprint's declared segments (customer attributes kept by default).
    segments: tuple[str, ...] = ()


Parser = Callable[[Raw], Any]


class Converter:
    """Converts rows of one file (or API payloads) into records."""

    def __init__(
        self,
        plan: ColumnPlan,
        vocabulary: Vocabulary,
        zone: ZoneInfo,
        *,
        date_formats: Sequence[str] = (),
        max_chars: int = 10_000,
    ) -> None:
        self.plan = plan
        self.vocabulary = vocabulary
        self.zone = zone
        self.date_formats = tuple(date_formats)
        self.max_chars = max_chars
        self.fields: list[_Field] = []
        for spec in plan.spec.fields:
            index = plan.fields.get(spec.name)
            column = plan.header[index] if index is not None else spec.name
            if spec.name == "id" and index is not None and not spec.required:
                # A file with an id column must fill it: a row without one is a
                # broken export, not a record to key by its content.
                spec = replace(spec, required=True)
            self.fields.append(
                (
                    spec.name,
                    index,
                    self._parser(spec),
                    column,
                    spec.required,
                    plan.values.get(spec.name),
                    plan.defaults.get(spec.name),
                )
            )
        # The fingerprint covers fields and named extras, not columns: the same
        # record hashes alike from a CSV, a JSON Lines file or a workbook.
        self._hashed = [(f[1], _canonical(f[6])) for f in self.fields if f[0] != "id"]
        #: Fields whose values an error must not quote (personal data).
        self._personal = frozenset(s.name for s in plan.spec.fields if s.personal)
        self._named = sorted(
            [(f"q:{code}", i) for i, code in plan.questions.items()]
            + [(f"a:{name}", i) for i, name in plan.attributes.items()]
        )

    # -- parsers ----------------------------------------------------------
    def _parser(self, spec: FieldSpec) -> Parser:
        kind = spec.type
        if kind is FieldType.ID:
            return lambda v: parse_text(
                _plain(v) if isinstance(v, float) else v, MAX_ID_CHARS
            )
        if kind is FieldType.TEXT:
            return lambda v: parse_text(v, SHORT_TEXT_CHARS)
        if kind is FieldType.LONG_TEXT:
            return lambda v: parse_text(v, self.max_chars)
        if kind is FieldType.INT:
            low = int(spec.low) if spec.low is not None else None
            high = int(spec.high) if spec.high is not None else None
            return lambda v: parse_int(v, low, high)
        if kind is FieldType.FLOAT:
            return lambda v: parse_float(v, spec.low, spec.high)
        if kind is FieldType.DECIMAL:
            # Amounts are stored as NUMERIC(14,2): refuse what would not fit.
            least = spec.low if spec.low is not None else -float(MAX_AMOUNT)
            most = spec.high if spec.high is not None else float(MAX_AMOUNT)
            return lambda v: parse_decimal(v, least, most)
        if kind is FieldType.BOOL:
            return parse_bool
        if kind is FieldType.DATETIME:
            return _cached(lambda v: parse_datetime(v, self.zone, self.date_formats))
        if kind is FieldType.PERIOD:
            return _cached(lambda v: parse_period(v, self.zone, self.date_formats))
        if kind is FieldType.LANGUAGE:
            return _cached(_language)
        return _cached(self._lookup(kind.value))

    def _lookup(self, kind: str) -> Parser:
        table: Mapping[str, int] = getattr(self.vocabulary, kind)
        codes = list(self.vocabulary.codes.get(kind, ()))

        def parse(value: Raw) -> int | None:
            text = parse_text(value, SHORT_TEXT_CHARS)
            if text is None:
                return None
            found = table.get(" ".join(text.lower().split()))
            if found is None:
                close = get_close_matches(text.lower(), codes, n=1, cutoff=0.6)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise ValueProblem(f"unknown {kind} {text!r}{hint}")
            return found

        return parse

    # -- rows ---------------------------------------------------------------
    def convert(
        self, values: Sequence[Raw], extras: Mapping[str, Raw] | None = None
    ) -> Record:
        """One row (values in header order) -> record; raises RowRejected."""
        record: Record = {}
        width = len(values)
        for name, index, parse, column, required, translate, default in self.fields:
            raw = values[index] if index is not None and index < width else default
            if translate is not None and isinstance(raw, str) and raw in translate:
                raw = translate[raw]
            try:
                value = parse(raw)
                if value is None and index is not None and default is not None:
                    value = parse(default)
            except ValueProblem as problem:
                shown = None if name in self._personal else raw
                raise RowRejected(column, str(problem), shown) from None
            if value is None and required:
                raise RowRejected(column, "required value is missing", raw)
            record[name] = value
        plan = self.plan
        if plan.questions:
            record["answers"] = self._answers(values, width)
        if plan.spec.keeps_attributes:
            record["attributes"] = self._attributes(values, width, extras)
        parts = [
            (v if type(v := values[i]) is str else _canonical(v))
            if i is not None and i < width
            else default
            for i, default in self._hashed
        ]
        for name, i in self._named:
            value = _canonical(values[i]) if i < width else ""
            if value:
                parts.append(f"{name}={value}")
        if extras:
            parts += [f"{k}={_canonical(v)}" for k, v in sorted(extras.items())]
        record["content_hash"] = content_hash(parts)
        if record["id"] is None:
            record["id"] = "h:" + record["content_hash"]
        return record

    def convert_mapping(self, payload: Mapping[str, Raw]) -> Record:
        """An API payload keyed by field name -> record."""
        return self.convert([payload.get(name) for name in self.plan.header])

    def _answers(self, values: Sequence[Raw], width: int) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for index, code in self.plan.questions.items():
            raw = values[index] if index < width else None
            try:
                number = parse_decimal(raw)
            except ValueProblem:
                text = parse_text(raw, SHORT_TEXT_CHARS)
                if text is not None:
                    answers[code] = text
                continue
            if number is not None:
                answers[code] = float(number)
        return answers

    def _attributes(
        self, values: Sequence[Raw], width: int, extras: Mapping[str, Raw] | None
    ) -> dict[str, Any]:
        attributes: dict[str, Any] = {}
        items = [
            (name, values[i] if i < width else None)
            for i, name in self.plan.attributes.items()
        ]
        allowed = self.plan.allowed_attributes
        items += [
            (key, raw)
            for name, raw in (extras or {}).items()
            if (key := normalise_header(name)) in allowed
        ]
        for name, raw in items:
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            if isinstance(raw, str):
                if len(raw) > self.max_chars:
                    raise RowRejected(
                        name, f"longer than {self.max_chars} characters", raw
                    )
                if "\x00" in raw:
                    raise RowRejected(name, "contains a NUL character", raw)
                attributes[name] = raw.strip()
            elif isinstance(raw, int | float | bool):
                attributes[name] = raw
            else:
                attributes[name] = str(raw)
        return attributes


_Field = tuple[str, int | None, Parser, str, bool, Mapping[str, str] | None, Any]
CACHE_SIZE = 50_000


def _cached(parse: Parser) -> Parser:
    """Remember results for repeated raw values (dates and store names repeat)."""
    cache: dict[Raw, Any] = {}

    def parse_cached(value: Raw) -> Any:
        try:
            return cache[value]
        except KeyError:
            pass
        result = parse(value)
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[value] = result
        return result

    return parse_cached


def _canonical(value: Raw) -> str:
    # 89, 89.0 and " 89" are one value, whichever file format carried them.
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def content_hash(parts: Sequence[str]) -> str:
    """A stable fingerprint of a record's content (its values, not its id)."""
    joined = "\x1f".join(parts)
    return hashlib.blake2b(joined.encode(), digest_size=16).hexdigest()


def _plain(value: float) -> str:
    # Spreadsheets turn ids into floats (1234.0): keep them as the digits people see.
    return str(int(value)) if value.is_integer() else str(value)


def _language(value: Raw) -> str | None:
    text = parse_text(value, 40)
    if text is None:
        return None
    key = text.lower()
    if key in _LANGUAGES:
        return _LANGUAGES[key]
    code = key.replace("_", "-").split("-")[0]
    if len(code) != 2 or not code.isalpha():
        raise ValueProblem("expected a language code (nl, en)")
    return code
