"""Screenshots of every page, on a desktop and on a phone, in Debian's Chromium.

    python scripts/screenshots.py OUT_DIR [--workspace DIR] [--user NAME]

Serves a workspace on 127.0.0.1 (without --workspace: a small Stroomhuis demo
built in a temporary folder), signs in through /login, visits every page the
browser tests visit (`tests/browser/live.py: page_paths`) in a 1280x900 window
and a 390x844 phone, and writes OUT_DIR/NAME-desktop.png and NAME-phone.png
(whole pages). With --workspace the password of --user (default admin) comes
from BELOFTE_SCREENSHOT_PASSWORD, else it is asked for. Console errors, failed
requests and answers >= 400 are listed; the exit status is 1 if there were any.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEMO_PASSWORD = "screenshot-wachtwoord-1"  # noqa: S105 - a throwaway demo's password


def _file_name(path: str) -> str:
    """'/' -> 'start', '/text/themes' -> 'text-themes'."""
    return path.strip("/").replace("/", "-") or "start"


def _build_demo(folder: Path, customers: int) -> Path:
    from pydantic import SecretStr

    from belofte.demo.world import WorldSize
    from belofte.services.demo import create_demo
    from belofte.settings import Settings

    print(f"building a demo of {customers:,} customers in {folder} ...", flush=True)
    started = time.perf_counter()
    settings = Settings(admin_password=SecretStr(DEMO_PASSWORD))
    result = create_demo(
        folder / "stroomhuis",
        settings,
        WorldSize(customers=customers, months=12, seed=2026),
    )
    result.workspace.close()
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    return result.workspace.path


def _shoot(
    browser: Any,
    base_url: str,
    state: dict[str, Any],
    paths: list[str],
    out: Path,
) -> list[str]:
    """Every page in both viewports; returns the problems seen."""
    from tests.browser import live

    problems: list[str] = []
    for label, viewport, phone in (
        ("desktop", live.DESKTOP, False),
        ("phone", live.PHONE, True),
    ):
        context = browser.new_context(
            base_url=base_url,
            storage_state=state,
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
        )
        page = context.new_page()
        watch = live.PageWatch.on(page)
        for path in paths:
            response = page.goto(path, wait_until="networkidle")
            target = out / f"{_file_name(path)}-{label}.png"
            page.screenshot(path=str(target), full_page=True)
            status = response.status if response else "no answer"
            print(f"{target}  ({status}, {page.url})", flush=True)
            problems += [f"{path} ({label}): {p}" for p in watch.take()]
        context.close()
    return problems


def main() -> int:
    """Parse the arguments, serve, sign in, and shoot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--workspace", type=Path, help="serve this workspace")
    parser.add_argument("--user", default="admin", help="sign in as (default admin)")
    parser.add_argument(
        "--customers",
        type=int,
        default=2000,
        help="size of the demo built without --workspace (default 2,000)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # tests.browser.live: the same pages as the tests

    from playwright.sync_api import sync_playwright

    from belofte.logs import configure_logging
    from belofte.settings import Settings
    from belofte.web.app import create_app
    from tests.browser import live

    if reason := live.missing_browser():
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 2
    configure_logging(Settings(log_level="WARNING"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="belofte-screenshots-") as scratch:
        if args.workspace is None:
            workspace, password = (
                _build_demo(Path(scratch), args.customers),
                DEMO_PASSWORD,
            )
        else:
            workspace = args.workspace.resolve()
            password = os.environ.get("BELOFTE_SCREENSHOT_PASSWORD") or getpass.getpass(
                f"password of {args.user}: "
            )
        settings = Settings().model_copy(update={"workspace": workspace})
        app = create_app(settings)
        # Pages with a parameter: one store's page stands for all of them.
        paths = [*live.page_paths(app), "/locations/utrecht-centrum"]
        print(f"{len(paths)} pages: {' '.join(paths)}", flush=True)
        with live.LiveServer(app) as server, sync_playwright() as playwright:
            browser = live.launch_chromium(playwright)
            context = browser.new_context(base_url=server.url)
            landed = live.sign_in(context.new_page(), args.user, password)
            if landed is None or not landed.ok:
                status = landed.status if landed else "no answer"
                print(f"could not sign in as {args.user} ({status})", file=sys.stderr)
                return 1
            state = context.storage_state()
            context.close()
            problems = _shoot(browser, server.url, dict(state), paths, args.out)
            browser.close()
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
