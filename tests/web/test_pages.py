"""The pages over HTTP (no browser): numbers, filters, languages, forms, escaping.

The demo copy answers "do the pages show the API's numbers for the same
filters?"; the small access world (two stores, known passwords) answers the
rest: corrections, the blueprint form, scope and hostile texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from belofte.domain.access import Role
from belofte.ingest.kinds import RecordKind
from belofte.services.access.audit import audit_entries
from belofte.services.access.users import add_user
from belofte.services.listen.imports import ingest_records
from belofte.services.workspace import Workspace, open_workspace
from belofte.settings import Settings
from belofte.store.repositories.enrichments import EnrichmentRepository
from belofte.web.app import create_app
from belofte.web.pages.listen.text import highlight
from tests.browser.live import copy_workspace
from tests.web.access_world import (
    ADMIN_PASSWORD,
    PASSWORD,
    STORE_A,
    STORE_B,
    World,
    build_world,
    form_csrf,
    sign_in,
)

HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
DEMO_PASSWORD = "pagina-wachtwoord-1"  # noqa: S105 - a test fixture's password


def _values(html: str, table: str, field: str) -> dict[str, float]:
    """row key -> data-value of `field` in the table named `table`."""
    body = html.split(f'<table data-table="{table}">', 1)[1].split("</table>", 1)[0]
    found = {}
    for key, row in re.findall(r'<tr data-row="([^"]*)">(.*?)</tr>', body):
        cell = re.search(rf'data-field="{field}" data-value="([^"]+)"', row)
        if cell:
            found[key] = float(cell.group(1))
    return found


@pytest.fixture(scope="module")
def demo(
    demo_workspace: Workspace, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The demo copy, signed in as an admin (English by the browser's header)."""
    folder = copy_workspace(demo_workspace, tmp_path_factory.mktemp("pages") / "ws")
    ws = open_workspace(folder, Settings())
    add_user(ws, "pagina-admin", Role.ADMIN, password=DEMO_PASSWORD, actor="t")
    add_user(
        ws,
        "pagina-manager",
        Role.MANAGER,
        password=DEMO_PASSWORD,
        locations=("eindhoven-woensel",),
        actor="t",
    )
    settings = Settings().model_copy(update={"workspace": folder})
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        client.headers["Accept-Language"] = "en-GB,en;q=0.8"
        sign_in(client, "pagina-admin", DEMO_PASSWORD)
        yield client
    ws.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    built = build_world(tmp_path_factory.mktemp("pages") / "ws")
    for i, payload in enumerate(HOSTILE):
        ingest_records(
            built.ws,
            RecordKind.REVIEWS,
            [
                {
                    "id": f"X-{i}",
                    "occurred_at": "2026-11-03",
                    "location": STORE_A,
                    "rating": 1,
                    "text": f"De bezorging was te laat {payload} slecht",
                }
            ],
            source="test",
            actor="t",
        )
    yield built
    built.ws.close()


@pytest.fixture
def admin(world: World) -> Iterator[TestClient]:
    app = create_app(world.ws.settings)
    with TestClient(app, base_url="https://testserver") as client:
        sign_in(client, "admin", ADMIN_PASSWORD)
        yield client


def test_the_dashboard_shows_the_apis_numbers_for_the_same_filters(
    demo: TestClient,
) -> None:
    page = demo.get("/?channel=winkel&since=2026-03-01&until=2026-08-31")
    assert page.status_code == 200
    api = demo.get(
        "/api/v1/metrics",
        params={
            "by": "location",
            "where": "channel=winkel",
            "since": "2026-03-01",
            "until": "2026-08-31",
        },
    ).json()
    expected = {r["location"]: r["nps"] for r in api["rows"]}
    shown = _values(page.text, "nps-location", "nps")
    assert shown.keys() == expected.keys() and len(shown) >= 10
    for location, value in expected.items():
        assert shown[location] == pytest.approx(value, abs=1e-12), location
    shrunken = _values(page.text, "nps-location", "nps_shrunken")
    assert shrunken == pytest.approx(
        {r["location"]: r["nps_shrunken"] for r in api["rows"]}, abs=1e-12
    )
    # The league chart ranks by the shrunken NPS: its bars come best first.
    league = page.text.split('<section id="league">', 1)[1].split("</svg>", 1)[0]
    order = re.findall(r'text-anchor="end" fill="#1f2933">([^<]+)</text>', league)
    ranked = sorted(shrunken, key=lambda k: -shrunken[k])
    assert order == [name if len(name) <= 28 else name[:27] + "…" for name in ranked]


