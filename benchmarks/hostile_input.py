"""Memory that hostile input costs: anonymous bodies at a live server, and files
built to exhaust a reader, each against the target of 300 MiB extra.

1. `belofte serve` on a fresh workspace; 8 anonymous clients at once each send a
   30 MiB `[{},{},...]` to the batch ingest route (before: the body was parsed
   before the 401, 660 -> 1,306 MiB for one, 3.1 GB for eight): with its length
   declared, streamed in chunks, and 8 MiB (within the batch limit). Then the
   same objects from a valid API token, whose bodies are read (up to the 8 MiB
   batch limit): `{}` and `[]` bombs. The server's peak resident memory above its
   idle level is read from /proc (VmHWM after clear_refs).
2. `belofte import` of a 1.6 kB workbook with a cell at XFD1048576 (before:
   SIGABRT asking for 512 GiB), a sheet spanning 27M cells (864 MB), a zip bomb
   of 1.5 GB of sheet XML (3.6 GB), and a CSV with a 200 MB line (812 MB): each
   process's peak above a clean import of a two-row file.

    python benchmarks/hostile_input.py [--bomb-mb 1500] [--line-mb 200]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.ingest

from belofte.domain.access import Role  # noqa: E402
from belofte.services.access.users import create_token  # noqa: E402
from belofte.services.setup import init_workspace  # noqa: E402
from belofte.settings import Settings  # noqa: E402
from tests.ingest import hostile_files  # noqa: E402

TARGET_MIB = 300
MIB = 1024 * 1024


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("BELOFTE_")}


def _status(pid: int, field: str) -> float:
    text = Path(f"/proc/{pid}/status").read_text()
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    if found is None:
        raise RuntimeError(f"/proc/{pid}/status has no {field}")
    return int(found.group(1)) / 1024


def _reset_peak(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # VmHWM := VmRSS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _chunks(body: bytes) -> Iterator[bytes]:
    for start in range(0, len(body), MIB):
        yield body[start : start + MIB]


def _blast(
    url: str, body: bytes, headers: dict[str, str], clients: int, chunked: bool
) -> list[int]:
    codes: list[int] = []

    def send() -> None:
        content = _chunks(body) if chunked else body
        try:
            answer = httpx.post(url, content=content, headers=headers, timeout=300)
            codes.append(answer.status_code)
        except httpx.HTTPError as exc:
            codes.append(-1)
            print(f"  client error: {type(exc).__name__}")

    threads = [threading.Thread(target=send) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(codes)


def bodies(folder: Path) -> list[tuple[str, float]]:
    ws = init_workspace(folder / "ws", "retail-nl", Settings()).workspace
    _, token = create_token(ws, "bench", Role.ANALYST, actor="bench")
    ws.close()
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "belofte",
            "-w",
            str(ws.path),
            "serve",
            "--port",
            str(port),
        ],
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    results = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        time.sleep(2)  # the dashboard's warm-up
        idle = _status(server.pid, "VmRSS")
        route = f"{base}/api/v1/records/responses/batch"
        json_type = {"content-type": "application/json"}
        bomb = b"[" + b"{}," * (10 * MIB) + b"{}]"
        fits = b'{"records": [' + b"{}," * (8 * MIB // 3 - 10) + b"{}]}"
        lists = fits.replace(b"{},", b"[],")
        token_type = json_type | {"authorization": f"Bearer {token}"}
        cases = (
            ("8 anonymous x 30 MiB [{},...], length declared", bomb, json_type, False),
            ("8 anonymous x 30 MiB [{},...], chunked", bomb, json_type, True),
            ("8 anonymous x 8 MiB {records: [{},...]}", fits, json_type, False),
            ("8 with a token x 8 MiB {records: [{},...]}", fits, token_type, False),
            ("8 with a token x 8 MiB {records: [[],...]}", lists, token_type, False),
        )
        print(f"server idle: {idle:.0f} MiB")
        for label, body, headers, chunked in cases:
            _reset_peak(server.pid)
            started = time.perf_counter()
            codes = _blast(route, body, headers, clients=8, chunked=chunked)
            seconds = time.perf_counter() - started
            extra = _status(server.pid, "VmHWM") - idle
            print(
                f"  {label}: answers {codes} in {seconds:.1f} s; "
                f"peak {extra:+.0f} MiB over idle"
            )
            results.append((label, extra))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def _import(ws: Path, path: Path) -> tuple[float, int, str]:
    """(peak MiB, exit code, last stderr line) of `belofte import path`."""
    err = path.with_suffix(".err")
    with err.open("w") as errors:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "belofte", "-w", str(ws), "import", str(path)),
                *("--kind", "responses"),
            ],
            env=_environment(),
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        _, status, usage = os.wait4(process.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    lines = err.read_text().strip().splitlines()
    return usage.ru_maxrss / 1024, code, lines[-1] if lines else ""


def files(folder: Path, bomb_mb: int, line_mb: int) -> list[tuple[str, float]]:
    ws = init_workspace(folder / "files-ws", "retail-nl", Settings()).workspace
    ws.close()
    clean = folder / "clean.csv"
    clean.write_text("id,datum,nps\nR1,2026-11-02,9\nR2,2026-11-03,7\n")
    baseline, code, last = _import(ws.path, clean)
    if code != 0:
        raise RuntimeError(f"the clean import failed: {last}")
    print(f"clean two-row import: peak {baseline:.0f} MiB (the baseline)")
    built = [
        (
            "workbook with a cell at XFD1048576",
            hostile_files.far_cell(folder / "far.xlsx"),
        ),
        ("sheet spanning 27M cells", hostile_files.tall_sheet(folder / "tall.xlsx")),
        (
            f"zip bomb ({bomb_mb} MB of sheet XML)",
            hostile_files.zip_bomb(folder / "bomb.xlsx", bomb_mb),
        ),
        (
            f"CSV with a {line_mb} MB line",
            hostile_files.long_line_csv(folder / "long.csv", line_mb),
        ),
    ]
    results = []
    for label, path in built:
        started = time.perf_counter()
        peak, code, last = _import(ws.path, path)
        seconds = time.perf_counter() - started
        size = path.stat().st_size / MIB
        print(
            f"  {label} ({size:.2f} MiB file): exit {code} in {seconds:.1f} s, "
            f"peak {peak:.0f} MiB ({peak - baseline:+.0f} over baseline)\n    {last}"
        )
        results.append((label, peak - baseline))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-mb", type=int, default=1500)
    parser.add_argument("--line-mb", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="belofte-hostile-") as tmp:
        folder = Path(tmp)
        print("== bodies at a live server")
        results = bodies(folder)
        print("== files")
        results += files(folder, args.bomb_mb, args.line_mb)
    print(f"== against the target of {TARGET_MIB} MiB extra")
    for label, extra in results:
        verdict = "met" if extra < TARGET_MIB else "MISSED"
        print(f"  {verdict:6} {extra:+6.0f} MiB  {label}")


if __name__ == "__main__":
    main()
