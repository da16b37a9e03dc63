"""The results API: whole bodies on a hand-made shop, the CLI's numbers on the
demo, location scope, 422s that name the field, and the verbatim search."""

from __future__ import annotations

import math
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, get_args

import pytest
from fastapi.testclient import TestClient

from belofte.analytics.cuts import parse_cut
from belofte.domain.access import Role
from belofte.ingest.kinds import RecordKind
from belofte.services.access.tokens import create_token
from belofte.services.listen.enrichment import stored_enrichment
from belofte.services.listen.imports import ingest_records
from belofte.services.measure.analytics import analytics_engine
from belofte.services.measure.drivers import drivers
from belofte.services.measure.journeys import paths
from belofte.services.measure.metrics import ScoreOptions, scores
from belofte.services.measure.promise import promise
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.text.labels import EMOTIONS
from belofte.web.app import create_app
from belofte.web.schemas.verbatims import Emotion

Z = 1.959963984540054
UTRECHT, ALMERE = "utrecht-centrum", "almere-stad"
SCRIPT = '<script>alert(1)</script> en "><img src=x onerror=alert(2)>'
#: (store, nps, csat, day, comment): five answers in Utrecht, four in Almere.
ANSWERS = [
    (UTRECHT, 10, 5, "2026-05-01", "Vriendelijk personeel, snel geholpen"),
    (UTRECHT, 9, 5, "2026-05-02", f"{SCRIPT} mail me: jan@example.nl"),
    (UTRECHT, 7, 2, "2026-05-03", None),
    (UTRECHT, 6, 2, "2026-05-04", None),
    (UTRECHT, 2, 2, "2026-05-05", "Lange wachtrij bij de kassa, onvriendelijk"),
    (ALMERE, 9, 5, "2026-06-01", "Fijne winkel en vriendelijk personeel"),
    (ALMERE, 9, 5, "2026-06-02", None),
    (ALMERE, 9, 5, "2026-06-03", "Prima"),
    (ALMERE, 1, 2, "2026-06-04", "Bezorging veel te laat, erg teleurgesteld"),
]


def wilson(successes: int, n: int) -> tuple[float, float]:
    p = successes / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return centre - half, centre + half


class Shop:
    """The workspace and one client per caller (analyst, manager of each store)."""

    def __init__(self, ws: Workspace, client: TestClient, tokens: dict[str, str]):
        self.ws, self.client, self.tokens = ws, client, tokens

    def get(self, url: str, who: str = "analyst") -> Any:
        return self.client.get(
            url, headers={"Authorization": f"Bearer {self.tokens[who]}"}
        )


def _tokens(ws: Workspace) -> dict[str, str]:
    return {
        "analyst": create_token(ws, "analyst", Role.ANALYST, actor="t")[1],
        "manager_u": create_token(
            ws, "manager-u", Role.MANAGER, locations=(UTRECHT,), actor="t"
        )[1],
        "manager_a": create_token(
            ws, "manager-a", Role.MANAGER, locations=(ALMERE,), actor="t"
        )[1],
    }