def test_filters_change_the_numbers_and_live_in_the_links(demo: TestClient) -> None:
    everything = _values(demo.get("/").text, "overview", "nps_n")
    webshop = demo.get("/?channel=webshop&grain=quarter")
    assert webshop.status_code == 200
    narrowed = _values(webshop.text, "overview", "nps_n")
    assert 0 < narrowed["nps"] < everything["nps"]
    # A quarterly trend: periods like 2026-Q3; the language link keeps the view.
    assert 'data-row="2026-Q3"' in webshop.text
    assert "next=/%3Fchannel%3Dwebshop%26grain%3Dquarter" in webshop.text
    assert '<option value="webshop" selected>' in webshop.text


def test_bad_filters_are_shown_with_the_field_and_422(demo: TestClient) -> None:
    for url, field in (
        ("/?since=gisteren", "since"),
        ("/?grain=year", "grain"),
        ("/drivers?until=2026-13-45", "until"),
        ("/text?page=0", "page"),
        ("/text?since=morgen", "since"),
    ):
        response = demo.get(url)
        assert response.status_code == 422, url
        alert = re.search(r'<p class="problem" role="alert">([^<]*)</p>', response.text)
        assert alert and f"{field}:" in alert.group(1), (url, response.text[-800:])


def test_every_page_speaks_dutch_and_english(demo: TestClient) -> None:
    switched = demo.get("/language/nl?next=/drivers%3Fchannel%3Dwinkel")
    assert switched.history[0].status_code == 303
    assert switched.url.path == "/drivers" and switched.url.query == b"channel=winkel"
    dutch = demo.get("/")
    assert '<html lang="nl">' in dutch.text
    assert "Hoe de belofte wordt nagekomen" in dutch.text
    nps = _values(dutch.text, "overview", "nps")["nps"]
    shown = f"{nps * 100:.1f}".replace(".", ",")
    assert f">{shown} [" in dutch.text  # 28,7 [27,1; 30,3]
    for path in ("/text", "/drivers", "/journeys", "/locations", "/settings"):
        page = demo.get(path)
        assert page.status_code == 200, path
        assert '<html lang="nl">' in page.text and "Afmelden" in page.text
    demo.get("/language/en?next=/")
    english = demo.get("/")
    assert '<html lang="en">' in english.text and f">{nps * 100:.1f} [" in english.text
    # Never a redirect to another site.
    away = demo.get("/language/en?next=//evil.example/x", follow_redirects=False)
    assert away.headers["location"] == "/"


def test_a_store_manager_sees_only_their_store(demo: TestClient) -> None:
    # Not `with`: a second lifespan would close the app's workspace on exit.
    client = TestClient(demo.app, base_url="https://testserver")
    client.headers["Accept-Language"] = "en"
    sign_in(client, "pagina-manager", DEMO_PASSWORD)
    page = client.get("/")
    assert page.status_code == 200
    select = page.text.split('<select name="location">', 1)[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)"', select) == [
        "",
        "eindhoven-woensel",
    ]
    assert set(_values(page.text, "nps-location", "nps")) == {"eindhoven-woensel"}
    other = client.get("/?location=utrecht-centrum")
    assert other.status_code == 403
    assert "utrecht-centrum is outside your scope" in other.text
    assert client.get("/locations/utrecht-centrum").status_code == 404
    assert client.get("/locations/eindhoven-woensel").status_code == 200
    assert client.get("/settings").status_code == 403


