"""The workspace's analytical lake: the facts as Parquet, refreshed incrementally.

Why a columnar copy: the operational store is row-oriented (SQLite, PostgreSQL)
and a GROUP BY over a million responses takes about a second there, against
~50 ms for DuckDB over Parquet. Why Parquet files and not a DuckDB database: a
DuckDB file admits one process, while the web app, the CLI and workers all read
analytics at once; Parquet parts are immutable files that any number of
processes (and Spark) read, and a refresh swaps them in with a rename.

Layout: `FOLDER/<table>/part-NNNNN.parquet` per table of `analytics.tables`, and
`FOLDER/manifest.json` with each table's store signature and watermark, which
the refresh service compares to decide between nothing, an append, or a rebuild.
Times arrive in UTC and are stored in the workspace's local time.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import ibis.expr.datatypes as dt
import pyarrow as pa
import pyarrow.parquet as pq

from belofte.analytics.engine import Engine, connect_parquet
from belofte.analytics.tables import FACTS, TIME_COLUMN

__all__ = ["Lake", "TableState", "arrow_schema"]

MANIFEST = "manifest.json"
#: More parts than this and a table is rewritten as one (queries open every part).
MAX_PARTS = 24

_SQL_TYPES = {dt.Int64: "BIGINT", dt.String: "VARCHAR", dt.Float64: "DOUBLE"}


@dataclass(frozen=True, slots=True)
class TableState:
    """What the lake holds of one table."""

    signature: list[Any]
    watermark: int
    rows: int
    parts: int


def _arrow_type(dtype: dt.DataType) -> pa.DataType:
    if dtype.is_timestamp():
        return pa.timestamp("us")
    return {dt.Int64: pa.int64(), dt.String: pa.string(), dt.Float64: pa.float64()}[
        type(dtype)
    ]


def _literal(text: object) -> str:
    """A SQL string literal (paths and zone names are ours, but may hold quotes)."""
    return "'" + str(text).replace("'", "''") + "'"


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of an analytical table (times without a zone)."""
    return pa.schema(
        [(name, _arrow_type(dtype)) for name, dtype in FACTS[table].items()]
    )


def _read(glob: Path) -> str:
    """A query of every row in these Parquet files."""
    return f"SELECT * FROM read_parquet({_literal(glob)})"  # noqa: S608 - our paths, quoted


def _copy(con: duckdb.DuckDBPyConnection, query: str, out: Path) -> None:
    """Write a query's rows as one zstd Parquet file.

    DuckDB's own IOException (a full disk, say) becomes an OSError, as Python's
    file writes raise: callers handle one kind of failure to write.
    """
    try:
        con.execute(
            f"COPY ({query}) TO {_literal(out)} (FORMAT parquet, COMPRESSION zstd)"
        )
    except duckdb.IOException as exc:
        raise OSError(errno.EIO, f"cannot write {out.name}: {exc}") from None


def _select_sql(table: str, timezone: str) -> str:
    """Cast every column to its fact type; UTC times become local times."""
    columns = []
    for name, dtype in FACTS[table].items():
        if name == TIME_COLUMN:
            columns.append(
                f'timezone(\'{timezone}\', CAST("{name}" AS TIMESTAMPTZ)) AS "{name}"'
            )
        else:
            sql_type = _SQL_TYPES[type(dtype)]
            columns.append(f'CAST("{name}" AS {sql_type}) AS "{name}"')
    # Column names and types come from FACTS, never from input.
    return "SELECT " + ", ".join(columns) + " FROM incoming"  # noqa: S608


