"""Engines: where analyses run, and what each one can do.

An `Engine` is an Ibis backend that holds the analytical tables of
`analytics.tables`, plus the capabilities it declares. Analyses ask for a
capability (`engine.require(...)`) instead of testing the engine's name, so a
gap is one clear `UnsupportedByEngine` error, never a silent fallback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import ibis
from ibis.backends import BaseBackend

from belofte.analytics.tables import FACTS
from belofte.errors import InvalidInput, UnsupportedByEngine

__all__ = [
    "Capability",
    "Engine",
    "connect_database",
    "connect_duckdb",
    "connect_parquet",
    "connect_postgres",
    "connect_spark",
    "connect_sqlite",
]


class Capability(StrEnum):
    """Things an analysis may need beyond counts and sums."""

    #: An ordered list aggregate (journeys: a customer's touchpoints in order).
    ORDERED_COLLECT = "ordered-collect"
    #: Sorting an array of structs and mapping over it (the same, another way).
    STRUCT_ARRAY_SORT = "struct-array-sort"
    #: Week truncation of timestamps (ISO weeks).
    WEEK_PERIODS = "week-periods"
    #: Timestamp minus a day interval of any length (journey windows); SQLite
    #: before 3.46 lacks the time-shift modifiers Ibis compiles to.
    TIME_WINDOWS = "time-windows"


_ALL = frozenset(Capability)

#: Declared gaps, by backend name (checked by the cross-engine tests).
GAPS: dict[str, frozenset[Capability]] = {
    "duckdb": frozenset(),
    "postgres": frozenset({Capability.STRUCT_ARRAY_SORT}),
    "pyspark": frozenset({Capability.ORDERED_COLLECT}),
    "sqlite": frozenset(
        {
            Capability.ORDERED_COLLECT,
            Capability.STRUCT_ARRAY_SORT,
            Capability.TIME_WINDOWS,
            Capability.WEEK_PERIODS,
        }
    ),
}


@dataclass(slots=True)
class Engine:
    """An Ibis connection holding the analytical tables."""

    backend: BaseBackend
    label: str
    capabilities: frozenset[Capability] = field(default=_ALL)

    @property
    def name(self) -> str:
        """The backend's name: duckdb, sqlite, postgres, pyspark."""
        return str(self.backend.name)

    def table(self, name: str) -> ibis.Table:
        """One analytical table (see `analytics.tables.FACTS`)."""
        if name not in FACTS:
            raise InvalidInput(f"unknown analytical table {name!r}")
        return self.backend.table(name)

    def has(self, capability: Capability) -> bool:
        """Whether this engine can do `capability`."""
        return capability in self.capabilities

    def require(self, capability: Capability, what: str) -> None:
        """Raise UnsupportedByEngine unless this engine has `capability`."""
        if capability not in self.capabilities:
            raise UnsupportedByEngine(
                f"{what} needs {capability.value}, which the {self.name} engine "
                "lacks; run it with --engine duckdb (the default) or spark"
            )

    def close(self) -> None:
        """Close the connection (a Spark session is the process's: left running)."""
        if self.name != "pyspark":
            self.backend.disconnect()

    def execute(self, expr: ibis.Expr) -> Any:
        """Run an expression in the engine; the result is small (one row a group)."""
        return self.backend.execute(expr)


def _engine(backend: BaseBackend, label: str) -> Engine:
    gaps = GAPS.get(str(backend.name), frozenset())
    return Engine(backend, label, _ALL - gaps)


def connect_duckdb(backend: BaseBackend | None = None) -> Engine:
    """An in-process DuckDB (tables are added by the caller)."""
    return _engine(backend or ibis.duckdb.connect(), "duckdb")


def _parquet_tables(folder: Path, names: Iterable[str]) -> dict[str, str]:
    paths = {}
    for name in names:
        part_dir = folder / name
        if not any(part_dir.glob("*.parquet")):
            raise InvalidInput(
                f"{part_dir} holds no Parquet files; write them with "
                "`belofte export --parquet DIR`"
            )
        paths[name] = str(part_dir / "*.parquet")
    return paths


def connect_parquet(folder: Path, *, spark: Any = None) -> Engine:
    """DuckDB (default) or a Spark session over a folder of Parquet facts.

    The folder holds one sub-folder per analytical table, as written by the
    workspace's lake and by `belofte export --parquet`.
    """
    paths = _parquet_tables(folder, FACTS)
    if spark is not None:
        engine = connect_spark(spark)
        for name, glob in paths.items():
            engine.backend.read_parquet(glob.removesuffix("*.parquet"), table_name=name)
        engine.label = f"pyspark over {folder}"
        return engine
    con = ibis.duckdb.connect()
    for name, glob in paths.items():
        con.read_parquet(glob, table_name=name)
    return _engine(con, f"duckdb over {folder}")


def connect_database(url: str) -> Engine:
    """The analytical tables inside a PostgreSQL or SQLite database, by URL.

    Raises InvalidInput for another kind of URL and when the tables are not
    there (load them with `belofte export --database URL`).
    """
    if url.startswith(("postgresql", "postgres://")):
        engine = connect_postgres(url)
    elif url.startswith("sqlite:///"):
        engine = connect_sqlite(url.removeprefix("sqlite:///"))
    else:
        raise InvalidInput(
            "engine: use duckdb, spark, or a postgresql:// or sqlite:/// URL"
        )
    missing = sorted(set(FACTS) - set(engine.backend.list_tables()))
    if missing:
        raise InvalidInput(
            f"engine: that database lacks the analytical table {missing[0]!r}; "
            "load them with `belofte export --database URL`"
        )
    engine.label = engine.name
    return engine


def connect_sqlite(path: Path | str) -> Engine:
    """The analytical tables inside a SQLite file."""
    return _engine(ibis.sqlite.connect(str(path)), f"sqlite {path}")


def connect_postgres(url: str) -> Engine:
    """The analytical tables inside a PostgreSQL database (`postgresql://...`)."""
    url = url.replace("postgresql+psycopg://", "postgres://").replace(
        "postgresql://", "postgres://"
    )
    return _engine(ibis.connect(url), "postgres")


def connect_spark(session: Any) -> Engine:
    """A (local or cluster) Spark session; tables are added by the caller."""
    return _engine(ibis.pyspark.connect(session), "pyspark")
