"""Import files and API payloads: validate every row, store each record exactly once.

Rows are converted one by one (a bad row is reported and skipped, never fatal),
texts are redacted before they reach any analytical table, and records are
written in batches that each commit, so a killed import keeps its finished
batches and a rerun completes it: natural keys make the rerun store nothing twice.

Personal data stays where it belongs: attributes whose values look like it
(an e-mail address, a phone number, an IBAN in a declared column) reject their
row, and an error report quotes a value only after redaction. Every stored
batch is covered by the audit log: the `import.started` entry commits before
the first batch, the `import.file` entry with the final counts in the same
transaction as the last. A `--strict` import checks the whole file before it
takes the write lock, so it never holds the lock for a whole file.
"""

from __future__ import annotations

import os
import re
import socket
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import structlog
from sqlalchemy import Connection

from belofte.errors import InvalidInput, StoreUnavailable
from belofte.ingest.convert import Converter, Record, RowRejected, Vocabulary
from belofte.ingest.kinds import SPECS, RecordKind
from belofte.ingest.mapping import ColumnPlan, MappingFile, load_mapping, plan_columns
from belofte.ingest.readers import BadRow, TableReader, open_table
from belofte.ingest.report import ErrorReport, ImportSummary, RowError, shorten
from belofte.services.access.audit import CLI_ACTOR, audit_in
from belofte.services.jobs.queue import enqueue
from belofte.services.listen.enrichment import ENRICH_JOB, enrich_newest
from belofte.services.listen.readahead import read_ahead
from belofte.services.workspace import Workspace
from belofte.store.repositories.blueprint import BlueprintRepository
from belofte.store.repositories.imports import (
    FAILED,
    FINISHED,
    INTERRUPTED,
    ImportRunRepository,
    RunningImport,
)
from belofte.store.repositories.meta import MetaRepository
from belofte.store.repositories.records import BatchCounts, RecordWriter
from belofte.store.session import session_on
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


#: Rows per write within a batch (see `_WriteTurns`).
WRITE_SLICE = 2_000

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
    segments = _vocabulary(ws)[1].segments
    reader = _open(path, mapping, ws)
    try:
        columns = plan_columns(kind, reader.header, mapping, segments)
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
        segments = repository.segments()
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
        segments=segments,
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


#: How much of a rejected value is redacted and then shortened for the report.
_QUOTED_CHARS = 1000


#: What an error report shows instead of a personal column's value.
HIDDEN = "[personal data]"


def quoted(value: object) -> str:
    """A rejected value as an error report may show it: redacted, then shortened."""
    if value is None:
        return ""
    return shorten(redact_pii(str(value)[:_QUOTED_CHARS]).text)


def quoted_line(text: str, columns: ColumnPlan, delimiter: str | None) -> str:
    """An unreadable line as context: personal columns hidden, the rest redacted.

    The redactor alone misses a bare surname in an `Achternaam` column, so the
    line is split where its columns would be and those of personal fields
    (and personal-looking names) are hidden; quotes are dropped so that a
    broken one cannot hide a name from the redactor.
    """
    if not delimiter:
        return quoted(text)
    personal = {
        index
        for name, index in columns.fields.items()
        if columns.spec.field(name).personal
    } | {i for i, name in enumerate(columns.header) if name in columns.personal}
    parts = text[:_QUOTED_CHARS].split(delimiter)
    return shorten(
        delimiter.join(
            HIDDEN if i in personal else _redacted_part(part)
            for i, part in enumerate(parts)
        )
    )


def _redacted_part(part: str) -> str:
    """A field of a broken line, redacted; as it was when it holds nothing personal."""
    plain = part.replace('"', "")
    redacted = redact_pii(plain).text
    return part if redacted == plain else redacted


class _AttributeScreen:
    """Rejects a row whose attribute values look like personal data.

    The redactor's detectors run over each value (e-mail, phone, IBAN, BSN,
    postcode, address, name, URL); values repeat (tiers, store codes), so
    answers are remembered, a bounded number of them.
    """

    MEMO = 50_000

    def __init__(self, kind: RecordKind) -> None:
        self.segment = kind is RecordKind.CUSTOMERS  # the segment field too
        self.memo: dict[str, str | None] = {}

    def kind_of(self, text: str) -> str | None:
        found = self.memo.get(text, "")
        if found == "":
            redactions = redact_pii(text).redactions
            found = redactions[0].kind.value if redactions else None
            if len(self.memo) >= self.MEMO:
                self.memo.clear()
            self.memo[text] = found
        return found

    def check(self, record: Record) -> None:
        values = list((record.get("attributes") or {}).items())
        if self.segment and record.get("segment"):
            values.append(("segment", record["segment"]))
        for name, value in values:
            if isinstance(value, bool) or value is None:
                continue
            found = self.kind_of(str(value))
            if found is not None:
                raise RowRejected(
                    name,
                    f"looks like personal data ({found}); personal data is never "
                    "kept as an attribute",
                )


