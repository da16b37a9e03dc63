"""First paint of the pages in headless Chromium (issue 9: the dashboard < 1 s).

    python benchmarks/first_paint.py --workspace DIR [--runs 10]
    python benchmarks/first_paint.py                 # a 8,000-customer demo in a temp folder

Serves the workspace on 127.0.0.1 (uvicorn in a thread, as the browser tests
do), adds a throwaway admin, signs in through /login, then opens each page:
once right after start (cold: the analytics lake is fresh, as `belofte serve`
leaves it, but the view is computed) and `--runs` times more
(warm: the view comes from the cache until the data changes). It prints the
browser's own figures per page: first contentful paint (FCP) and the load
event, median and max, and one PASS/FAIL line for the dashboard's FCP < 1 s.

Debian's Chromium (/usr/bin/chromium) and Playwright (the dev extra) are needed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import live  # noqa: E402 - after the path is set

PASSWORD = "eerste-verf-wachtwoord-1"  # noqa: S105 - a throwaway benchmark user
USER = "first-paint"
PAGES = ("/", "/text", "/drivers", "/journeys", "/locations", "/settings")
TARGET_S = 1.0


def _timings(page: Any) -> tuple[float, float]:
    """(first contentful paint, load event end) of the current page, in s.

    The paint entry is read through a buffered observer: right after the
    load event it may not be in the timeline yet.
    """
    values = page.evaluate(
        """() => new Promise(resolve => {
          const nav = () => performance.getEntriesByType('navigation')[0];
          const done = fcp => resolve([fcp, nav() ? nav().loadEventEnd : -1]);
          new PerformanceObserver(list => {
            const paint = list.getEntriesByName('first-contentful-paint')[0];
            if (paint) done(paint.startTime);
          }).observe({type: 'paint', buffered: true});
          setTimeout(() => done(-1), 5000);
        })"""
    )
    return values[0] / 1000, values[1] / 1000


def _demo(folder: Path) -> Path:
    from belofte.demo.world import WorldSize
    from belofte.services.demo import create_demo
    from belofte.settings import Settings

    print("building an 8,000-customer demo ...", flush=True)
    result = create_demo(
        folder / "stroomhuis", Settings(), WorldSize(customers=8000, seed=2026)
    )
    result.workspace.close()
    return result.workspace.path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workspace", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if reason := live.missing_browser():
        print(f"cannot run: {reason}")
        return 2

    from playwright.sync_api import sync_playwright

    from belofte.domain.access import Role
    from belofte.services.access.users import add_user, set_password
    from belofte.services.measure.analytics import refresh
    from belofte.services.workspace import open_workspace
    from belofte.settings import Settings
    from belofte.web.app import create_app

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.workspace or _demo(Path(scratch))
        ws = open_workspace(folder, Settings())
        try:
            add_user(ws, USER, Role.ADMIN, password=PASSWORD, actor="benchmark")
        except Exception:  # noqa: BLE001 - the user is there from an earlier run
            set_password(ws, USER, PASSWORD, actor="benchmark")
        refresh(ws)  # as `belofte serve` does before it listens
        ws.close()
        settings = Settings().model_copy(update={"workspace": folder})
        started = time.perf_counter()
        app = create_app(settings)
        with live.LiveServer(app) as server, sync_playwright() as playwright:
            print(f"server up in {time.perf_counter() - started:.1f} s at {server.url}")
            browser = live.launch_chromium(playwright)
            context = browser.new_context(base_url=server.url, viewport=live.DESKTOP)
            page = context.new_page()
            live.sign_in(page, USER, PASSWORD)
            print(
                f"{'page':<12} {'cold FCP':>9} {'warm FCP p50':>13} "
                f"{'max':>7} {'load p50':>9}"
            )
            dashboard_fcp = 0.0
            for path in PAGES:
                if path != "/":  # signing in landed on the dashboard: its cold view
                    page.goto(path)
                cold, _ = _timings(page)
                paints, loads = [], []
                for _ in range(args.runs):
                    page.goto(path)
                    fcp, load = _timings(page)
                    paints.append(fcp)
                    loads.append(load)
                warm = statistics.median(paints)
                if path == "/":
                    dashboard_fcp = max(paints)
                print(
                    f"{path:<12} {cold:>8.3f}s {warm:>12.3f}s {max(paints):>6.3f}s "
                    f"{statistics.median(loads):>8.3f}s"
                )
            browser.close()
    verdict = "PASS" if dashboard_fcp < TARGET_S else "FAIL"
    print(
        f"dashboard first paint, worst warm run: {dashboard_fcp:.3f} s "
        f"(target < {TARGET_S:.0f} s): {verdict}"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
