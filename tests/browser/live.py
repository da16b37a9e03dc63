"""A real browser on a live server: shared by tests/browser and scripts/screenshots.py.

- `missing_browser()`: why Chromium or Playwright cannot run here, or None.
- `launch_chromium(playwright)`: Debian's /usr/bin/chromium (never a downloaded one).
- `LiveServer(app)`: uvicorn in a background thread on 127.0.0.1, a free port.
- `page_paths(app)`: the pages to visit, discovered from the app's routes, so
  a page added under belofte/web/pages is visited without touching the tests.
- `sign_in(page, username, password)`: through the /login form, like a person.
- `PageWatch`: records console errors, page errors, failed requests and
  responses >= 400 of a page, and asserts there were none.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from belofte.domain.access import Role
from belofte.services.access.users import add_user
from belofte.services.workspace import Workspace

if TYPE_CHECKING:
    from fastapi import FastAPI
    from playwright.sync_api import (
        Browser,
        ConsoleMessage,
        Frame,
        Page,
        Playwright,
        Request,
        Response,
    )

CHROMIUM = Path("/usr/bin/chromium")
#: stack.md item 11: no sandbox (root in CI), nothing that phones home.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

#: The users the browser signs in as (created by `add_browser_users`).
ADMIN = "browser-admin"
MANAGER = "browser-manager"
MANAGER_LOCATION = "utrecht-centrum"
PASSWORD = "browser-wachtwoord-1"  # noqa: S105 - a test workspace's password

#: Answers the app is known to get wrong, not counted by `PageWatch` by default.
#: Give each a strict xfail test in test_pages.py that fails once the app is
#: fixed (then delete the entry here and the xfail there). None today.
KNOWN_GAPS: frozenset[tuple[int, str]] = frozenset()

#: Paths that are not pages: the API, static files, sign-out (POST only, but
#: never visit it by accident), and files by their extension (/favicon.ico,
#: an export.csv).
NOT_PAGES = re.compile(r"^/(api|static|logout)(/|$)|\.[A-Za-z0-9]+$")


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "no Playwright: pip install -e '.[dev]'"
    if not CHROMIUM.is_file():
        return (
            f"no Chromium at {CHROMIUM}: apt-get install chromium (scripts/test does)"
        )
    return None


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless; `playwright install` is never needed."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS)
    )


def page_paths(app: FastAPI) -> list[str]:
    """Every server-rendered page a signed-in person can open without parameters.

    GET routes outside /api and /static, without path parameters or required
    query parameters, not /logout and not a file (`NOT_PAGES`); sorted, "/"
    first.
    """
    from fastapi import routing

    # FastAPI >= 0.16x keeps included routers whole in `app.routes`;
    # `iter_route_contexts` (what its OpenAPI generator walks) flattens them.
    walk = getattr(routing, "iter_route_contexts", None)
    routes: Iterable[Any] = walk(app.routes) if walk else app.routes
    found: set[str] = set()
    for route in routes:
        path: str = getattr(route, "path", None) or ""
        methods = getattr(route, "methods", None) or set()
        if "GET" not in methods or "{" in path or NOT_PAGES.search(path):
            continue
        original = getattr(route, "original_route", route)
        dependant = getattr(original, "dependant", None)
        if dependant is not None and _needs_query(dependant):
            continue
        found.add(path)
    return sorted(found, key=lambda p: (p != "/", p))


def _needs_query(dependant: Any) -> bool:
    """Whether a route (or one of its dependencies) needs a query parameter."""
    return any(
        param.field_info.is_required() for param in dependant.query_params
    ) or any(_needs_query(sub) for sub in dependant.dependencies)


def copy_workspace(source: Workspace, target: Path) -> Path:
    """A private copy of a workspace on SQLite (a consistent snapshot of the store).

    The browser tests add users and sessions; the shared demo stays as it was.
    """
    database = source.path / "belofte.db"
    shutil.copytree(
        source.path,
        target,
        ignore=shutil.ignore_patterns("belofte.db", "belofte.db-*", ".lock"),
    )
    with (
        closing(sqlite3.connect(database)) as origin,
        closing(sqlite3.connect(target / "belofte.db")) as copy,
    ):
        origin.backup(copy)
    return target


def add_browser_users(ws: Workspace) -> None:
    """An admin and a store manager with the known `PASSWORD`."""
    add_user(ws, ADMIN, Role.ADMIN, password=PASSWORD, actor="test:browser")
    add_user(
        ws,
        MANAGER,
        Role.MANAGER,
        password=PASSWORD,
        locations=(MANAGER_LOCATION,),
        actor="test:browser",
    )


class LiveServer:
    """`app` served by uvicorn in a daemon thread on 127.0.0.1 (a free port).

    Use as a context manager; `url` is the base URL. The socket is bound before
    the thread starts, so there is no race for the port.
    """

    def __init__(self, app: FastAPI) -> None:
        import uvicorn

        self.app = app
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="on",
            ws="none",  # no websockets: their import warns, and pages need none
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name="belofte-live-server",
            daemon=True,
        )

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the live server did not start")
            time.sleep(0.02)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)
        self._socket.close()


def sign_in(page: Page, username: str, password: str) -> Response | None:
    """Fill in and send the sign-in form; returns the response it lands on."""
    page.goto("/login")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    with page.expect_navigation() as landed:
        page.click('form[action="/login"] [type="submit"]')
    return landed.value


def main_text(page: Page) -> str:
    """The visible text of the page's <main> ("" when there is none)."""
    main = page.locator("main")
    if main.count() == 0:
        return ""
    return main.first.inner_text().strip()