@dataclass(frozen=True, slots=True)
class _Chunk:
    """What the reading side hands the writing side: records, rejections, progress."""

    records: list[Record]
    errors: list[RowError]
    read: int
    bytes_read: int
    last: bool


def _chunks(
    reader: TableReader,
    converter: Converter,
    kind: RecordKind,
    size: int,
    *,
    check_only: bool = False,
) -> Iterator[_Chunk]:
    """Read, validate and redact rows; yield them a batch at a time.

    `check_only` validates without keeping records (a strict import's first pass).
    """
    records: list[Record] = []
    errors: list[RowError] = []
    read = kept = 0
    convert = converter.convert
    screen = _AttributeScreen(kind)
    plan, delimiter = converter.plan, reader.delimiter
    for item in reader.rows():
        read += 1
        if isinstance(item, BadRow):
            context = quoted_line(item.value, plan, delimiter)
            errors.append(RowError(item.line, "", item.reason, context))
            continue
        try:
            record = convert(item.values, item.extras)
            screen.check(record)
        except RowRejected as rejected:
            errors.append(
                RowError(
                    item.line, rejected.column, rejected.reason, quoted(rejected.value)
                )
            )
            continue
        kept += 1
        if not check_only:
            _prepare_text(record, kind)
            records.append(record)
        if kept % size == 0:
            yield _Chunk(records, errors, read, reader.bytes_read, last=False)
            records, errors = [], []
    yield _Chunk(records, errors, read, reader.total_bytes, last=True)


#: A run still `running` on another machine with no batch for this long is
#: taken as interrupted (on this machine its process is simply looked up).
STALE_AFTER = timedelta(hours=1)


def _is_stale(run: RunningImport, host: str, now: datetime) -> bool:
    if run.host == host and run.pid:
        try:
            os.kill(run.pid, 0)  # signal 0: does the process exist?
        except ProcessLookupError:
            return True
        except PermissionError:
            return False  # it exists, as another user's
        return False
    return run.heartbeat_at is None or now - run.heartbeat_at > STALE_AFTER


def _start_run(
    ws: Workspace, kind: RecordKind, source: str, file_name: str, actor: str
) -> int:
    """Mark interrupted runs, start this one and audit it, in one transaction."""
    host = socket.gethostname()
    with ws.session() as session:
        runs = ImportRunRepository(session)
        now = datetime.now(UTC)
        runs.interrupt([r.id for r in runs.running() if _is_stale(r, host, now)])
        run_id = runs.start(kind.value, source, file_name, host=host, pid=os.getpid())
        audit_in(
            session,
            actor,
            "import.started",
            file_name,
            kind=kind.value,
            source=source,
            run=run_id,
        )
    return run_id


def _finish_in(
    session: Any,
    run_id: int,
    summary: ImportSummary,
    actor: str,
    status: str,
    analyse: bool = False,
) -> None:
    """Close the run and write its `import.file` entry (inside the caller's unit).

    With `analyse`, the job that analyses the stored texts is enqueued in the
    same unit: a committed import always has it, a rolled-back one never.
    """
    ImportRunRepository(session).finish(run_id, status, _counts(summary))
    if analyse:
        summary.enrich_job = enqueue(
            session, ENRICH_JOB, {"run": run_id}, unique_key=f"{ENRICH_JOB}:{run_id}"
        )
    audit_in(
        session,
        actor,
        "import.file",
        summary.file,
        kind=summary.kind,
        source=summary.source,
        run=run_id,
        status=status,
        **_counts(summary),
    )