class Lake:
    """A folder of Parquet facts with a manifest."""

    def __init__(self, folder: Path, timezone: str) -> None:
        self.folder = folder
        self.timezone = timezone

    # ------------------------------------------------------------------ state
    def _manifest(self) -> dict[str, Any]:
        path = self.folder / MANIFEST
        if not path.is_file():
            return {"timezone": self.timezone, "tables": {}}
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("timezone") != self.timezone:
            # Local times of another zone: every table is rebuilt.
            return {"timezone": self.timezone, "tables": {}}
        return manifest

    def _save(self, manifest: dict[str, Any]) -> None:
        path = self.folder / MANIFEST
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(manifest, indent=1, default=str), encoding="utf-8")
        os.replace(tmp, path)

    def state(self, table: str) -> TableState | None:
        """The table's state, or None when it was never written (or is stale)."""
        entry = self._manifest()["tables"].get(table)
        if entry is None or not (self.folder / table).is_dir():
            return None
        return TableState(
            entry["signature"], entry["watermark"], entry["rows"], entry["parts"]
        )

    @property
    def data_version(self) -> dict[str, Any] | None:
        """The store's data version the lake was last found fresh at."""
        version = self._manifest().get("data_version")
        return dict(version) if isinstance(version, dict) else None

    def set_data_version(self, version: dict[str, Any]) -> None:
        """Remember that the lake is fresh for this store data version."""
        manifest = self._manifest()
        manifest["data_version"] = version
        self._save(manifest)

    @property
    def is_complete(self) -> bool:
        """True when every analytical table has been written."""
        return all(self.state(name) is not None for name in FACTS)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """One writer at a time, across processes."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ".lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # ------------------------------------------------------------------ writes
    def _write_part(
        self, table: str, batches: Iterable[Sequence[tuple[Any, ...]]], path: Path
    ) -> int:
        """Write rows (tuples in FACTS column order) as one Parquet file."""
        schema = arrow_schema(table)
        count = 0

        def record_batches() -> Iterator[pa.RecordBatch]:
            nonlocal count
            for rows in batches:
                if not rows:
                    continue
                count += len(rows)
                columns = list(zip(*rows, strict=True))
                yield pa.record_batch(
                    [
                        pa.array(values, type=field.type, from_pandas=False)
                        for values, field in zip(columns, schema, strict=True)
                    ],
                    schema=schema,
                )

        reader = pa.RecordBatchReader.from_batches(schema, record_batches())
        with duckdb.connect() as con:
            con.execute("SET TimeZone = 'UTC'")
            con.register("incoming", reader)
            tmp = path.with_name(f".{path.name}.tmp")
            _copy(con, _select_sql(table, self.timezone), tmp)
            os.replace(tmp, path)
        return count

    def replace(
        self,
        table: str,
        batches: Iterable[Sequence[tuple[Any, ...]]],
        signature: list[Any],
        watermark: int,
    ) -> int:
        """Rewrite a table from all its rows; returns the number of rows."""
        staging = self.folder / f".new-{table}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        rows = self._write_part(table, batches, staging / "part-00000.parquet")
        final, old = self.folder / table, self.folder / f".old-{table}"
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        staging.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        self._record(table, signature, watermark, rows, parts=1)
        return rows

    def append(
        self,
        table: str,
        batches: Iterable[Sequence[tuple[Any, ...]]],
        signature: list[Any],
        watermark: int,
    ) -> int:
        """Add new rows as one more part; returns how many were added."""
        state = self.state(table)
        if state is None:
            return self.replace(table, batches, signature, watermark)
        if isinstance(batches, list) and not batches:
            self._record(table, signature, watermark, state.rows, state.parts)
            return 0
        name = f"part-{state.parts:05d}.parquet"
        added = self._write_part(table, batches, self.folder / table / name)
        self._record(table, signature, watermark, state.rows + added, state.parts + 1)
        if state.parts + 1 > MAX_PARTS:
            self._compact(table)
        return added

    def _compact(self, table: str) -> None:
        folder = self.folder / table
        merged = folder / ".merged.parquet"
        with duckdb.connect() as con:
            _copy(con, _read(folder / "*.parquet"), merged)
        for part in folder.glob("part-*.parquet"):
            part.unlink()
        os.replace(merged, folder / "part-00000.parquet")
        manifest = self._manifest()
        manifest["tables"][table]["parts"] = 1
        self._save(manifest)

    def _record(
        self, table: str, signature: list[Any], watermark: int, rows: int, parts: int
    ) -> None:
        manifest = self._manifest()
        manifest["tables"][table] = {
            "signature": signature,
            "watermark": watermark,
            "rows": rows,
            "parts": parts,
        }
        self._save(manifest)

    def export(self, target: Path) -> dict[str, int]:
        """Copy every table to `target/<table>/part-00000.parquet`; rows per table."""
        counts = {}
        with duckdb.connect() as con:
            for table in FACTS:
                folder = target / table
                folder.mkdir(parents=True, exist_ok=True)
                for old in folder.glob("*.parquet"):
                    old.unlink()
                out = folder / "part-00000.parquet"
                _copy(con, _read(self.folder / table / "*.parquet"), out)
                row = con.execute(f"SELECT count(*) FROM ({_read(out)})").fetchone()  # noqa: S608 - our path, quoted
                counts[table] = int(row[0]) if row else 0
        return counts

    def load_into(self, engine: Engine) -> dict[str, int]:
        """Replace the analytical tables inside another engine's database."""
        counts = {}
        for table in FACTS:
            data = pq.read_table(self.folder / table, schema=arrow_schema(table))
            engine.backend.create_table(table, data, overwrite=True)
            counts[table] = data.num_rows
        return counts

    # ------------------------------------------------------------------ reads
    def engine(self) -> Engine:
        """DuckDB over the lake's Parquet files (cheap: views, no copy)."""
        engine = connect_parquet(self.folder)
        engine.label = "duckdb (workspace lake)"
        return engine