def test_the_location_page_is_that_stores_numbers(demo: TestClient) -> None:
    page = demo.get("/locations/eindhoven-woensel")
    api = demo.get(
        "/api/v1/metrics", params={"where": "location=eindhoven-woensel"}
    ).json()
    assert _values(page.text, "overview", "nps")["nps"] == pytest.approx(
        api["rows"][0]["nps"], abs=1e-12
    )
    assert "<h1>Stroomhuis Eindhoven" in page.text
    assert demo.get("/locations/nergens").status_code == 404


def test_hostile_texts_are_shown_as_text(admin: TestClient) -> None:
    page = admin.get("/text", params={"location": STORE_A})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<img src=x" not in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text
    assert "<script" not in page.text


def test_a_label_correction_round_trips_and_feeds_learning(
    world: World, admin: TestClient
) -> None:
    verbatim = world.verbatims[STORE_A]
    page = admin.get("/text", params={"location": STORE_A})
    csrf = form_csrf(page.text)
    refused = admin.post(
        f"/text/{verbatim}/labels",
        data={"csrf": "0" * 64, "sentiment": "negative"},
    )
    assert refused.status_code == 403
    saved = admin.post(
        f"/text/{verbatim}/labels",
        data={
            "csrf": csrf,
            "sentiment": "negative",
            "aspect:vriendelijk-personeel": "absent",
            "back": f"?location={STORE_A}",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == (
        f"/text?location={STORE_A}&saved={verbatim}#v{verbatim}"
    )
    shown = admin.get(saved.headers["location"].split("#")[0])
    item = shown.text.split(f'data-verbatim="{verbatim}"', 1)[1].split("</li>")[0]
    assert 'data-corrected-sentiment="negative"' in item
    assert 'data-corrected-theme="vriendelijk-personeel"' in item
    assert 'role="status"' in item
    with world.ws.session(read_only=True) as session:
        labelled = {
            v.id: (v.corrected_sentiment, dict(v.corrected_aspects))
            for v in EnrichmentRepository(session).labelled()
        }
    assert labelled[verbatim] == ("negative", {"vriendelijk-personeel": "absent"})
    bad = admin.post(
        f"/text/{verbatim}/labels", data={"csrf": csrf, "sentiment": "woedend"}
    )
    assert bad.status_code == 422 and "sentiment:" in bad.text


def test_a_manager_cannot_correct_another_stores_text(world: World) -> None:
    with TestClient(create_app(world.ws.settings), base_url="https://testserver") as c:
        csrf = sign_in(c, "manager-a", PASSWORD)
        other = c.post(
            f"/text/{world.verbatims[STORE_B]}/labels",
            data={"csrf": csrf, "sentiment": "negative"},
        )
        assert other.status_code == 404


def test_the_blueprint_form_checks_applies_and_audits(
    world: World, admin: TestClient
) -> None:
    path: Path = world.ws.blueprint_path
    before = path.read_text(encoding="utf-8")
    page = admin.get("/settings")
    csrf = form_csrf(page.text)
    broken = before.replace("version: 1", "version: 7", 1)
    refused = admin.post("/settings", data={"blueprint": broken, "csrf": csrf})
    assert refused.status_code == 422
    assert re.search(r"<li>belofte.yaml:\d+ version", refused.text), refused.text
    assert path.read_text(encoding="utf-8") == before  # nothing saved
    why = re.search(r"why:\n\s+nl: (.+)\n", before)
    assert why
    changed = before.replace(why.group(1), "Omdat elke klant telt.", 1)
    saved = admin.post(
        "/settings", data={"blueprint": changed.replace("\n", "\r\n"), "csrf": csrf}
    )
    assert saved.status_code == 200
    assert "Omdat elke klant telt." in saved.text
    assert path.read_text(encoding="utf-8") == changed
    applied = audit_entries(world.ws, action="blueprint.applied")
    assert applied[0].actor == "user:admin"
    deep = "pillars:\n" + "- " * 5000 + "x\n"
    too_deep = admin.post("/settings", data={"blueprint": deep, "csrf": csrf})
    assert too_deep.status_code == 422
    assert "belofte.yaml:2: nested deeper than 64 levels" in too_deep.text


def test_staff_get_a_page_that_says_no(world: World) -> None:
    with TestClient(create_app(world.ws.settings), base_url="https://testserver") as c:
        c.headers["Accept-Language"] = "en"
        page = c.get("/login")
        c.post(
            "/login",
            data={
                "username": "staff-a",
                "password": PASSWORD,
                "csrf": form_csrf(page.text),
            },
        )
        for path in ("/", "/text", "/drivers", "/settings"):
            response = c.get(path)
            assert response.status_code == 403, path
            assert "You may not do this." in response.text


def test_highlight_marks_every_labelled_span_once() -> None:
    spans = [(0, 3, "a"), (2, 6, "b"), (10, 99, "out of range")]
    parts: list[Any] = highlight("abcdefgh", spans)
    assert parts == [("ab", "a"), ("c", "a; b"), ("def", "b"), ("gh", "")]


def test_every_page_works_on_each_database(tmp_path: Path, database_url: str) -> None:
    """The embedded default and PostgreSQL: every page, a search, a correction."""
    built = build_world(tmp_path / "ws", database_url)
    try:
        app = create_app(built.ws.settings)
        with TestClient(app, base_url="https://testserver") as client:
            csrf = sign_in(client, "admin", ADMIN_PASSWORD)
            for path in (
                "/",
                "/drivers",
                "/journeys",
                "/locations",
                f"/locations/{STORE_A}",
                "/settings",
                "/text?q=vriendelijk&since=2026-11-01&until=2026-11-30",
            ):
                response = client.get(path)
                assert response.status_code == 200, (path, response.text[-500:])
            found = client.get("/text", params={"q": "Domtorenbezoek"})
            assert f'data-verbatim="{built.verbatims[STORE_A]}"' in found.text
            assert 'data-total="1"' in found.text
            saved = client.post(
                f"/text/{built.verbatims[STORE_A]}/labels",
                data={"csrf": csrf, "sentiment": "positive"},
            )
            assert saved.status_code == 200
            assert 'data-corrected-sentiment="positive"' in saved.text
    finally:
        built.ws.close()


def test_the_app_can_stop_while_it_warms_up(demo: TestClient) -> None:
    """Shutting down mid warm-up waits for the query, then refuses new ones.

    Closing DuckDB under a running query crashed the whole process once.
    """
    folder = demo.app.state.workspace.path
    settings = Settings().model_copy(update={"workspace": folder})
    for _ in range(3):
        app = create_app(settings)
        with TestClient(app, base_url="https://testserver"):
            pass  # the warm-up thread has just started
        assert app.state.workspace.closed
    assert demo.get("/locations").status_code == 200  # the first app serves on


def test_a_managers_segment_filter_lists_only_their_stores_segments(
    tmp_path: Path,
) -> None:
    """The filter offered the segments of every store's customers."""
    built = build_world(tmp_path / "ws")
    ws = built.ws
    for store, segment in ((STORE_A, "zakelijk"), ("almere-stad", "vereniging")):
        customer = f"K-{store}"
        ingest_records(
            ws,
            RecordKind.CUSTOMERS,
            [{"id": customer, "segment": segment}],
            source="crm",
        )
        ingest_records(
            ws,
            RecordKind.RESPONSES,
            [
                {
                    "id": f"S-{store}",
                    "customer": customer,
                    "responded_at": "2026-11-02",
                    "location": store,
                    "nps": 8,
                }
            ],
            source="crm",
        )
    try:
        with TestClient(create_app(ws.settings), base_url="https://testserver") as c:
            sign_in(c, "manager-a", PASSWORD)
            page = c.get("/")
            assert page.status_code == 200
            assert 'value="zakelijk"' in page.text
            assert "vereniging" not in page.text
        with TestClient(create_app(ws.settings), base_url="https://testserver") as c:
            sign_in(c, "analist", PASSWORD)
            page = c.get("/").text
            assert 'value="zakelijk"' in page and 'value="vereniging"' in page
    finally:
        ws.close()
