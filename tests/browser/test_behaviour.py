"""What a person does on the pages, in a real Chromium: filter, switch language,
correct a label; and hostile texts stay text.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from belofte.ingest.kinds import RecordKind
from belofte.services.listen.imports import ingest_records
from belofte.services.workspace import Workspace
from tests.browser.conftest import Tab

HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_a_filter_changes_the_charts_and_the_url(admin: Tab) -> None:
    page = admin.page
    page.goto("/")
    trend = page.locator("#trend figure svg")
    before = trend.inner_html()
    answers = page.locator('[data-table="overview"] [data-row="nps"] td').nth(1)
    all_answers = answers.inner_text()
    page.select_option('select[name="channel"]', "webshop")
    page.select_option('select[name="grain"]', "quarter")
    with page.expect_navigation():
        page.get_by_role("button", name="Toepassen").or_(
            page.get_by_role("button", name="Apply")
        ).click()
    assert _query(page.url)["channel"] == ["webshop"]
    assert _query(page.url)["grain"] == ["quarter"]
    after = trend.inner_html()
    assert after != before and "Q3" in after
    assert answers.inner_text() != all_answers
    # The URL is the view: opened afresh, it shows the same chart.
    shared = page.url
    page.goto("/")
    page.goto(shared)
    assert trend.inner_html() == after
    assert page.locator('select[name="channel"]').input_value() == "webshop"
    admin.watch.assert_clean()


def test_the_language_switch_works_and_is_remembered(admin: Tab) -> None:
    page = admin.page
    page.goto("/drivers")
    start = page.locator("html").get_attribute("lang")
    other = "en" if start == "nl" else "nl"
    with page.expect_navigation():
        page.locator(f'a[data-lang="{other}"]').click()
    assert urlsplit(page.url).path == "/drivers"  # back on the same page
    assert page.locator("html").get_attribute("lang") == other
    page.goto("/journeys")
    assert page.locator("html").get_attribute("lang") == other
    heading = page.locator("h1").inner_text()
    assert heading == ("Customer journeys" if other == "en" else "Klantreizen")
    admin.watch.assert_clean()


def test_a_label_correction_round_trips(admin: Tab) -> None:
    page = admin.page
    page.goto("/text?sentiment=negative")
    item = page.locator("ol.verbatims > li").first
    verbatim = item.get_attribute("data-verbatim")
    item.locator("summary").click()
    item.locator('select[name="sentiment"]').select_option("mixed")
    with page.expect_navigation():
        item.locator('button[type="submit"]').click()
    assert _query(page.url)["saved"] == [str(verbatim)]
    assert _query(page.url)["sentiment"] == ["negative"]  # the list stays filtered
    again = page.locator(f'li[data-verbatim="{verbatim}"]')
    assert again.locator('[data-corrected-sentiment="mixed"]').count() == 1
    assert again.get_by_role("status").is_visible()
    admin.watch.assert_clean()


def test_hostile_texts_render_as_text(admin: Tab, browser_workspace: Workspace) -> None:
    ingest_records(
        browser_workspace,
        RecordKind.REVIEWS,
        [
            {
                "id": f"hostile-{i}",
                "occurred_at": "2026-11-20",
                "location": "utrecht-centrum",
                "rating": 2,
                "text": f"Vijandig {payload} einde",
            }
            for i, payload in enumerate(HOSTILE)
        ],
        source="browser-test",
        actor="test:browser",
    )
    dialogs: list[str] = []
    admin.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    admin.page.goto("/text?q=Vijandig")
    shown = admin.page.locator("blockquote.verbatim").all_inner_texts()
    assert sorted(shown) == sorted(f"Vijandig {p} einde" for p in HOSTILE)
    assert admin.page.locator("main img, main script").count() == 0
    assert dialogs == []
    admin.watch.assert_clean()
