"""Import files and API payloads: validate every row, store each record exactly once.

Rows are converted one by one (a bad row is reported and skipped, never fatal),
texts are redacted before they reach any analytical table, and records are
written in batches that each commit, so a killed import keeps its finished
batches and a rerun completes it: natural keys make the rerun store nothing twice.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import structlog

from belofte.errors import InvalidInput
from belofte.ingest.convert import Converter, Record, RowRejected, Vocabulary
from belofte.ingest.kinds import SPECS, RecordKind
from belofte.ingest.mapping import ColumnPlan, MappingFile, load_mapping, plan_columns
from belofte.ingest.readers import BadRow, TableReader, open_table
from belofte.ingest.report import ErrorReport, ImportSummary, RowError, shorten
from belofte.services.audit import CLI_ACTOR, audit, audit_in
from belofte.services.enrichment import enrich_newest, enrich_texts
from belofte.services.workspace import Workspace
from belofte.store.repositories.blueprint import BlueprintRepository
from belofte.store.repositories.imports import ImportRunRepository
from belofte.store.repositories.meta import MetaRepository
from belofte.store.repositories.records import BatchCounts, RecordWriter
from belofte.text.redact import redact_pii

log = structlog.get_logger(__name__)

#: Where each kind is stored.
TARGETS = {
    RecordKind.RESPONSES: ("responses", "survey"),
    RecordKind.REVIEWS: ("verbatims", "review"),
    RecordKind.SOCIAL: ("verbatims", "social"),
    RecordKind.TICKETS: ("verbatims", "ticket"),
    RecordKind.EVENTS: ("events", ""),
    RecordKind.ORDERS: ("orders", ""),
    RecordKind.CUSTOMERS: ("customers", ""),
    RecordKind.PULSE: ("pulse", ""),
}
Progress = Callable[[int, int, int], None]  # bytes read, total bytes, rows read


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """How a file would be read: format, encoding, delimiter, and the column plan."""

    format: str
    encoding: str | None
    delimiter: str | None
    columns: ColumnPlan
    source: str


def errors_path(path: Path) -> Path:
    """FILE.errors.csv next to FILE."""
    return path.with_name(path.name + ".errors.csv")


SOURCE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def _check_source(source: str) -> str:
    if not SOURCE_PATTERN.match(source):
        raise InvalidInput(
            f"invalid source {source[:40]!r}: "
            "use 1-100 letters, digits, '.', '_' or '-'"
        )
    return source


def _mapping(mapping_path: Path | None, kind: RecordKind) -> MappingFile:
    mapping = load_mapping(mapping_path) if mapping_path is not None else MappingFile()
    if mapping.kind is not None and mapping.kind is not kind:
        raise InvalidInput(f"the mapping is for {mapping.kind}, not {kind}")
    return mapping


def _open(path: Path, mapping: MappingFile, ws: Workspace) -> TableReader:
    return open_table(
        path,
        encoding=mapping.encoding,
        delimiter=mapping.delimiter,
        max_field_chars=ws.settings.import_max_field_chars,
    )


def plan_import(
    ws: Workspace,
    path: Path,
    kind: RecordKind,
    mapping_path: Path | None = None,
    source: str | None = None,
) -> ImportPlan:
    """The mapping `belofte import` would use for `path` (for --show-mapping)."""
    mapping = _mapping(mapping_path, kind)
    reader = _open(path, mapping, ws)
    try:
        columns = plan_columns(kind, reader.header, mapping)
    finally:
        reader.close()
    return ImportPlan(
        reader.format,
        reader.encoding,
        reader.delimiter,
        columns,
        source or mapping.source or kind.value,
    )


#: How long a process trusts its cached blueprint names before it looks again
#: whether another blueprint was applied (by another process, say).
VOCABULARY_SECONDS = 5.0


def _vocabulary(ws: Workspace) -> tuple[int, Vocabulary]:
    """Blueprint names -> ids, and the blueprint version they come from."""
    cached = ws.cache.get("vocabulary")
    if cached is not None and time.monotonic() - cached[2] < VOCABULARY_SECONDS:
        return cached[0], cached[1]
    with ws.session(read_only=True) as session:
        repository = BlueprintRepository(session)
        version = repository.version()
        if cached is not None and cached[0] == version:
            ws.cache["vocabulary"] = (version, cached[1], time.monotonic())
            return version, cached[1]
        names = repository.names()
    tables: dict[str, dict[str, int]] = {}
    codes: dict[str, tuple[str, ...]] = {}
    for kind, rows in names.items():
        table: dict[str, int] = {}
        for row_id, code, labels in rows:
            table[code.lower()] = row_id
            for label in labels:
                table.setdefault(" ".join(label.lower().split()), row_id)
        tables[kind] = table
        codes[kind] = tuple(code for _, code, _ in rows)
    vocabulary = Vocabulary(
        touchpoint=tables["touchpoint"],
        location=tables["location"],
        channel=tables["channel"],
        team=tables["team"],
        codes=codes,
    )
    ws.cache["vocabulary"] = (version, vocabulary, time.monotonic())
    return version, vocabulary


def _salt(ws: Workspace) -> str:
    """The workspace's pseudonymisation salt (it never changes once made)."""
    salt: str | None = ws.cache.get("salt")
    if salt is None:
        with ws.session() as session:
            salt = MetaRepository(session).pseudonym_salt()
        ws.cache["salt"] = salt
    return salt