def import_file(
    ws: Workspace,
    path: Path,
    kind: RecordKind,
    *,
    mapping_path: Path | None = None,
    source: str | None = None,
    strict: bool = False,
    on_progress: Progress | None = None,
    actor: str = CLI_ACTOR,
) -> ImportSummary:
    """Import `path` as records of `kind`; returns the summary.

    The audit log gets an `import.started` entry before anything is stored and
    an `import.file` entry, naming `actor`, with the counts. Rejected rows are
    written to FILE.errors.csv. With `strict`, any rejected row fails the whole
    import and nothing is stored. New and changed texts are analysed by a job
    (`summary.enrich_job`), enqueued with the last batch: the import returns as
    soon as its rows are stored.
    """
    ws.require_current_schema()
    mapping = _mapping(mapping_path, kind)
    vocabulary = _vocabulary(ws)[1]
    reader = _open(path, mapping, ws)
    try:
        columns = plan_columns(kind, reader.header, mapping, vocabulary.segments)
        source = _check_source(source or mapping.source or kind.value)
        summary = ImportSummary(
            file=path.name,
            kind=kind.value,
            source=source,
            format=reader.format,
            strict=strict,
            not_stored=[
                {"column": column, "reason": why}
                for column, why in columns.not_stored()
            ],
        )
        converter = Converter(
            columns,
            vocabulary,
            ZoneInfo(mapping.timezone or ws.settings.timezone),
            date_formats=mapping.date_formats,
            max_chars=ws.settings.import_max_field_chars,
        )
        report = ErrorReport(
            errors_path(path),
            path.name,
            fallback=ws.path / "imports" / errors_path(path).name,
        )
        salt = _salt(ws)
        run_id = _start_run(ws, kind, source, path.name, actor)
        started = time.perf_counter()
        try:
            if strict:
                _check(reader, converter, kind, report, summary, ws, on_progress)
                if summary.rejected:
                    summary.status = FAILED
                    with ws.session() as session:
                        _finish_in(session, run_id, summary, actor, FAILED)
                    raise _strict_failure(path, summary, report)
                reader.close()
                reader = _open(path, mapping, ws)
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
                _second_half(on_progress) if strict else on_progress,
                run_id,
                actor,
            )
        except BaseException as exc:
            if summary.status == "running":
                summary.status = (
                    INTERRUPTED if isinstance(exc, KeyboardInterrupt) else FAILED
                )
                _finish_quietly(ws, run_id, summary, actor)
            raise
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
    return summary


def _strict_failure(
    path: Path, summary: ImportSummary, report: ErrorReport
) -> InvalidInput:
    report.close()
    return InvalidInput(
        f"strict import of {path.name}: {summary.rejected} row(s) rejected, "
        f"nothing stored; see {report.path}",
        tuple(f"{path.name}:{e.line} {e.column}: {e.reason}" for e in report.first),
    )


def _finish_quietly(
    ws: Workspace, run_id: int, summary: ImportSummary, actor: str
) -> None:
    """Record a failed run; if even that fails, the next import marks it."""
    try:
        with ws.session() as session:
            _finish_in(session, run_id, summary, actor, summary.status)
    except (StoreUnavailable, OSError):
        # The user sees the first error; this run is marked by the next import.
        log.info("import.unrecorded", run=run_id)