@pytest.fixture
def shop(tmp_path: Path, database_url: str) -> Iterator[Shop]:
    ws = init_workspace(tmp_path / "ws", "retail-nl", Settings(), database_url)
    workspace = ws.workspace
    records = [
        {
            "id": f"R{i}",
            "responded_at": day,
            "location": store,
            "touchpoint": "aankoop-winkel",
            "nps": nps,
            "csat": csat,
            "comment": comment,
        }
        for i, (store, nps, csat, day, comment) in enumerate(ANSWERS)
    ]
    ingest_records(workspace, RecordKind.RESPONSES, records, source="t", actor="t")
    tokens = _tokens(workspace)
    app = create_app(workspace.settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Shop(workspace, client, tokens)
    workspace.close()


def test_metrics_whole_body_by_location(shop: Shop) -> None:
    response = shop.get("/api/v1/metrics?by=location&metric=csat")
    assert response.status_code == 200
    almere, utrecht = wilson(3, 4), wilson(2, 5)
    assert response.json() == {
        "name": "scores",
        "keys": ["location"],
        "summary": {},
        "rows": [
            {
                "location": ALMERE,
                "csat": 0.75,
                "csat_low": pytest.approx(almere[0]),
                "csat_high": pytest.approx(almere[1]),
                "csat_n": 4,
                "csat_method": "Wilson score",
                "csat_warnings": "SMALL_SAMPLE",
            },
            {
                "location": UTRECHT,
                "csat": 0.4,
                "csat_low": pytest.approx(utrecht[0]),
                "csat_high": pytest.approx(utrecht[1]),
                "csat_n": 5,
                "csat_method": "Wilson score",
                "csat_warnings": "SMALL_SAMPLE",
            },
        ],
        "notes": [
            "NPS and shares as proportions (NPS on [-1, 1]); intervals at 95%, "
            "method per column"
        ],
    }


def test_metrics_nps_with_a_filter_and_a_period(shop: Shop) -> None:
    body = shop.get(
        f"/api/v1/metrics?where=location={ALMERE}&metric=nps&period=month"
    ).json()
    (row,) = body["rows"]
    # 3 promoters, 1 detractor of 4: NPS 0.5; adjusted Wald: 3.75 and 1.75 of 7.
    p, d = 3.75 / 7, 1.75 / 7
    half = Z * math.sqrt((p + d - (p - d) ** 2) / 7)
    assert body["keys"] == ["period"]
    assert row == {
        "period": "2026-06",
        "nps": pytest.approx(0.5),
        "nps_low": pytest.approx(p - d - half),
        "nps_high": pytest.approx(min(1.0, p - d + half)),
        "nps_n": 4,
        "nps_method": row["nps_method"],
        "nps_warnings": "SMALL_SAMPLE",
    }
    assert row["nps_method"].startswith("adjusted Wald (Rocks 2016")
    # Comma lists and repeats mean the same.
    both = shop.get("/api/v1/metrics?metric=nps,csat&by=location").json()
    again = shop.get("/api/v1/metrics?metric=nps&metric=csat&by=location").json()
    assert both == again
    assert {"nps_shrunken", "rank", "csat"} <= set(both["rows"][0])


def test_compare_pairs_and_its_bound(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = shop.get("/api/v1/metrics?by=location&compare=true").json()
    (pair,) = body["rows"]
    assert body["keys"] == ["a", "b"]
    assert (pair["a"], pair["b"], pair["n_a"], pair["n_b"]) == (ALMERE, UTRECHT, 4, 5)
    # NPS 0.5 in Almere, 0.0 in Utrecht (2 promoters, 2 detractors of 5).
    assert pair["nps_difference"] == pytest.approx(0.5)
    assert pair["nps_difference_adjustment"] == "holm"
    monkeypatch.setattr("belofte.services.measure.figures.MAX_COMPARED_GROUPS", 1)
    refused = shop.get("/api/v1/metrics?by=location&compare=true")
    assert (refused.status_code, refused.json()["detail"]) == (
        422,
        "compare: 2 groups make 1 pairs; compare at most 1 groups (narrow the cut)",
    )


def test_a_manager_gets_only_their_store(shop: Shop) -> None:
    body = shop.get("/api/v1/metrics?by=location&metric=csat", "manager_u").json()
    assert [r["location"] for r in body["rows"]] == [UTRECHT]
    assert body["rows"][0]["csat_n"] == 5
    whole = shop.get("/api/v1/metrics?metric=csat", "manager_u").json()
    assert whole["rows"][0]["csat_n"] == 5  # not the chain's 9
    texts = shop.get("/api/v1/verbatims", "manager_a").json()
    assert {item["location"] for item in texts["items"]} == {ALMERE}
    assert texts["total"] == 3
    promise_body = shop.get("/api/v1/promise", "manager_a").text
    assert UTRECHT not in promise_body and "wachtrij" not in promise_body
    for path, query in (
        ("metrics", "where=location="),
        ("promise", "where=location="),
        ("journeys", "where=location="),
        ("drivers", "where=location="),
        ("verbatims", "location="),
    ):
        refused = shop.get(f"/api/v1/{path}?{query}{ALMERE}", "manager_u")
        assert (refused.status_code, refused.json()) == (
            403,
            {"detail": f"location {ALMERE} is outside your scope"},
        ), path


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/api/v1/metrics?period=fortnight", 422, ["query", "period"]),
        ("/api/v1/metrics?since=2026-13-01", 422, ["query", "since"]),
        ("/api/v1/metrics?level=1.5", 422, ["query", "level"]),
        ("/api/v1/metrics?level=nan", 422, ["query", "level"]),
        ("/api/v1/metrics?adjust=bonferroni", 422, ["query", "adjust"]),
        ("/api/v1/promise?evidence=21", 422, ["query", "evidence"]),
        ("/api/v1/drivers?resamples=5001", 422, ["query", "resamples"]),
        ("/api/v1/drivers?method=ols", 422, ["query", "method"]),
        ("/api/v1/drivers?outcome=mood", 422, ["query", "outcome"]),
        ("/api/v1/drivers?seed=-1", 422, ["query", "seed"]),
        ("/api/v1/journeys?top=0", 422, ["query", "top"]),
        ("/api/v1/verbatims?size=201", 422, ["query", "size"]),
        ("/api/v1/verbatims?page=0", 422, ["query", "page"]),
        ("/api/v1/verbatims?emotion=glee", 422, ["query", "emotion", 0]),
        ("/api/v1/verbatims?sentiment=angry", 422, ["query", "sentiment", 0]),
        ("/api/v1/verbatims?until=31-12-2026", 422, ["query", "until"]),
        ("/api/v1/verbatims?until=9999-12-31", 422, ["query", "until"]),
        ("/api/v1/metrics?since=0001-01-01", 422, ["query", "since"]),
        ("/api/v1/metrics?where=location=%00", 422, ["query", "where", 0]),
        ("/api/v1/verbatims?q=%00", 422, ["query", "q"]),
    ],
)
def test_bad_query_parameters_name_the_field(
    shop: Shop, url: str, status: int, field: list[Any]
) -> None:
    response = shop.get(url)
    assert response.status_code == status
    assert [e["loc"] for e in response.json()["detail"]] == [field]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v1/metrics?by=bogus", "by: unknown dimension 'bogus'"),
        ("/api/v1/metrics?by=period", "by: use --period for periods"),
        ("/api/v1/metrics?where=location", "where: 'location' is not NAME=VALUE"),
        ("/api/v1/metrics?metric=happiness", "metric: unknown 'happiness'"),
        (
            "/api/v1/metrics?since=2026-06-01&until=2026-05-01",
            "until: comes before since",
        ),
        ("/api/v1/drivers?driver=nope", "driver: 'nope' has no answers"),
        ("/api/v1/journeys?by=theme", "by: 'theme' does not apply here"),
        (
            "/api/v1/verbatims?since=2026-06-01&until=2026-05-01",
            "until: comes before since",
        ),
    ],
)
def test_bad_filters_are_422_naming_the_field(
    shop: Shop, url: str, message: str
) -> None:
    response = shop.get(url)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(message)