def _prepare_text(record: Record, kind: RecordKind) -> None:
    """Keep the original text for the personal-data side; analyses get it redacted."""
    field = SPECS[kind].text_field
    text = record.get(field) if field else None
    if not text:
        return
    title = record.get("title")
    full = f"{title}\n{text}" if title else text
    record["original_text"] = full
    record["text_redacted"] = redact_pii(full).text


@dataclass(frozen=True, slots=True)
class _Chunk:
    """What the reading side hands the writing side: records, rejections, progress."""

    records: list[Record]
    errors: list[RowError]
    read: int
    bytes_read: int
    last: bool


def _chunks(
    reader: TableReader, converter: Converter, kind: RecordKind, size: int
) -> Iterator[_Chunk]:
    """Read, validate and redact rows; yield them a batch at a time."""
    records: list[Record] = []
    errors: list[RowError] = []
    read = 0
    convert = converter.convert
    for item in reader.rows():
        read += 1
        if isinstance(item, BadRow):
            errors.append(RowError(item.line, "", item.reason, shorten(item.value)))
            continue
        try:
            record = convert(item.values, item.extras)
        except RowRejected as rejected:
            errors.append(
                RowError(
                    item.line, rejected.column, rejected.reason, shorten(rejected.value)
                )
            )
            continue
        _prepare_text(record, kind)
        records.append(record)
        if len(records) >= size:
            yield _Chunk(records, errors, read, reader.bytes_read, last=False)
            records, errors = [], []
    yield _Chunk(records, errors, read, reader.total_bytes, last=True)


def _produce(chunks: Iterator[_Chunk], out: Any, parent: int) -> None:
    """Child process: feed chunks to the parent; stop if the parent is gone."""
    try:
        for chunk in chunks:
            while True:
                try:
                    out.put(chunk, timeout=1)
                    break
                except queue.Full:
                    if os.getppid() != parent:  # the importer was killed: stop
                        return
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as text
        out.put(f"{type(exc).__name__}: {exc}")


def _chunks_in_parallel(chunks: Iterator[_Chunk]) -> Iterator[_Chunk]:
    """The same chunks, produced by a forked child while this process writes.

    Reading, validating and redacting are pure Python; writing is mostly the
    database's own work. Threads would share one interpreter lock (and SQLite
    releases it for every row, which makes them slower still), so the reading
    side runs in a child process and hands over finished batches.
    """
    if (
        "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1
    ):
        # Forking a process that runs other threads can copy a held lock and hang
        # (a web server, say): there, read in this process; correct, just slower.
        yield from chunks
        return
    context = multiprocessing.get_context("fork")
    handover: Any = context.Queue(maxsize=2)
    child = context.Process(
        target=_produce,
        args=(chunks, handover, os.getpid()),
        daemon=True,
        name="belofte-import-reader",
    )
    child.start()
    try:
        while True:
            try:
                item = handover.get(timeout=1)
            except queue.Empty:
                if not child.is_alive():
                    raise RuntimeError("the import's reading process stopped") from None
                continue
            if isinstance(item, str):
                raise RuntimeError(f"reading the file failed: {item}")
            yield item
            if item.last:
                return
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        handover.close()