def _first_half(on_progress: Progress | None) -> Progress | None:
    if on_progress is None:
        return None
    return lambda done, total, rows: on_progress(done // 2, total, rows)


def _second_half(on_progress: Progress | None) -> Progress | None:
    if on_progress is None:
        return None
    return lambda done, total, rows: on_progress((total + done) // 2, total, rows)


def _check(
    reader: TableReader,
    converter: Converter,
    kind: RecordKind,
    report: ErrorReport,
    summary: ImportSummary,
    ws: Workspace,
    on_progress: Progress | None,
) -> None:
    """A strict import's first pass: every row validated, nothing written."""
    progress = _first_half(on_progress)
    size = ws.settings.import_batch_size
    for chunk in _chunks(reader, converter, kind, size, check_only=True):
        for error in chunk.errors:
            report.add(error)
        summary.read, summary.rejected = chunk.read, report.count
        if progress is not None:
            progress(chunk.bytes_read, reader.total_bytes, chunk.read)


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
    run_id: int,
    actor: str,
) -> None:
    """Write every batch, each with the run's heartbeat; the last with its audit."""
    target, verbatim_kind = TARGETS[kind]
    chunks = _chunks(reader, converter, kind, ws.settings.import_batch_size)
    counts = BatchCounts()
    with ws.engine.connect() as connection:
        turns = _WriteTurns(connection, ws.settings.sqlite_busy_timeout_ms / 1000)
        writer = RecordWriter(
            connection,
            target,
            summary.source,
            salt=salt,
            customer_namespace=mapping.customer_namespace,
            verbatim_kind=verbatim_kind or "survey",
        )

        def commit(last: bool) -> None:
            """Commit what was written, with the run's heartbeat or its end."""
            with session_on(connection) as session:
                if last:
                    analyse = bool(
                        ws.settings.enrich_on_import
                        and verbatim_kind
                        and summary.stored + summary.updated
                    )
                    _finish_in(session, run_id, summary, actor, FINISHED, analyse)
                else:
                    ImportRunRepository(session).beat(run_id, _counts(summary))
            connection.commit()  # a killed import keeps every committed batch
            ws.data_changed()
            turns.committed()

        for chunk in read_ahead(chunks):
            if strict and chunk.errors:  # checked clean a moment ago
                connection.rollback()
                raise InvalidInput(
                    f"strict import of {summary.file}: the file changed while it "
                    "was imported; import it again"
                )
            for error in chunk.errors:
                report.add(error)
            summary.read = chunk.read
            summary.rejected = report.count
            for start in range(0, len(chunk.records), WRITE_SLICE):
                turns.writing()
                done = writer.write(
                    chunk.records[start : start + WRITE_SLICE], datetime.now(UTC)
                )
                counts.stored += done.stored
                counts.updated += done.updated
                counts.duplicates += done.duplicates
                summary.stored, summary.updated = counts.stored, counts.updated
                summary.duplicates = counts.duplicates
                if start + WRITE_SLICE < len(chunk.records) and turns.due():
                    commit(last=False)  # part of the batch: others get a turn
            commit(last=chunk.last)
            if chunk.last:
                summary.status = FINISHED
            if on_progress is not None:
                on_progress(chunk.bytes_read, reader.total_bytes, chunk.read)


class _WriteTurns:
    """When an import on SQLite lets the other writers (the web app) have a turn.

    SQLite has one writer at a time; a writer that finds the lock taken polls
    for it, at first every few milliseconds and then every 100 ms, until its
    busy timeout. An import that held the lock for a whole batch, or took it
    back the moment it committed, could starve a sign-in into "database is
    locked". So a transaction commits once it has been open a quarter of the
    busy timeout, and after each commit the import pauses as long as a waiting
    writer's poll interval (its next batch is read meanwhile). On PostgreSQL
    writers do not queue for one lock: only the quarter applies, no pause.
    """

    SHARE = 0.25
    MAX_PAUSE_S = 0.1

    def __init__(self, connection: Connection, busy_timeout_s: float) -> None:
        self.sqlite = connection.dialect.name == "sqlite"
        self.budget = busy_timeout_s * self.SHARE
        self.began: float | None = None

    def writing(self) -> None:
        """A write is about to run (the transaction takes the lock)."""
        if self.began is None:
            self.began = time.monotonic()

    def due(self) -> bool:
        """Whether the transaction has been open long enough to commit."""
        return self.began is not None and time.monotonic() - self.began > self.budget

    def committed(self) -> None:
        """After a commit: leave a waiting writer its turn."""
        if self.began is None:
            return
        held, self.began = time.monotonic() - self.began, None
        if self.sqlite:
            time.sleep(min(held, self.MAX_PAUSE_S) + 0.002)


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
        plan_columns(kind, header, MappingFile(), vocabulary.segments),
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
    The records and their `import.api` audit entry commit together.
    """
    ws.require_current_schema()
    header = [f.name for f in SPECS[kind].fields]
    converter = _api_converter(ws, kind)
    screen = _AttributeScreen(kind)
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
            screen.check(record)
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
    # The salt first: a request path never holds two pooled connections at once
    # (sixteen concurrent first requests would otherwise take the whole pool).
    salt = _salt(ws)
    with ws.engine.connect() as connection:
        writer = RecordWriter(
            connection,
            target,
            source,
            salt=salt,
            verbatim_kind=verbatim_kind or "survey",
        )
        counts = writer.write(records, datetime.now(UTC))
        summary.stored, summary.updated = counts.stored, counts.updated
        summary.duplicates = counts.duplicates
        with session_on(connection) as session:
            audit_in(
                session,
                actor,
                "import.api",
                kind.value,
                source=source,
                **_counts(summary),
            )
        connection.commit()
    ws.data_changed()
    summary.seconds = time.perf_counter() - started
    summary.status = FINISHED
    if (
        ws.settings.enrich_on_import
        and verbatim_kind
        and summary.stored + summary.updated
    ):
        summary.enriched = enrich_newest(ws, summary.stored + summary.updated)
    return summary