def test_promise_and_journeys_bodies(shop: Shop) -> None:
    body = shop.get("/api/v1/promise?evidence=1").json()
    assert set(body) == {"delivery", "consistency", "weakest_links"}
    for table in body.values():
        assert set(table) == {"name", "keys", "summary", "rows", "notes"}
    assert body["delivery"]["keys"] == ["pillar", "touchpoint"]
    for row in body["delivery"]["rows"]:
        decided = row["kept"] + row["broken"]
        assert row["kept_rate_n"] == decided
        if decided:
            low, high = wilson(row["kept"], decided)
            assert (row["kept_rate_low"], row["kept_rate_high"]) == pytest.approx(
                (max(0.0, low), min(1.0, high))
            )
    journeys = shop.get("/api/v1/journeys").json()
    assert journeys["summary"] == {"answers_with_a_journey": 0, "paths": 0}
    peak = shop.get("/api/v1/journeys?peak_end=true").json()
    assert peak["summary"]["warnings"] == "SMALL_SAMPLE"
    assert [r["moment"] for r in peak["rows"]][:3] == ["worst", "mean", "end"]


def test_concurrent_requests_take_turns_on_the_engine(shop: Shop) -> None:
    # One DuckDB connection per workspace: parallel worker threads must not
    # run two queries on it at once (that answered 500s before the lock).
    urls = ["/api/v1/metrics?by=location", "/api/v1/promise", "/api/v1/journeys"]
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(
            pool.map(lambda k: shop.get(urls[k % 3]).status_code, range(18))
        )
    assert statuses == [200] * 18


