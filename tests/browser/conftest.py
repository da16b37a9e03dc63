"""Real-browser fixtures: one live server and one Chromium for the whole run.

The server serves a private copy of the shared 8,000-customer demo
(`demo_workspace`) with two users of known password: `live.ADMIN` and
`live.MANAGER` (a store manager of `live.MANAGER_LOCATION`). Each test gets a
fresh browser context (its own cookies), already signed in where it asks.

Without /usr/bin/chromium or Playwright the tests are skipped with a reason,
except in CI (CI=true), where that fails the run: the browser leg must really
execute there (scripts/test installs Debian's chromium when it is missing).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from belofte.services.workspace import Workspace, open_workspace
from belofte.settings import Settings
from belofte.web.app import create_app
from tests.browser import live

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@dataclass
class Tab:
    """A page in its own browser context, and what went wrong on it."""

    page: Page
    watch: live.PageWatch


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (one per run)."""
    if reason := live.missing_browser():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the browser leg: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = live.launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def browser_workspace(
    browser: Browser,
    demo_workspace: Workspace,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Workspace]:
    """A private copy of the demo, with the browser users added.

    The shared demo's Parquet lake is brought up to date first (the Measure
    tests do that anyway), so the copy's pages do not build it again (~4 s).
    """
    from belofte.services.measure.analytics import refresh

    refresh(demo_workspace)
    folder = live.copy_workspace(
        demo_workspace, tmp_path_factory.mktemp("browser") / "stroomhuis"
    )
    ws = open_workspace(folder, Settings())
    live.add_browser_users(ws)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def server(browser_workspace: Workspace) -> Iterator[live.LiveServer]:
    """The web app over the copy, on 127.0.0.1 and a free port."""
    settings = Settings().model_copy(update={"workspace": browser_workspace.path})
    with live.LiveServer(create_app(settings)) as running:
        yield running


def _signed_in_state(
    browser: Browser, server: live.LiveServer, username: str
) -> dict[str, Any]:
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    landed = live.sign_in(page, username, live.PASSWORD)
    assert landed is not None and landed.ok, f"{username} could not sign in"
    state: dict[str, Any] = dict(context.storage_state())
    context.close()
    return state


@pytest.fixture(scope="session")
def admin_state(browser: Browser, server: live.LiveServer) -> dict[str, Any]:
    """The cookies of one admin session, signed in once per run."""
    return _signed_in_state(browser, server, live.ADMIN)


@pytest.fixture(scope="session")
def manager_state(browser: Browser, server: live.LiveServer) -> dict[str, Any]:
    """The cookies of one store manager's session, signed in once per run."""
    return _signed_in_state(browser, server, live.MANAGER)


def _tab(
    browser: Browser,
    server: live.LiveServer,
    state: dict[str, Any] | None,
    *,
    phone: bool = False,
) -> Iterator[Tab]:
    context = browser.new_context(
        base_url=server.url,
        storage_state=state,  # type: ignore[arg-type]
        viewport=live.PHONE if phone else live.DESKTOP,  # type: ignore[arg-type]
        is_mobile=phone,  # the page's meta viewport counts, as on a phone
        has_touch=phone,
    )
    page = context.new_page()
    yield Tab(page, live.PageWatch.on(page))
    context.close()


@pytest.fixture
def anonymous(browser: Browser, server: live.LiveServer) -> Iterator[Tab]:
    """A page in a fresh context, signed in as nobody."""
    yield from _tab(browser, server, None)


@pytest.fixture
def admin(
    browser: Browser, server: live.LiveServer, admin_state: dict[str, Any]
) -> Iterator[Tab]:
    """A page signed in as `live.ADMIN`."""
    yield from _tab(browser, server, admin_state)


@pytest.fixture
def admin_phone(
    browser: Browser, server: live.LiveServer, admin_state: dict[str, Any]
) -> Iterator[Tab]:
    """A 390x844 phone signed in as `live.ADMIN`."""
    yield from _tab(browser, server, admin_state, phone=True)


@pytest.fixture
def manager(
    browser: Browser, server: live.LiveServer, manager_state: dict[str, Any]
) -> Iterator[Tab]:
    """A page signed in as `live.MANAGER`, who sees only their store."""
    yield from _tab(browser, server, manager_state)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser carries the `browser` marker."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
