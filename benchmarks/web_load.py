"""Web load: server time per page and API call on 1M responses (issue 9).

Builds (or reuses, `--keep DIR`) a workspace with 1,000,000 survey responses in
the embedded SQLite store (the generator of `measure_speed.py`) plus `--texts`
enriched reviews (the demo texts of `text_speed.py`), so the text explorer has
something to search. Then starts `belofte serve` (uvicorn, one process) on
127.0.0.1 and, from a loopback load generator (httpx2 in a thread pool):

* API routes with an admin's API token (`Authorization: Bearer ...`);
* every HTML page the app has (GET, outside /api, no path parameters, not
  /logout or /static: found in `app.routes` at run time) with the session
  cookie of a browser-like sign-in (GET /login for the CSRF field, POST /login);
* any `--url PATH` given (a page unless it starts with /api).

Per URL it reports, client-side, in milliseconds:

* cold: the first request after the server started, and the first request after
  a data change (one new response POSTed to /api/v1/records/responses just
  before it; `--cold` rounds);
* warm: after `--warmup` requests, N requests with `--concurrency` in flight.

The last line is the worst warm p95 against the 300 ms target; a 5xx, a
redirect (e.g. to /login) or a dropped connection fails too, a 4xx is only
named (the generated responses carry no driver ratings: /api/v1/drivers 422s).
A workspace that `measure_speed.py --keep DIR` built is reused as it is. `--profile DIR` serves the app in this script instead, with
the worker-thread hop inlined, so pyinstrument (pip install pyinstrument) sees
each request from end to end: one text profile per URL, summed over its warm
requests, and one over its cold ones (cold_*.txt), are written to DIR.

    python benchmarks/web_load.py [--rows 1000000] [--texts 100000] [--keep DIR]
        [-n 50] [--concurrency 4] [--cold 3] [--url PATH ...] [--profile DIR]
"""

from __future__ import annotations

import argparse
import csv
import functools
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
from sqlalchemy import func, select

from belofte.domain.access import Role
from belofte.errors import Conflict
from belofte.ingest.kinds import RecordKind
from belofte.services.access.tokens import create_token, revoke_token
from belofte.services.access.users import add_user, set_password
from belofte.services.listen.imports import import_file
from belofte.services.measure.analytics import refresh
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace, open_workspace
from belofte.settings import Settings
from belofte.store import tables as t

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure_speed import STORES, TOUCHPOINTS, write_csv  # noqa: E402
from text_speed import demo_texts  # noqa: E402

TARGET_MS = 300.0
API_URLS = (
    "/api/v1/metrics?by=location&period=month",
    "/api/v1/promise",
    "/api/v1/drivers",
    "/api/v1/journeys",
    "/api/v1/verbatims",
    "/api/v1/verbatims?location=amsterdam-zuid&since=2026-06-01&q=personeel",
)
SKIPPED_PAGES = ("/logout",)
USERNAME = "web-load"
PASSWORD = "web-load-wachtwoord-1"  # noqa: S105 - a benchmark's throwaway user
SESSION_COOKIE = "belofte_session"
PROFILE_HEADER = "x-web-load-profile"
DUMP_PATH = "/__web-load/profiles"  # served only by the profiling server


# ---------------------------------------------------------------- the workspace
def build(base: Path, rows: int, texts: int) -> Workspace:
    """The 1M workspace in `base`/ws: built once, then reused (with --keep)."""
    folder = base / "ws"
    quiet = Settings(enrich_on_import=False)
    if not (folder / "belofte.yaml").exists():
        ws = init_workspace(folder, "retail-nl", quiet).workspace
        data = base / "responses.csv"
        print(f"writing {rows:,} responses ...", flush=True)
        write_csv(data, rows, 0, seed=7)
        started = time.perf_counter()
        summary = import_file(ws, data, RecordKind.RESPONSES)
        print(f"imported {summary.stored:,} in {time.perf_counter() - started:.0f} s")
        ws.close()
    ws = open_workspace(folder, Settings(enrich_on_import=True))
    with ws.session(read_only=True) as session:
        have = session.scalar(select(func.count()).select_from(t.Verbatim)) or 0
    if have < texts:
        data = base / f"reviews-{have}.csv"
        write_reviews(data, texts - have, start=have)
        print(f"importing and enriching {texts - have:,} reviews ...", flush=True)
        started = time.perf_counter()
        summary = import_file(ws, data, RecordKind.REVIEWS)
        print(
            f"imported {summary.stored:,}, enriched {summary.enriched:,} "
            f"in {time.perf_counter() - started:.0f} s"
        )
    started = time.perf_counter()
    report = refresh(ws)
    print(
        f"lake refresh {time.perf_counter() - started:.1f} s {report.actions}",
        flush=True,
    )
    return ws