def import_file(
    ws: Workspace,
    path: Path,
    kind: RecordKind,
    *,
    mapping_path: Path | None = None,
    source: str | None = None,
    strict: bool = False,
    on_progress: Progress | None = None,
    on_enrich: Callable[[int, int], None] | None = None,
    actor: str = CLI_ACTOR,
) -> ImportSummary:
    """Import `path` as records of `kind`; returns the summary.

    The audit log gets one entry per file, naming `actor`.

    Rejected rows are written to FILE.errors.csv.

    With `strict`, any rejected row fails the whole import and nothing is stored.
    """
    ws.require_current_schema()
    mapping = _mapping(mapping_path, kind)
    reader = _open(path, mapping, ws)
    try:
        columns = plan_columns(kind, reader.header, mapping)
        source = _check_source(source or mapping.source or kind.value)
        summary = ImportSummary(
            file=path.name,
            kind=kind.value,
            source=source,
            format=reader.format,
            strict=strict,
        )
        converter = Converter(
            columns,
            _vocabulary(ws)[1],
            ZoneInfo(mapping.timezone or ws.settings.timezone),
            date_formats=mapping.date_formats,
            max_chars=ws.settings.import_max_field_chars,
        )
        report = ErrorReport(
            errors_path(path),
            path.name,
            fallback=ws.path / "imports" / errors_path(path).name,
        )
        with ws.session() as session:
            run_id = ImportRunRepository(session).start(kind.value, source, path.name)
        salt = _salt(ws)
        started = time.perf_counter()
        status = "failed"
        try:
            _run(
                ws,
                reader,
                converter,
                report,
                summary,
                kind,
                salt,
                mapping,
                strict,
                on_progress,
            )
            status = "finished"
        finally:
            summary.seconds = time.perf_counter() - started
            report.close()
            summary.errors_file = str(report.path) if report.count else None
            summary.first_errors = [
                {
                    "line": e.line,
                    "column": e.column,
                    "reason": e.reason,
                    "value": e.value,
                }
                for e in report.first
            ]
            summary.status = status if not (strict and summary.rejected) else "failed"
            with ws.session() as session:
                ImportRunRepository(session).finish(
                    run_id, summary.status, _counts(summary)
                )
                audit_in(
                    session,
                    actor,
                    "import.file",
                    path.name,
                    kind=kind.value,
                    source=source,
                    run=run_id,
                    status=summary.status,
                    **_counts(summary),
                )
    finally:
        reader.close()
    log.info(
        "import.finished",
        kind=kind.value,
        source=source,
        read=summary.read,
        stored=summary.stored,
        updated=summary.updated,
        duplicates=summary.duplicates,
        rejected=summary.rejected,
        seconds=round(summary.seconds, 2),
    )
    if strict and summary.rejected:
        raise InvalidInput(
            f"strict import of {path.name}: {summary.rejected} row(s) rejected, "
            f"nothing stored; see {summary.errors_file}",
            tuple(f"{path.name}:{e.line} {e.column}: {e.reason}" for e in report.first),
        )
    if (
        ws.settings.enrich_on_import
        and TARGETS[kind][1]
        and summary.stored + summary.updated
    ):
        summary.enriched = enrich_texts(ws, on_progress=on_enrich).enriched
    return summary


def _run(
    ws: Workspace,
    reader: TableReader,
    converter: Converter,
    report: ErrorReport,
    summary: ImportSummary,
    kind: RecordKind,
    salt: str,
    mapping: MappingFile,
    strict: bool,
    on_progress: Progress | None,
) -> None:
    target, verbatim_kind = TARGETS[kind]
    chunks = _chunks(reader, converter, kind, ws.settings.import_batch_size)
    counts = BatchCounts()
    with ws.engine.connect() as connection:
        writer = RecordWriter(
            connection,
            target,
            summary.source,
            salt=salt,
            customer_namespace=mapping.customer_namespace,
            verbatim_kind=verbatim_kind or "survey",
        )
        for chunk in _chunks_in_parallel(chunks):
            for error in chunk.errors:
                report.add(error)
            summary.read = chunk.read
            summary.rejected = report.count
            if chunk.records:
                done = writer.write(chunk.records, datetime.now(UTC))
                counts.stored += done.stored
                counts.updated += done.updated
                counts.duplicates += done.duplicates
                if not strict:
                    connection.commit()  # a killed import keeps every finished batch
            if on_progress is not None:
                on_progress(chunk.bytes_read, reader.total_bytes, chunk.read)
        if strict and summary.rejected:
            connection.rollback()
            return
        connection.commit()
    summary.stored, summary.updated = counts.stored, counts.updated
    summary.duplicates = counts.duplicates


