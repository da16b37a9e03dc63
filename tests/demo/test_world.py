"""The generated world has every planted effect of truth.json, and is deterministic.

These tests read the generated files directly; once the analyses exist, tests of
the analyses recover the same effects from the workspace.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from pathlib import Path
from statistics import mean

import pytest

from belofte.demo.world import (
    FILES,
    World,
    WorldSize,
    assign_arm,
    iterate_rows,
    load_truth,
)

SIZE = WorldSize(customers=8000, months=12, seed=2026)
TRUTH = load_truth()["effects"]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    World(SIZE).write(folder)
    return folder


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    return list(iterate_rows(folder / f"{name}.csv"))


def surveys(folder: Path) -> list[dict[str, str]]:
    return [r for r in rows(folder, "responses") if r["path"] != "follow-up"]


def detractor_share(responses: list[dict[str, str]]) -> float:
    return sum(1 for r in responses if int(r["nps"]) <= 6) / len(responses)


def nps(responses: list[dict[str, str]]) -> tuple[float, float, int]:
    """NPS, its per-respondent variance (methods.md §1) and n."""
    n = len(responses)
    p = sum(1 for r in responses if int(r["nps"]) >= 9) / n
    d = sum(1 for r in responses if int(r["nps"]) <= 6) / n
    return p - d, p + d - (p - d) ** 2, n


def checksum(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        digest.update((folder / f"{name}.csv").read_bytes())
    return digest.hexdigest()


def test_same_seed_same_world(world: Path, tmp_path: Path) -> None:
    World(SIZE).write(tmp_path / "again")
    assert checksum(tmp_path / "again") == checksum(world)
    World(WorldSize(customers=8000, months=12, seed=7)).write(tmp_path / "other")
    assert checksum(tmp_path / "other") != checksum(world)


def test_late_delivery_drives_detractors_most_in_december(world: Path) -> None:
    deliveries = [r for r in rows(world, "events") if r["kind"] == "delivery"]
    december = [r for r in deliveries if r["promised"][5:7] == "12"]
    other = [r for r in deliveries if r["promised"][5:7] != "12"]
    late_rate = {
        name: sum(1 for r in group if r["delay_days"] != "0") / len(group)
        for name, group in (("december", december), ("other", other))
    }
    assert late_rate["december"] == pytest.approx(0.35, abs=0.05)
    assert late_rate["other"] == pytest.approx(0.10, abs=0.02)
    answered = surveys(world)
    late = [r for r in answered if "late-delivery" in r["path"]]
    on_time = [r for r in answered if "|delivery" in r["path"]]
    assert detractor_share(late) - detractor_share(on_time) > 0.3
    late_december = [r for r in late if r["responded_at"][5:7] in ("12",)]
    late_other = [r for r in late if r["responded_at"][5:7] not in ("12", "01")]
    assert detractor_share(late_december) > detractor_share(late_other)


def test_one_store_weak_on_expertise_at_installation(world: Path) -> None:
    effect = TRUTH["store_weak_expertise_at_installation"]
    by_store: dict[str, list[int]] = defaultdict(list)
    for r in surveys(world):
        if r["touchpoint"] == effect["touchpoint"]:
            by_store[r["location"]].append(int(r["q_staff_expertise"]))
    weak = mean(by_store.pop(effect["store"]))
    others = [mean(v) for v in by_store.values() if len(v) >= 20]
    assert len(others) >= 8
    assert min(others) - weak > 0.6
    assert max(others) - min(others) < 0.6  # the others are consistent


def test_two_small_stores_differ_only_by_noise(world: Path) -> None:
    first, second = TRUTH["small_stores_not_different"]["stores"]
    answered = [r for r in surveys(world) if r["channel"] == "winkel"]
    a = nps([r for r in answered if r["location"] == first])
    b = nps([r for r in answered if r["location"] == second])
    assert a[2] < 150 and b[2] < 150  # small samples (large stores: ~1,000)
    difference = a[0] - b[0]
    z = difference / math.sqrt(a[1] / a[2] + b[1] / b[2])
    assert abs(difference) >= 0.05  # they look different ...
    assert abs(z) < 1.96  # ... but not significantly


def test_room_to_act_leads_csat_within_stores(world: Path) -> None:
    room: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in rows(world, "pulse"):
        room[(r["location"], r["period"])].append(int(r["room_to_act"]))
    csat: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in surveys(world):
        if r["channel"] == "winkel" and r["csat"]:
            csat[(r["location"], r["responded_at"][:7])].append(int(r["csat"]))
    pairs: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for (store, period), answers in room.items():
        year, month = int(period[:4]), int(period[5:])
        following = f"{year + month // 12}-{month % 12 + 1:02d}"
        later = csat.get((store, following), [])
        if len(later) >= 15:
            pairs[store].append((mean(answers), mean(later)))
    xs, ys = [], []
    for values in pairs.values():  # within transformation: demean by store
        mx, my = mean(v[0] for v in values), mean(v[1] for v in values)
        xs += [v[0] - mx for v in values]
        ys += [v[1] - my for v in values]
    beta = sum(x * y for x, y in zip(xs, ys, strict=True)) / sum(x * x for x in xs)
    residual = [y - beta * x for x, y in zip(xs, ys, strict=True)]
    se = math.sqrt(
        sum(e * e for e in residual)
        / (len(xs) - len(pairs) - 1)
        / sum(x * x for x in xs)
    )
    assert beta > 0 and beta / se > 2


def test_fast_contact_recovers_more_detractors(world: Path) -> None:
    hours = {
        r["follow_up_of"]: int(r["hours"])
        for r in rows(world, "events")
        if r["kind"] == "recovery-contact"
    }
    follow_ups = [r for r in rows(world, "responses") if r["path"] == "follow-up"]
    fast = [r for r in follow_ups if hours[r["follow_up_of"]] < 24]
    slow = [r for r in follow_ups if hours[r["follow_up_of"]] >= 24]
    promoter = TRUTH["fast_recovery"]["promoter_on_follow_up"]
    share = {
        name: sum(1 for r in group if int(r["nps"]) >= 9) / len(group)
        for name, group in (("fast", fast), ("slow", slow))
    }
    assert share["fast"] == pytest.approx(promoter["within_24h"], abs=0.06)
    assert share["slow"] == pytest.approx(promoter["later"], abs=0.06)


def test_promoters_come_back_sooner_and_spend_more(world: Path) -> None:
    orders: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for r in rows(world, "orders"):
        orders[r["customer"]].append(
            (r["ordered_at"], float(r["revenue"].replace(",", ".")))
        )
    gaps: dict[str, list[float]] = defaultdict(list)
    for r in surveys(world):
        group = (
            "promoter"
            if int(r["nps"]) >= 9
            else "detractor"
            if int(r["nps"]) <= 6
            else ""
        )
        later = [o[0] for o in orders[r["customer"]] if o[0] > r["responded_at"]]
        if group and later:
            gaps[group].append(_days(r["responded_at"], min(later)))
    assert mean(gaps["detractor"]) / mean(gaps["promoter"]) > 1.2


def test_experiments_assign_deterministically_one_with_srm(world: Path) -> None:
    card, callback = TRUTH["experiments"]["card"], TRUTH["experiments"]["callback"]
    exposures: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows(world, "events"):
        if r["kind"] == "experiment-exposure":
            unit = r["customer"] if r["experiment"] == card["key"] else r["id"]
            exposures[r["experiment"]][r["arm"]].add(unit)
    card_arms = [len(exposures[card["key"]][arm]) for arm in ("controle", "kaart")]
    callback_arms = [
        len(exposures[callback["key"]][arm]) for arm in ("controle", "binnen-uur")
    ]
    assert _srm_chi2(card_arms) < 10.83  # p > 0.001: no sample-ratio mismatch
    assert _srm_chi2(callback_arms) > 10.83  # p < 0.001: the planted mismatch
    assert assign_arm(card["key"], "K0000042", (0.5, 0.5)) == assign_arm(
        card["key"], "K0000042", (0.5, 0.5)
    )


def test_the_bad_path_and_peak_end(world: Path) -> None:
    answered = surveys(world)
    bad = [
        r for r in answered if r["path"] == "webshop-order|late-delivery|service-desk"
    ]
    assert len(bad) >= 30
    assert detractor_share(bad) - detractor_share(answered) > 0.3


def test_delivery_and_expertise_drive_nps_price_does_not(world: Path) -> None:
    answered = surveys(world)
    score = [float(r["nps"]) for r in answered]
    corr = {
        q: _corr([float(r[f"q_{q}"]) for r in answered], score)
        for q in ("delivery_speed", "staff_expertise", "friendliness", "price")
    }
    assert min(corr["delivery_speed"], corr["staff_expertise"]) > corr["friendliness"]
    assert corr["friendliness"] > corr["price"]
    assert abs(corr["price"]) < 0.1


def test_surprise_candidates(world: Path) -> None:
    effect = TRUTH["surprise_candidates"]
    step = SIZE.customers // effect["count"]
    planted = {f"K{n:07d}" for n in range(SIZE.customers) if n % step == 7}
    assert len(planted) == effect["count"]
    end = "2027-01-01"
    recent_detractors = {
        r["customer"]
        for r in surveys(world)
        if int(r["nps"]) <= 6
        and _days(r["responded_at"], end + " 00:00") <= effect["recent_days"]
    }
    assert planted <= recent_detractors
    spend: dict[str, float] = defaultdict(float)
    for r in rows(world, "orders"):
        spend[r["customer"]] += float(r["revenue"].replace(",", "."))
    top = sorted(spend, key=spend.__getitem__, reverse=True)[: len(spend) // 10]
    assert len(planted & set(top)) >= 0.8 * len(planted)


def test_words_mix_dutch_english_and_personal_data(world: Path) -> None:
    texts = [(r["comment"], r["language"]) for r in surveys(world) if r["comment"]]
    dutch = sum(1 for _, language in texts if language == "nl") / len(texts)
    assert dutch == pytest.approx(TRUTH["verbatims"]["dutch_share"], abs=0.03)
    with_pii = sum(
        1 for text, _ in texts if "@" in text or "06-" in text or "NL" in text
    )
    assert with_pii > 0


def _days(a: str, b: str) -> float:
    from datetime import datetime

    return (
        datetime.fromisoformat(b) - datetime.fromisoformat(a)
    ).total_seconds() / 86400


def _srm_chi2(observed: list[int]) -> float:
    expected = sum(observed) / len(observed)
    return sum((o - expected) ** 2 / expected for o in observed)


def _corr(x: list[float], y: list[float]) -> float:
    mx, my = mean(x), mean(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy)


def test_card_lifts_repurchase_online_only(world: Path) -> None:
    key = TRUTH["experiments"]["card"]["key"]
    exposed = {
        r["customer"]: (r["arm"], r["location"] == "webshop", r["occurred_at"])
        for r in rows(world, "events")
        if r["kind"] == "experiment-exposure" and r["experiment"] == key
    }
    later: dict[str, int] = defaultdict(int)
    for r in rows(world, "orders"):
        seen = exposed.get(r["customer"])
        if seen is not None and 0 < _days(seen[2], r["ordered_at"]) <= 120:
            later[r["customer"]] += 1
    rate: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for customer, (arm, online, _) in exposed.items():
        rate[(arm, online)].append(later[customer])
    online = mean(rate[("kaart", True)]) / mean(rate[("controle", True)])
    in_store = mean(rate[("kaart", False)]) / mean(rate[("controle", False)])
    assert online > 1.15
    assert in_store == pytest.approx(1.0, abs=0.12)
