"""The self-contained report: its numbers are the results API's, it has no
script and no external URL, it escapes what customers wrote, and it speaks
Dutch and English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from belofte.domain.access import Role
from belofte.errors import InvalidInput
from belofte.ingest.kinds import RecordKind
from belofte.services.access.tokens import create_token
from belofte.services.listen.imports import ingest_records
from belofte.services.measure.analytics import analytics_engine
from belofte.services.report import charts as charts
from belofte.services.report.render import period_range, render_report, report_cut
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.web.app import create_app

Q3 = "since=2026-07-01&until=2026-09-30"
STORE = "utrecht-centrum"
SCRIPT = "<script>alert(1)</script>"

Tables = dict[str, dict[str, dict[str, float]]]


class _Cells(HTMLParser):
    """`data-table` > `data-row` > `data-field`: data-value (and _low, _high)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: Tables = {}
        self.table = self.row = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table" and "data-table" in a:
            self.table = a["data-table"]
            self.tables[self.table] = {}
        elif tag == "tr" and "data-row" in a:
            self.row = a["data-row"]
            self.tables[self.table][self.row] = {}
        elif tag == "td" and "data-value" in a:
            cells = self.tables[self.table][self.row]
            cells[a["data-field"]] = float(a["data-value"])
            for end in ("low", "high"):
                if f"data-{end}" in a:
                    cells[f"{a['data-field']}_{end}"] = float(a[f"data-{end}"])


def cells(html: str) -> Tables:
    parser = _Cells()
    parser.feed(html)
    return parser.tables


def same(cells_: dict[str, float], row: dict[str, Any]) -> None:
    """Every number in the report's row equals the API row's, exactly."""
    assert cells_
    for name, value in cells_.items():
        assert row[name] == value, name


class Demo:
    def __init__(self, ws: Workspace, client: TestClient, token: str) -> None:
        self.ws, self.client, self.token = ws, client, token

    def api(self, url: str) -> Any:
        response = self.client.get(
            url, headers={"Authorization": f"Bearer {self.token}"}
        )
        assert response.status_code == 200, response.text
        return response.json()

    def report(self, location: str | None = None, language: str = "en") -> str:
        cut = report_cut("2026-Q3", location)
        return render_report(self.ws, analytics_engine(self.ws), cut, language)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def demo(demo_workspace: Workspace) -> Iterator[Demo]:
    token = create_token(demo_workspace, "report-admin", Role.ADMIN, actor="t")[1]
    with TestClient(create_app(demo_workspace.settings)) as client:
        yield Demo(demo_workspace, client, token)


def _check_scores(tables: Tables, demo: Demo, where: str) -> None:
    (overall,) = demo.api(f"/api/v1/metrics?{Q3}{where}")["rows"]
    for metric in ("nps", "csat", "ces", "sentiment"):
        same(tables["overview"][metric], overall)
    for dimension in ("location", "touchpoint"):
        api = demo.api(f"/api/v1/metrics?by={dimension}&{Q3}{where}")["rows"]
        shown = tables[f"nps-{dimension}"]
        assert list(shown) == [r[dimension] for r in api]
        for row in api:
            same(shown[row[dimension]], row)
    api = demo.api(f"/api/v1/metrics?period=month&metric=nps&{Q3}{where}")["rows"]
    assert list(tables["nps-month"]) == [r["period"] for r in api]
    for row in api:
        same(tables["nps-month"][row["period"]], row)


def _check_promise(tables: Tables, demo: Demo, where: str, html: str) -> None:
    api = demo.api(f"/api/v1/promise?{Q3}{where}")
    delivery = {
        f"{r['pillar']} × {r['touchpoint']}": r for r in api["delivery"]["rows"]
    }
    assert set(tables["delivery"]) == set(delivery)
    for key, shown in tables["delivery"].items():
        same(shown, delivery[key])
    weakest = {r["pillar"]: r for r in api["weakest_links"]["rows"]}
    assert set(tables["weakest-links"]) == set(weakest)
    for pillar, shown in tables["weakest-links"].items():
        same(shown, weakest[pillar])
    for row in api["weakest_links"]["rows"]:
        for quote in row["evidence"]:
            escaped = quote.replace("&", "&amp;").replace("<", "&lt;")
            assert escaped.replace(">", "&gt;").replace('"', "&#34;") in html