def write_reviews(path: Path, n: int, start: int) -> None:
    """`n` reviews with the demo's texts, over 2026, at the responses' stores."""
    rng = random.Random(start)
    t0 = datetime(2026, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "occurred_at", "location", "touchpoint", "rating", "text"])
        for i, (text, _language, _truth, _themes) in enumerate(
            demo_texts(n, seed=start + 11)
        ):
            when = t0 + timedelta(minutes=rng.randrange(365 * 24 * 60))
            out.writerow(
                [
                    f"WLR{start + i}",
                    f"{when:%Y-%m-%d %H:%M}",
                    rng.choice(STORES),
                    rng.choice(TOUCHPOINTS),
                    rng.randint(1, 5),
                    text,
                ]
            )


def credentials(ws: Workspace) -> tuple[int, str]:
    """An admin user with a known password, and a new admin API token."""
    try:
        add_user(ws, USERNAME, Role.ADMIN, password=PASSWORD, actor="web-load")
    except Conflict:
        set_password(ws, USERNAME, PASSWORD, actor="web-load")
    record, secret = create_token(
        ws, f"web-load {time.time_ns()}", Role.ADMIN, expires_days=1, actor="web-load"
    )
    return record.id, secret


def html_pages(folder: Path) -> list[str]:
    """The app's HTML pages, from its routes (others add pages: found at run time)."""
    from belofte.web.app import create_app

    app = create_app(Settings().for_workspace(folder))
    try:
        return [
            path
            for path, methods in routes(app.routes, "")
            if "GET" in methods
            and not path.startswith(("/api/", "/static"))
            and "{" not in path
            and path not in SKIPPED_PAGES
        ]
    finally:
        app.state.workspace.close()


def routes(found: list[Any], prefix: str) -> list[tuple[str, set[str]]]:
    """(path, methods) of every route, routers included (newer FastAPI nests them)."""
    from starlette.routing import Route

    out: list[tuple[str, set[str]]] = []
    for route in found:
        if isinstance(route, Route):
            out.append((prefix + route.path, set(route.methods or ())))
        elif hasattr(route, "original_router"):  # FastAPI's included router
            inner = prefix + getattr(route.include_context, "prefix", "")
            out += routes(route.original_router.routes, inner)
    return out


# ---------------------------------------------------------------- the server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(folder: Path, port: int, profile: Path | None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELOFTE_")}
    if profile is None:  # exactly `belofte serve`
        command = [sys.executable, "-m", "belofte", "--workspace", str(folder)]
        command += ["serve", "--port", str(port)]
    else:
        command = [sys.executable, __file__, "--serve", str(folder), str(port)]
        command += ["--profile", str(profile)]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/api/v1/health").status_code == 200:
                return server
        except httpx2.TransportError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer within 180 s")


def serve_profiled(folder: Path, port: int, out: Path) -> None:
    """Serve the app with pyinstrument around each request marked for profiling.

    Sync routes normally run in a worker thread, which a profiler started in
    the event loop does not see: here that hop is inlined (the client sends one
    request at a time while profiling), so each profile covers the whole request.
    """
    import anyio.to_thread
    import uvicorn
    from pyinstrument import Profiler

    from belofte.web.app import create_app

    async def inline(fn: Callable[..., Any], *args: Any, **_kwargs: Any) -> Any:
        return fn(*args)

    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    app = create_app(Settings().for_workspace(folder))
    out.mkdir(parents=True, exist_ok=True)
    profilers: dict[str, Profiler] = {}
    counts: Counter[str] = Counter()

    async def profiled(scope: Any, receive: Any, send: Any) -> None:
        headers = dict(scope.get("headers") or []) if scope["type"] == "http" else {}
        name = headers.get(PROFILE_HEADER.encode())
        if scope["type"] == "http" and scope["path"] == DUMP_PATH:
            write_profiles(out, profilers, counts)
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        if name is None:
            await app(scope, receive, send)
            return
        key = name.decode()
        profiler = profilers.setdefault(key, Profiler(interval=0.0005))
        profiler.start()
        try:
            await app(scope, receive, send)
        finally:
            profiler.stop()
            counts[key] += 1

    uvicorn.run(profiled, host="127.0.0.1", port=port, log_level="warning")