def _all_texts(shop: Shop) -> list[dict[str, Any]]:
    body = shop.get("/api/v1/verbatims?size=200").json()
    assert body["total"] == len(body["items"])
    items: list[dict[str, Any]] = body["items"]
    return items


def test_verbatims_whole_item_newest_first_redacted(shop: Shop) -> None:
    items = _all_texts(shop)
    written = [a for a in ANSWERS if a[4]]
    assert len(items) == len(written) == 6
    assert [i["occurred_at"][:10] for i in items] == sorted(
        (a[3] for a in written), reverse=True
    )
    script = next(i for i in items if i["occurred_at"].startswith("2026-05-02"))
    stored = stored_enrichment(shop.ws, script["id"])
    enrichment = stored["enrichment"]
    evidence = enrichment["evidence"]
    assert script == {
        "id": script["id"],
        "kind": "survey",
        "occurred_at": "2026-05-02T00:00:00+02:00",
        "location": UTRECHT,
        "touchpoint": "aankoop-winkel",
        "channel": "winkel",
        "language": enrichment["language"],
        "rating": None,
        "text": f"{SCRIPT} mail me: [EMAIL]",
        "sentiment": enrichment["sentiment"] | {"spans": evidence["sentiment"]},
        "emotions": [
            {"name": n, "score": s, "spans": evidence["emotions"].get(n, [])}
            for n, s in sorted(enrichment["emotions"].items(), key=lambda e: -e[1])
        ],
        "aspects": [
            {
                "theme": a["theme"],
                "pillar": script["aspects"][k]["pillar"],
                "touchpoint": script["aspects"][k]["touchpoint"],
                "sentiment": a["sentiment"],
                "score": script["aspects"][k]["score"],
                "spans": a["spans"],
            }
            for k, a in enumerate(enrichment["aspects"])
        ],
        "model_version": enrichment["model_version"],
    }
    assert stored["text"] == script["text"]


def test_a_script_comes_back_as_json_text(shop: Shop) -> None:
    response = shop.get("/api/v1/verbatims?q=<script>")
    assert response.headers["content-type"] == "application/json"
    assert "text/html" not in response.headers["content-type"]
    (item,) = response.json()["items"]
    assert item["text"].startswith(SCRIPT)
    assert "jan@example.nl" not in response.text


def test_verbatim_paging(shop: Shop) -> None:
    everything = _all_texts(shop)
    pages = [shop.get(f"/api/v1/verbatims?size=4&page={n}").json() for n in (1, 2, 3)]
    assert [p["total"] for p in pages] == [6, 6, 6]
    assert [len(p["items"]) for p in pages] == [4, 2, 0]
    assert [i["id"] for p in pages for i in p["items"]] == [i["id"] for i in everything]
    assert {k: pages[1][k] for k in ("page", "size")} == {"page": 2, "size": 4}


def test_verbatim_filters(shop: Shop) -> None:
    everything = _all_texts(shop)

    def ids(query: str, who: str = "analyst") -> list[int]:
        body = shop.get(f"/api/v1/verbatims?size=200&{query}", who).json()
        assert body["total"] == len(body["items"]), query
        return [i["id"] for i in body["items"]]

    def where(keep: Any) -> list[int]:
        return [i["id"] for i in everything if keep(i)]

    assert ids(f"location={ALMERE}") == where(lambda i: i["location"] == ALMERE)
    assert ids("q=VRIENDELIJK") == where(lambda i: "vriendelijk" in i["text"].lower())
    assert ids("q=100%25") == []  # % is a character, not a wildcard
    assert ids("since=2026-05-02&until=2026-05-05") == where(
        lambda i: "2026-05-02" <= i["occurred_at"][:10] <= "2026-05-05"
    )
    assert ids("touchpoint=aankoop-winkel") == where(lambda _: True)
    assert ids("touchpoint=bezorging-thuis&touchpoint=nope") == where(
        lambda i: any(a["touchpoint"] == "bezorging-thuis" for a in i["aspects"])
    )
    for label in ("positive", "negative", "neutral", "mixed"):
        assert ids(f"sentiment={label}") == where(
            lambda i, label=label: (i["sentiment"] or {}).get("label") == label
        )
    assert ids("sentiment=positive&sentiment=negative") == where(
        lambda i: (i["sentiment"] or {}).get("label") in ("positive", "negative")
    )
    language = everything[0]["language"]
    assert ids(f"language={language}") == where(lambda i: i["language"] == language)
    themes = {a["theme"]: a["pillar"] for i in everything for a in i["aspects"]}
    assert themes, "the shop's texts mention blueprint themes"
    for theme, pillar in themes.items():
        assert ids(f"theme={theme}") == where(
            lambda i, t=theme: any(a["theme"] == t for a in i["aspects"])
        )
        assert ids(f"pillar={pillar}") == where(
            lambda i, p=pillar: any(a["pillar"] == p for a in i["aspects"])
        )
    for emotion in EMOTIONS:
        assert ids(f"emotion={emotion}") == where(
            lambda i, e=emotion: any(x["name"] == e for x in i["emotions"])
        )
    assert ids("language=xx") == []
    assert ids(f"location={ALMERE}", "manager_a") == ids(f"location={ALMERE}")


