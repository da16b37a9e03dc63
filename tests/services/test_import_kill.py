"""An import killed with SIGKILL halfway, then run again, ends exactly as one clean
run; its reading process dies with it, and the next import marks the run interrupted."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from belofte.services.setup import init_workspace
from belofte.settings import Settings

ROWS = 150_000


def make_file(path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("id,klant,datum,nps,opmerking\n")
        for i in range(ROWS):
            comment = f"levering {i} was te laat" if i % 5 == 0 else ""
            f.write(
                f"R{i:07d},K{i % 9000},2026-{1 + i % 12:02d}-{1 + i % 28:02d},{i % 11},{comment}\n"
            )


def command(ws: Path, data: Path) -> tuple[list[str], dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELOFTE_")}
    env["BELOFTE_IMPORT_BATCH_SIZE"] = "2000"
    argv = [
        sys.executable,
        "-m",
        "belofte",
        "--workspace",
        str(ws),
        "import",
        str(data),
        "--kind",
        "responses",
        "--json",
    ]
    return argv, env


def finish_import(ws: Path, data: Path) -> None:
    argv, env = command(ws, data)
    result = subprocess.run(
        argv, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr


def snapshot(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT r.external_id, r.nps, r.responded_at, c.key, v.text_redacted "
            "FROM responses r LEFT JOIN customers c ON c.id = r.customer_id "
            "LEFT JOIN verbatims v ON v.response_id = r.id ORDER BY r.external_id"
        ).fetchall()


def count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return int(
                connection.execute("SELECT count(*) FROM responses").fetchone()[0]
            )
    except sqlite3.OperationalError:
        return 0


def processes_of(ws: Path) -> list[int]:
    """Processes whose command line names this workspace (the import and its reader)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().split(") ", 1)[1].split()[0]
        except OSError:
            continue
        if str(ws).encode() in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def test_kill_9_then_rerun_is_exactly_once(tmp_path: Path) -> None:
    data = tmp_path / "responses.csv"
    make_file(data)
    killed = init_workspace(tmp_path / "killed", "retail-nl", Settings()).workspace
    clean = init_workspace(tmp_path / "clean", "retail-nl", Settings()).workspace
    killed.close()
    clean.close()
    db = killed.path / "belofte.db"

    argv, env = command(killed.path, data)
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while count(db) < 20_000 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    assert len(processes_of(killed.path)) == 2  # the importer and its reader
    process.send_signal(signal.SIGKILL)
    process.wait()
    at_kill = count(db)
    assert 0 < at_kill < ROWS, f"the import was not killed halfway ({at_kill} rows)"
    # The reader child used to block forever on a full pipe, holding memory,
    # the file and a database handle: now the kernel ends it with its parent.
    deadline = time.monotonic() + 10
    while processes_of(killed.path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_of(killed.path) == []
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT status FROM import_runs").fetchall() == [
            ("running",)
        ]

    finish_import(killed.path, data)
    with sqlite3.connect(db) as connection:
        runs = connection.execute(
            "SELECT status, finished_at IS NOT NULL FROM import_runs ORDER BY id"
        ).fetchall()
        started = connection.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'import.started'"
        ).fetchone()[0]
    assert runs == [("interrupted", 1), ("finished", 1)]
    assert started == 2  # the killed run's batches were covered by its entry
    finish_import(clean.path, data)

    # Customer keys are salted per workspace: compare everything else.
    got = [(r[0], r[1], r[2], r[4]) for r in snapshot(db)]
    want = [(r[0], r[1], r[2], r[4]) for r in snapshot(clean.path / "belofte.db")]
    assert len(got) == ROWS
    assert got == want
    with sqlite3.connect(db) as connection:
        customers = connection.execute("SELECT count(*) FROM customers").fetchone()[0]
        verbatims = connection.execute("SELECT count(*) FROM verbatims").fetchone()[0]
    assert (customers, verbatims) == (9000, ROWS // 5)