def write_profiles(out: Path, profilers: dict[str, Any], counts: Counter[str]) -> None:
    """One text profile per URL (and per cold URL), its per-request means first."""
    for key, profiler in profilers.items():
        session, n = profiler.last_session, counts[key]
        text = profiler.output_text(unicode=False, color=False, show_all=False)
        (out / f"{slug(key)}.txt").write_text(
            f"{key}: {n} requests summed; per request: "
            f"wall {session.duration / n * 1000:.0f} ms, "
            f"CPU {session.cpu_time / n * 1000:.0f} ms\n{text}",
            encoding="utf-8",
        )


def slug(url: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", url).strip("_") or "root"


# ---------------------------------------------------------------- the client
@dataclass
class Target:
    """One URL, how to authenticate it, and what it measured."""

    url: str
    headers: dict[str, str]
    started: tuple[float, int] | None = None
    cold: list[tuple[float, int]] = field(default_factory=list)
    warm: list[tuple[float, int]] = field(default_factory=list)


local = threading.local()


def get(
    base: str, target: Target, extra: dict[str, str] | None = None
) -> tuple[float, int]:
    """One GET on this thread's keep-alive connection: (ms, status)."""
    client = getattr(local, "client", None)
    if client is None:
        client = local.client = httpx2.Client(base_url=base, timeout=300)
    headers = target.headers | (extra or {})
    started = time.perf_counter()
    try:
        response = client.get(target.url, headers=headers)
        _ = response.content
    except httpx2.TransportError:  # e.g. the server dropped the connection
        local.client = None
        return (time.perf_counter() - started) * 1000, 0
    return (time.perf_counter() - started) * 1000, response.status_code


def sign_in(base: str) -> str:
    """Sign in like a browser; returns the session cookie's value."""
    with httpx2.Client(base_url=base) as browser:
        form = browser.get("/login")
        found = re.search(r'name="csrf" value="([^"]+)"', form.text)
        if not found:
            raise SystemExit("no CSRF field on /login")
        answer = browser.post(
            "/login",
            data={"username": USERNAME, "password": PASSWORD, "csrf": found.group(1)},
        )
        if (
            answer.status_code not in (200, 303)
            or SESSION_COOKIE not in browser.cookies
        ):
            raise SystemExit(f"sign-in failed: {answer.status_code}")
        return str(browser.cookies[SESSION_COOKIE])


def change_data(base: str, token: str, i: int) -> None:
    """One new survey response through the API: the lake is stale afterwards."""
    answer = httpx2.post(
        f"{base}/api/v1/records/responses?source=web-load",
        headers={"authorization": f"Bearer {token}"},
        json={
            "id": f"WL{time.time_ns()}-{i}",
            "responded_at": "2026-11-20T10:00:00+01:00",
            "location": STORES[i % len(STORES)],
            "touchpoint": TOUCHPOINTS[i % len(TOUCHPOINTS)],
            "nps": i % 11,
            "csat": 1 + i % 5,
            "ces": 1 + i % 7,
        },
        timeout=60,
    )
    if answer.status_code != 200:
        raise SystemExit(f"data change failed: {answer.status_code} {answer.text}")


def p95_of(results: list[tuple[float, int]]) -> float:
    ms = sorted(r[0] for r in results)
    if len(ms) == 1:
        return ms[0]
    return statistics.quantiles(ms, n=100, method="inclusive")[94]


def row(label: str, results: list[tuple[float, int]]) -> str:
    if not results:
        return f"{label:<64}    0"
    ms = sorted(r[0] for r in results)
    codes = Counter(r[1] for r in results)
    status = " ".join(f"{code or 'dropped'}x{n}" for code, n in sorted(codes.items()))
    return (
        f"{label:<64} {len(ms):>4} {statistics.median(ms):>8.0f} "
        f"{p95_of(results):>8.0f} {ms[-1]:>8.0f}  {status}"
    )


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def measure(
    args: argparse.Namespace, base: str, targets: list[Target], token: str
) -> list[str]:
    loads = [f"before: {load()}"]
    print(f"-- {loads[-1]}", flush=True)
    for target in targets:  # first request of each after the server started
        target.started = get(base, target)
    for round_ in range(args.cold):
        for i, target in enumerate(targets):
            change_data(base, token, round_ * len(targets) + i)
            mark = {PROFILE_HEADER: f"cold {target.url}"} if args.profile else None
            target.cold.append(get(base, target, mark))
    loads.append(f"after cold: {load()}")
    print(f"-- {loads[-1]}", flush=True)
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        for target in targets:
            for _ in range(args.warmup):
                get(base, target)
            extra = {PROFILE_HEADER: target.url} if args.profile else None
            one = functools.partial(get, base, target, extra)
            target.warm = list(pool.map(lambda _i, one=one: one(), range(args.n)))
    loads.append(f"after warm: {load()}")
    print(f"-- {loads[-1]}", flush=True)
    return loads


def report(targets: list[Target], args: argparse.Namespace, loads: list[str]) -> bool:
    header = f"{'route':<64} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  status"
    print()
    print("\n".join(loads))
    print()
    print("cold: first request after the server started (one each)")
    print(header)
    for target in targets:
        assert target.started is not None  # noqa: S101 - measured first
        print(row(target.url, [target.started]))
    print()
    print(
        f"cold: first request after a data change ({args.cold} rounds: POST one response, then GET)"
    )
    print(header)
    for target in targets:
        print(row(target.url, target.cold))
    print()
    print(
        f"warm: {args.n} requests, {args.concurrency} in flight, after {args.warmup} warm-up"
    )
    print(header)
    for target in targets:
        print(row(target.url, target.warm))
    print()
    worst = max(targets, key=lambda tg: p95_of(tg.warm))
    if args.cold:
        worst_cold = max(targets, key=lambda tg: max(ms for ms, _ in tg.cold))
        cold_max = max(ms for ms, _ in worst_cold.cold)
        print(
            f"cold after a data change, slowest: {cold_max:.0f} ms at {worst_cold.url}"
        )
    refused = [tg.url for tg in targets if any(400 <= s < 500 for _, s in tg.warm)]
    if refused:  # e.g. drivers: the generated responses carry no driver ratings
        print(f"answered 4xx (measured, but check the data): {', '.join(refused)}")
    broken = [tg.url for tg in targets if any(not 200 <= s < 500 for _, s in tg.warm)]
    ok = p95_of(worst.warm) < TARGET_MS and not broken
    errors = f"; failed or redirected: {', '.join(broken)}" if broken else ""
    print(
        f"worst warm p95: {p95_of(worst.warm):.0f} ms at {worst.url} -> "
        f"{'PASS' if ok else 'FAIL'} (target < {TARGET_MS:.0f} ms{errors})"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--texts", type=int, default=100_000, help="enriched reviews")
    parser.add_argument(
        "--keep", type=Path, help="build the workspace here and keep it"
    )
    parser.add_argument("-n", type=int, default=50, help="warm requests per URL")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--cold", type=int, default=3, help="data-change rounds")
    parser.add_argument(
        "--url", action="append", default=[], help="extra URL (repeatable)"
    )
    parser.add_argument("--profile", type=Path, help="write pyinstrument profiles here")
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_profiled(Path(args.serve[0]), int(args.serve[1]), args.profile)
        return
    if args.profile:
        args.concurrency = 1  # the profiled server runs one request at a time
    print(f"-- {load()}", flush=True)
    root = args.keep or Path(tempfile.mkdtemp(prefix="belofte-web-"))
    ws = build(root, args.rows, args.texts)
    token_id, token = credentials(ws)
    folder = ws.path
    pages = html_pages(folder)
    port = free_port()
    server = start_server(folder, port, args.profile)
    base = f"http://127.0.0.1:{port}"
    try:
        session = {"cookie": f"{SESSION_COOKIE}={sign_in(base)}"}
        bearer = {"authorization": f"Bearer {token}"}
        urls = list(API_URLS) + pages + list(args.url)
        targets = [
            Target(url, bearer if url.startswith("/api/") else session)
            for url in dict.fromkeys(urls)
        ]
        print(f"pages found: {', '.join(pages)}", flush=True)
        loads = measure(args, base, targets, token)
        if args.profile:
            httpx2.get(base + DUMP_PATH, timeout=600)
    finally:
        server.terminate()
        server.wait()
        revoke_token(ws, token_id, actor="web-load")
        ws.close()
    ok = report(targets, args, loads)
    if args.profile:
        print(f"profiles: {args.profile}/*.txt")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