def test_emotion_choices_are_the_text_modules() -> None:
    assert get_args(Emotion) == EMOTIONS


def test_the_api_documents_the_new_routes(shop: Shop) -> None:
    spec = shop.get("/api/openapi.json").json()
    for path in ("metrics", "promise", "drivers", "journeys", "verbatims"):
        operation = spec["paths"][f"/api/v1/{path}"]["get"]
        assert operation["description"] or operation["summary"], path
        assert "200" in operation["responses"] and "422" in operation["responses"]
    assert "ResultTableOut" in spec["components"]["schemas"]
    assert "VerbatimPageOut" in spec["components"]["schemas"]


# ------------------------------------------------------------------ the demo
@pytest.fixture(scope="module")
def demo(demo_workspace: Workspace) -> Iterator[Shop]:
    # Tokens are the only thing written to the shared demo: no fact changes.
    tokens = {
        "analyst": create_token(demo_workspace, "api-a", Role.ANALYST, actor="t")[1]
    }
    with TestClient(create_app(demo_workspace.settings)) as client:
        yield Shop(demo_workspace, client, tokens)


def test_demo_numbers_equal_the_services(demo: Shop) -> None:
    ws = demo.ws
    engine = analytics_engine(ws)
    since, until = "2026-01-01", "2026-12-31"
    cut = parse_cut(["channel"], "quarter", [], since, until)
    api = demo.get(
        f"/api/v1/metrics?by=channel&period=quarter&since={since}&until={until}"
    ).json()
    assert api == scores(engine, cut, ScoreOptions()).as_json()
    cut = parse_cut(["location"], None, ["channel=winkel"])
    api = demo.get("/api/v1/metrics?by=location&where=channel=winkel").json()
    assert api == scores(engine, cut).as_json()
    report = promise(ws, engine, parse_cut(), evidence=2)
    api = demo.get("/api/v1/promise?evidence=2").json()
    assert api == {t.name: t.as_json() for t in report.tables()}
    api = demo.get("/api/v1/drivers?resamples=200&seed=7").json()
    assert api == drivers(engine, parse_cut(), resamples=200, seed=7).as_json()
    api = demo.get("/api/v1/journeys?top=5").json()
    assert api == paths(engine, parse_cut(), top=5).as_json()


def test_demo_manager_sees_one_store(demo: Shop) -> None:
    ws = demo.ws
    stores = demo.get("/api/v1/metrics?by=location&metric=nps").json()["rows"]
    store = stores[0]["location"]
    demo.tokens["manager"] = create_token(
        ws, "api-m", Role.MANAGER, locations=(store,), actor="t"
    )[1]
    api = demo.get("/api/v1/metrics?by=touchpoint", "manager").json()
    cut = parse_cut(["touchpoint"], None, [f"location={store}"])
    assert api == scores(analytics_engine(ws), cut).as_json()
    texts = demo.get("/api/v1/verbatims?size=200", "manager").json()
    assert texts["total"] > 0
    assert {i["location"] for i in texts["items"]} == {store}
    # (The webshop is a location and a channel: its code is a channel here.)
    channels = {i["channel"] for i in texts["items"]}
    others = {r["location"] for r in stores} - {store} - channels
    assert not any(other in str(api) + str(texts) for other in others)