@dataclass
class PageWatch:
    """What went wrong on a page: console errors, page errors, failed requests.

    `allow(status, path)` accepts one expected answer (a 401 for a wrong
    password) and the console line Chromium writes for it. A request aborted
    because the page went on to another (a click before the icon came) is no
    problem; one aborted while the page stays is.
    """

    problems: list[str] = field(default_factory=list)
    allowed: set[tuple[int, str]] = field(default_factory=set)
    #: Aborted requests, forgiven if the page navigates next.
    aborted: list[str] = field(default_factory=list)

    @classmethod
    def on(
        cls, page: Page, allowed: frozenset[tuple[int, str]] = KNOWN_GAPS
    ) -> PageWatch:
        """Start watching `page`, not counting the `allowed` (status, path)s."""
        watch = cls(allowed=set(allowed))
        page.on("console", watch._console)
        page.on("pageerror", watch._page_error)
        page.on("requestfailed", watch._request_failed)
        page.on("response", watch._response)
        page.on("framenavigated", watch._navigated)
        return watch

    def allow(self, status: int, path: str) -> None:
        """Do not count answer `status` to `path` as a problem."""
        self.allowed.add((status, path))

    def _is_allowed(self, status: int, url: str) -> bool:
        from urllib.parse import urlsplit

        return (status, urlsplit(url).path) in self.allowed

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "") if message.location else ""
        status = re.search(r"status of (\d{3})", message.text)
        if status and self._is_allowed(int(status.group(1)), where):
            return
        self.problems.append(f"console error at {where}: {message.text}")

    def _page_error(self, error: Any) -> None:
        self.problems.append(f"page error: {error}")

    def _request_failed(self, request: Request) -> None:
        seen = f"request failed: {request.method} {request.url}: {request.failure}"
        if request.failure == "net::ERR_ABORTED":
            self.aborted.append(seen)
        else:
            self.problems.append(seen)

    def _navigated(self, frame: Frame) -> None:
        if frame.parent_frame is None:
            self.aborted.clear()  # aborted by leaving the page

    def _response(self, response: Response) -> None:
        if response.status >= 400 and not self._is_allowed(
            response.status, response.url
        ):
            self.problems.append(
                f"HTTP {response.status}: {response.request.method} {response.url}"
            )

    def take(self) -> list[str]:
        """The problems seen so far, forgetting them."""
        seen, self.problems = self.problems + self.aborted, []
        self.aborted = []
        return seen

    def assert_clean(self) -> None:
        """Fail with every problem seen, if any."""
        seen = self.take()
        assert not seen, "\n".join(seen)  # noqa: S101 - a test helper