def test_the_reports_numbers_are_the_apis(demo: Demo) -> None:
    html = demo.report()
    tables = cells(html)
    _check_scores(tables, demo, "")
    _check_promise(tables, demo, "", html)
    api = demo.api(f"/api/v1/drivers?{Q3}")["rows"]
    assert list(tables["drivers"]) == [r["driver"] for r in api]
    for row in api:
        same(tables["drivers"][row["driver"]], row)


def test_a_location_narrows_everything(demo: Demo) -> None:
    html = demo.report(STORE)
    tables = cells(html)
    assert list(tables["nps-location"]) == [STORE]
    where = f"&where=location={STORE}"
    _check_scores(tables, demo, where)
    _check_promise(tables, demo, where, html)
    assert tables["weakest-links"] and html.count(f"@ {STORE}<") >= len(
        tables["weakest-links"]
    )


def test_offline_no_script_and_both_languages(demo: Demo) -> None:
    english, dutch = demo.report(), demo.report(language="nl")
    for html in (english, dutch):
        assert "http://" not in html and "https://" not in html
        assert "<script" not in html.lower()
        assert "@import" not in html and "url(" not in html
        assert html.count("<svg") == 5  # 2 x bars, trend, heat map, scatter
        assert "@media print" in html and "break-inside: avoid" in html
        assert "@page" in html
    assert '<html lang="en">' in english and "NPS by location" in english
    assert '<html lang="nl">' in dutch and "NPS per vestiging" in dutch
    assert "01-07-2026 – 30-09-2026" in dutch
    assert "01 Jul 2026 – 30 Sep 2026" in english
    # Dutch numbers: a decimal comma, the interval's parts apart by "; ".
    assert re.search(r">\d+,\d \[−?\d+,\d; −?\d+,\d\]<", dutch)
    assert re.search(r">\d+\.\d \[−?\d+\.\d, −?\d+\.\d\]<", english)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026", "2026-01-01", "2026-12-31"),
        ("2026-Q3", "2026-07-01", "2026-09-30"),
        ("2024-02", "2024-02-01", "2024-02-29"),
    ],
)
def test_periods(text: str, first: str, last: str) -> None:
    since, until = period_range(text)
    assert (since.isoformat(), until.isoformat()) == (first, last)


@pytest.mark.parametrize("text", ["2026-Q5", "2026-13", "Q3", "26-Q3", "0999"])
def test_bad_periods_name_the_field(text: str) -> None:
    with pytest.raises(InvalidInput, match="^period: "):
        period_range(text)


def test_chart_labels_are_escaped() -> None:
    bar = charts.Bar(SCRIPT, 0.5, 0.4, 0.6, '"><img src=x>')
    svg = str(charts.bars([bar], SCRIPT, str))
    assert "<script" not in svg and "&lt;script&gt;" in svg and "<img" not in svg


def test_a_verbatim_with_a_script_is_escaped(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path / "ws", "retail-nl", Settings()).workspace
    comments = [
        f"{SCRIPT} onvriendelijk personeel, lange wachtrij",
        f"{SCRIPT} onvriendelijk en onbeleefd personeel",
        "Vriendelijk personeel, snel geholpen",
    ]
    records = [
        {
            "id": f"R{i}",
            "responded_at": f"2026-08-0{i + 1}",
            "location": STORE,
            "touchpoint": "aankoop-winkel",
            "nps": 2 if SCRIPT in comment else 9,
            "comment": comment,
        }
        for i, comment in enumerate(comments)
    ]
    ingest_records(workspace, RecordKind.RESPONSES, records, source="t", actor="t")
    try:
        html = render_report(
            workspace, analytics_engine(workspace), report_cut("2026-08"), "nl"
        )
    finally:
        workspace.close()
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; onvriendelijk" in html