def _counts(summary: ImportSummary) -> dict[str, Any]:
    return {
        k: getattr(summary, k)
        for k in ("read", "stored", "updated", "duplicates", "rejected")
    }


# ---------------------------------------------------------------- API payloads
@dataclass(frozen=True, slots=True)
class PayloadProblem:
    """A rejected payload: its index in the batch, the field, and why."""

    index: int
    field: str
    reason: str


def _api_converter(ws: Workspace, kind: RecordKind) -> Converter:
    """The converter for API payloads of `kind` (payload keys are the field names)."""
    version, vocabulary = _vocabulary(ws)
    key = f"api-converter:{kind.value}"
    cached = ws.cache.get(key)
    if cached is not None and cached[0] == version:
        converter: Converter = cached[1]
        return converter
    header = [f.name for f in SPECS[kind].fields]
    converter = Converter(
        plan_columns(kind, header, MappingFile()),
        vocabulary,
        ZoneInfo(ws.settings.timezone),
        max_chars=ws.settings.import_max_field_chars,
    )
    ws.cache[key] = (version, converter)
    return converter


class RecordsInvalid(InvalidInput):
    """Some API payloads are invalid; `invalid` says which, where and why."""

    def __init__(self, invalid: list[PayloadProblem]) -> None:
        super().__init__(
            f"{len(invalid)} invalid record(s); nothing stored",
            tuple(f"record {p.index} {p.field}: {p.reason}" for p in invalid),
        )
        self.invalid = invalid


def ingest_records(
    ws: Workspace,
    kind: RecordKind,
    payloads: Sequence[Mapping[str, Any]],
    *,
    source: str,
    idempotency_key: str | None = None,
    actor: str = CLI_ACTOR,
) -> ImportSummary:
    """Validate and store API payloads (field name -> value), all or nothing.

    Any invalid payload raises InvalidInput whose problems read
    'INDEX FIELD: reason', and nothing is stored. A payload without an `id`
    takes the Idempotency-Key (suffixed with its index in a batch) as its key.
    """
    ws.require_current_schema()
    header = [f.name for f in SPECS[kind].fields]
    converter = _api_converter(ws, kind)
    records: list[Record] = []
    problems: list[PayloadProblem] = []
    for index, payload in enumerate(payloads):
        unknown = [k for k in payload if k not in header]
        if unknown:
            problems.append(PayloadProblem(index, unknown[0], "unknown field"))
            continue
        values = dict(payload)
        if values.get("id") in (None, "") and idempotency_key:
            values["id"] = (
                idempotency_key if len(payloads) == 1 else f"{idempotency_key}/{index}"
            )
        try:
            record = converter.convert_mapping(values)
        except RowRejected as rejected:
            problems.append(PayloadProblem(index, rejected.column, rejected.reason))
            continue
        _prepare_text(record, kind)
        records.append(record)
    if problems:
        raise RecordsInvalid(problems)
    summary = ImportSummary(
        file="", kind=kind.value, source=source, format="api", read=len(payloads)
    )
    target, verbatim_kind = TARGETS[kind]
    started = time.perf_counter()
    with ws.engine.connect() as connection:
        writer = RecordWriter(
            connection,
            target,
            source,
            salt=_salt(ws),
            verbatim_kind=verbatim_kind or "survey",
        )
        counts = writer.write(records, datetime.now(UTC))
        connection.commit()
    summary.stored, summary.updated = counts.stored, counts.updated
    summary.duplicates = counts.duplicates
    summary.seconds = time.perf_counter() - started
    summary.status = "finished"
    audit(
        ws,
        actor,
        "import.api",
        kind.value,
        source=source,
        **_counts(summary),
    )
    if (
        ws.settings.enrich_on_import
        and verbatim_kind
        and summary.stored + summary.updated
    ):
        summary.enriched = enrich_newest(ws, summary.stored + summary.updated)
    return summary
