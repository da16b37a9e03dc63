"""Single-record ingest API latency on loopback, open loop at a fixed rate.

Starts `belofte serve` (uvicorn, one process) on a fresh embedded-SQLite workspace,
then sends POST /api/v1/records/responses at RATE requests per second for SECONDS
from a pool of keep-alive connections (Python's http.client in threads). Latency
is measured from each request's scheduled send time, so queueing counts.

    python benchmarks/api_ingest.py [--rate 200] [--seconds 20]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from belofte.domain.access import Role
from belofte.services.access.tokens import create_token
from belofte.services.setup import init_workspace
from belofte.settings import Settings

local = threading.local()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post(port: int, body: bytes, scheduled: float, token: str) -> tuple[float, int]:
    delay = scheduled - time.perf_counter()
    if delay > 0:
        time.sleep(delay)
    connection = getattr(local, "connection", None)
    if connection is None:
        connection = local.connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request(
        "POST",
        "/api/v1/records/responses?source=bench",
        body,
        {"content-type": "application/json", "authorization": f"Bearer {token}"},
    )
    response = connection.getresponse()
    response.read()
    return time.perf_counter() - scheduled, response.status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="belofte-api-"))
    ws = init_workspace(root / "ws", "retail-nl", Settings()).workspace
    # Every API route needs a token: an analyst's, as an integration would use.
    _, token = create_token(ws, "benchmark", Role.ANALYST, actor="benchmark")
    ws.close()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELOFTE_")}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "belofte",
            "--workspace",
            str(ws.path),
            "serve",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        total = int(args.rate * args.seconds)
        bodies = [
            json.dumps(
                {
                    "id": f"A{i}",
                    "customer": f"K{i % 5000}",
                    "responded_at": "2026-11-02T10:00:00+01:00",
                    "touchpoint": "bezorging-thuis",
                    "location": "utrecht-centrum",
                    "nps": i % 11,
                    "csat": 1 + i % 5,
                    "comment": "Bezorging was te laat" if i % 4 == 0 else None,
                }
            ).encode()
            for i in range(total + 200)
        ]
        with ThreadPoolExecutor(max_workers=32) as pool:  # warm up, not measured
            list(
                pool.map(
                    lambda i: post(port, bodies[total + i], time.perf_counter(), token),
                    range(200),
                )
            )
            start = time.perf_counter() + 0.5
            futures = [
                pool.submit(post, port, bodies[i], start + i / args.rate, token)
                for i in range(total)
            ]
            results = [f.result() for f in futures]
        latencies = sorted(r[0] * 1000 for r in results)
        bad = sum(1 for r in results if r[1] != 200)
        q = statistics.quantiles(latencies, n=100)
        print(
            f"{total} requests at {args.rate:g}/s over {args.seconds:g} s, {bad} not 200"
        )
        print(
            f"latency ms: p50 {q[49]:.1f}, p95 {q[94]:.1f}, p99 {q[98]:.1f}, "
            f"max {latencies[-1]:.1f}"
        )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
