"""Sign-in, sign-out and every page, in a real Chromium against a live server.

Each page must load with no console error, no script error, no failed request
and no answer >= 400, and show something in its <main>. The pages are found
from the app's routes (`live.page_paths`), so a new page is checked as soon as
its router is included in `create_app`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser import live
from tests.browser.conftest import Tab

#: Pages known to be wider than a phone, and why: the test fails when one of
#: them fits (then delete it here) as when another page does not.
WIDE_ON_PHONE: dict[str, str] = {}  # none since the dashboard's tables scroll


def _path(url: str) -> str:
    return urlsplit(url).path


def test_the_sign_in_page_loads_clean(anonymous: Tab) -> None:
    response = anonymous.page.goto("/login")
    assert response is not None and response.status == 200
    assert anonymous.page.locator('input[name="username"]').is_visible()
    assert anonymous.page.locator('input[name="password"]').is_visible()
    assert live.main_text(anonymous.page)
    anonymous.watch.assert_clean()


def test_a_page_without_a_session_sends_you_to_sign_in(anonymous: Tab) -> None:
    anonymous.page.goto("/")
    assert _path(anonymous.page.url) == "/login"
    anonymous.watch.assert_clean()


def test_a_wrong_password_shows_the_error(anonymous: Tab) -> None:
    anonymous.watch.allow(401, "/login")  # the answer to a wrong password
    landed = live.sign_in(anonymous.page, live.ADMIN, "niet-het-wachtwoord")
    assert landed is not None and landed.status == 401
    assert _path(anonymous.page.url) == "/login"
    alert = anonymous.page.get_by_role("alert")
    assert alert.is_visible() and alert.inner_text().strip()
    # The name stays filled in; the password does not.
    assert anonymous.page.input_value('input[name="username"]') == live.ADMIN
    assert anonymous.page.input_value('input[name="password"]') == ""
    assert not any(
        c["name"] == "belofte_session" for c in anonymous.page.context.cookies()
    )
    anonymous.watch.assert_clean()


def test_signing_in_opens_the_start_page_and_signing_out_ends_it(
    anonymous: Tab,
) -> None:
    page = anonymous.page
    landed = live.sign_in(page, live.ADMIN, live.PASSWORD)
    assert landed is not None and landed.ok
    assert _path(page.url) == "/"
    assert live.main_text(page)
    assert any(c["name"] == "belofte_session" for c in page.context.cookies())

    with page.expect_navigation():
        page.locator('form[action="/logout"] [type="submit"]').first.click()
    assert _path(page.url) == "/login"
    assert not any(c["name"] == "belofte_session" for c in page.context.cookies())
    page.goto("/")  # the session is over: back to the sign-in form
    assert _path(page.url) == "/login"
    anonymous.watch.assert_clean()


def test_a_store_manager_signs_in_to_their_own_store(manager: Tab) -> None:
    manager.page.goto("/")
    assert _path(manager.page.url) == "/"
    assert live.MANAGER_LOCATION in manager.page.content()
    manager.watch.assert_clean()


def test_every_page_loads_clean(admin: Tab, server: live.LiveServer) -> None:
    """Visit every discovered page as the admin; report every problem at once."""
    paths = live.page_paths(server.app)
    assert {"/", "/login"} <= set(paths), paths
    failures: list[str] = []
    for path in paths:
        response = admin.page.goto(path)
        problems = admin.watch.take()
        if response is None or response.status != 200:
            problems.append(f"answered {response.status if response else 'nothing'}")
        if _path(admin.page.url) != path:
            problems.append(f"went on to {admin.page.url}")
        if not live.main_text(admin.page):
            problems.append("<main> is missing or empty")
        failures += [f"{path}: {problem}" for problem in problems]
    admin.page.wait_for_load_state("networkidle")  # what the last page fetched late
    failures += [f"{paths[-1]}: {problem}" for problem in admin.watch.take()]
    assert not failures, f"{len(paths)} pages visited:\n" + "\n".join(failures)


def test_every_page_fits_a_phone(admin_phone: Tab, server: live.LiveServer) -> None:
    """No page scrolls sideways on a 390 px phone (wide tables scroll in a box)."""
    width = live.PHONE["width"]
    wide: dict[str, int] = {}
    for path in live.page_paths(server.app):
        admin_phone.page.goto(path)
        scroll_width = admin_phone.page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide[path] = scroll_width
    admin_phone.watch.assert_clean()
    assert set(wide) - set(WIDE_ON_PHONE) == set(), f"wider than {width} px: {wide}"
    fits = set(WIDE_ON_PHONE) - set(wide)
    assert not fits, f"{fits} fit a phone now: delete them from WIDE_ON_PHONE"


def test_the_browser_finds_an_icon(anonymous: Tab) -> None:
    # Chromium asks for an icon once per run (it remembers a missing one), so
    # ask for the icon the page names, or the one browsers look for by default.
    anonymous.page.goto("/login")
    declared = anonymous.page.locator('link[rel~="icon"]')
    icon = declared.first.get_attribute("href") if declared.count() else None
    response = anonymous.page.request.get(icon or "/favicon.ico")
    assert response.ok, f"{response.status} for {icon or '/favicon.ico'}"


def test_the_watch_sees_what_goes_wrong(anonymous: Tab) -> None:
    """The harness itself: a broken page (served by the browser) is reported."""
    broken = (
        "<!doctype html><main>x</main><img src='/no-such-image.png'>"
        "<script>throw new Error('boom')</script>"
    )
    anonymous.page.route(
        "**/broken", lambda route: route.fulfill(body=broken, content_type="text/html")
    )
    anonymous.page.goto("/broken", wait_until="networkidle")
    seen = "\n".join(anonymous.watch.take())
    assert "HTTP 404: GET http://127.0.0.1" in seen and "/no-such-image.png" in seen
    assert "page error: boom" in seen or "Error: boom" in seen, seen
