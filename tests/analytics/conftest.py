"""Engines for the cross-engine suite, each holding the same synthetic facts.

`engine` is parametrised over every engine and route analyses run on: DuckDB
(tables in memory, and over a Parquet folder), SQLite (a file), PostgreSQL (a
throwaway database, `postgres` marker) and PySpark (temporary views in one local
session, and over the Parquet folder; `spark` marker). Each engine is built once
per run. PostgreSQL and PySpark are skipped with a reason when they are not
available here, and fail the run in CI (CI=true), where both legs must execute.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import shutil
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
import pyarrow.parquet as pq
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from belofte.analytics.engine import (
    Engine,
    connect_duckdb,
    connect_parquet,
    connect_postgres,
    connect_spark,
    connect_sqlite,
)
from belofte.analytics.tables import FACTS, TIME_COLUMN
from tests.analytics.facts import arrow_table, make_facts
from tests.conftest import _postgres_server

ENGINES = [
    "duckdb",
    "duckdb-parquet",
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.postgres),
    pytest.param("pyspark", marks=pytest.mark.spark),
    pytest.param("pyspark-parquet", marks=pytest.mark.spark),
]


@pytest.fixture(scope="session")
def facts() -> dict[str, pd.DataFrame]:
    """The synthetic facts every engine and the oracle share (do not mutate)."""
    return make_facts()


def _load(backend: Any, facts: dict[str, pd.DataFrame]) -> None:
    for name, frame in facts.items():
        backend.create_table(name, arrow_table(name, frame))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Python values with None for NULL (ibis' SQLite loader binds rows as-is)."""
    out = frame.astype(object)
    for column in frame.columns:
        if not pd.api.types.is_datetime64_any_dtype(frame[column]):
            out[column] = out[column].where(frame[column].notna(), None)
        else:
            out[column] = frame[column]
    return out


@pytest.fixture(scope="session")
def parquet_dir(
    tmp_path_factory: pytest.TempPathFactory, facts: dict[str, pd.DataFrame]
) -> Path:
    """The facts as `<dir>/<table>/part-00000.parquet`, like the lake writes them."""
    folder = tmp_path_factory.mktemp("facts-parquet")
    for name, frame in facts.items():
        (folder / name).mkdir()
        pq.write_table(arrow_table(name, frame), folder / name / "part-00000.parquet")
    return folder


@pytest.fixture(scope="session")
def duckdb_engine(facts: dict[str, pd.DataFrame]) -> Iterator[Engine]:
    engine = connect_duckdb()
    _load(engine.backend, facts)
    yield engine
    engine.backend.disconnect()


@pytest.fixture(scope="session")
def duckdb_parquet_engine(parquet_dir: Path) -> Iterator[Engine]:
    engine = connect_parquet(parquet_dir)
    yield engine
    engine.backend.disconnect()


@pytest.fixture(scope="session")
def sqlite_engine(
    tmp_path_factory: pytest.TempPathFactory, facts: dict[str, pd.DataFrame]
) -> Iterator[Engine]:
    engine = connect_sqlite(tmp_path_factory.mktemp("sqlite") / "facts.db")
    for name, frame in facts.items():
        engine.backend.create_table(
            name, ibis.memtable(_plain(frame), schema=FACTS[name])
        )
    yield engine
    engine.backend.disconnect()


@pytest.fixture(scope="session")
def postgres_engine(facts: dict[str, pd.DataFrame]) -> Iterator[Engine]:
    """The facts in a throwaway PostgreSQL database, dropped afterwards."""
    server = _postgres_server()
    name = f"belofte_analytics_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(server).set(database=name).render_as_string(hide_password=False)
        engine = connect_postgres(url)
        try:
            _load(engine.backend, facts)
            yield engine
        finally:
            engine.backend.disconnect()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _spark_missing() -> str | None:
    """Why Spark cannot run here, or None."""
    if importlib.util.find_spec("pyspark") is None:
        return "no PySpark: pip install -e '.[spark]'"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java for PySpark (install a JDK 17)"
    return None


def _start_spark(warehouse: str) -> Any:
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[1]")
        .appName("belofte-analytics-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # Tiny data: compiling generated code and re-planning cost more than they save.
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.sql.warehouse.dir", warehouse)
        # A short-lived JVM: C1 only starts and warms ~2x faster than tiered C2.
        .config(
            "spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
        )
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    """One local Spark session for the whole run (starting it takes ~7-15 s)."""
    if reason := _spark_missing():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the spark leg: {reason}")
        pytest.skip(reason)
    warehouse = tempfile.mkdtemp(prefix="belofte-spark-warehouse-")
    session = _start_spark(warehouse)
    yield session
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        session.stop()
        gc.collect()
    shutil.rmtree(warehouse, ignore_errors=True)


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Spark socket warnings off; slow routes run a subset of the cases.

    PySpark leaves its result sockets to the garbage collector (not our leak).
    A Parquet route differs from its engine's in-memory route only in loading,
    so a test module may name the few cases (`PARQUET_CUTS`, by their `name` or
    `cell` parameter) worth repeating there; tests without either run everywhere.
    `SPARK_SUBSETS` (test function -> cases) does the same for Spark's slow jobs.
    """
    ignore = pytest.mark.filterwarnings(
        "ignore:unclosed <socket.socket:ResourceWarning"
    )
    kept, dropped = [], []
    for item in items:
        if item.get_closest_marker("spark"):
            item.add_marker(ignore)
        callspec = getattr(item, "callspec", None)
        params = callspec.params if callspec else {}
        module = getattr(item, "module", None)
        case = params.get("name", params.get("cell"))
        subset = getattr(module, "PARQUET_CUTS", None)
        spark = getattr(module, "SPARK_SUBSETS", {}).get(
            getattr(item, "originalname", "")
        )
        if (
            subset is not None
            and str(params.get("engine", "")).endswith("-parquet")
            and case not in subset
        ) or (
            spark is not None
            and str(params.get("engine", "")).startswith("pyspark")
            and case not in spark
        ):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def pyspark_engine(spark_session: Any, facts: dict[str, pd.DataFrame]) -> Engine:
    """Temporary views in a session of their own (the Parquet route has its own)."""
    from pyspark.sql.types import StructField, StructType, TimestampNTZType

    session = spark_session.newSession()
    for name, frame in facts.items():
        table = arrow_table(name, frame)
        # Local times without a zone, as the Parquet facts hold them.
        schema = StructType(
            [
                StructField(f.name, TimestampNTZType(), f.nullable)
                if f.name == TIME_COLUMN
                else f
                for f in session.createDataFrame(table.slice(0, 1)).schema.fields
            ]
        )
        frame = session.createDataFrame(table, schema=schema).cache()
        frame.count()  # materialise the cache once, before the timed tests
        frame.createOrReplaceTempView(name)
    return connect_spark(session)


@pytest.fixture(scope="session")
def pyspark_parquet_engine(spark_session: Any, parquet_dir: Path) -> Engine:
    return connect_parquet(parquet_dir, spark=spark_session.newSession())


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each engine and route in turn, holding the facts of `facts`."""
    built: Engine = request.getfixturevalue(f"{request.param.replace('-', '_')}_engine")
    return built
