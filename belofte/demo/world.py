"""The demo world: a year of Stroomhuis, one customer at a time, with planted effects.

Every customer gets their own random stream (seeded by the demo seed and their
number), so the world is the same for the same seed whatever else changes, and
memory stays flat: rows are written as they are made. The effects and their sizes
come from `truth.json`; the comments below name the effect each rule plants.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import IO, Any

from belofte.demo.verbatims import Aspect, compose

STORES = (
    "amsterdam-zuid",
    "rotterdam-alexandrium",
    "utrecht-centrum",
    "arnhem-centrum",
    "eindhoven-woensel",
    "maastricht-centrum",
    "groningen-zuid",
    "leeuwarden-centrum",
    "zwolle-centrum",
    "middelburg-centrum",
    "almere-stad",
    "assen-centrum",
)
#: Relative number of customers per store; the two small stores get a fixed few.
STORE_WEIGHTS = (14, 13, 11, 8, 9, 6, 7, 5, 6, 0, 7, 0)
WEBSHOP = "webshop"
SURVEY_RATE = 0.18  # share of orders followed by a survey
STAR_RATE = 0.5  # share of deliveries, installations, service contacts rated 1-5
QUESTIONS = ("delivery-speed", "staff-expertise", "friendliness", "price")
FILES = (
    "customers",
    "pulse",
    "orders",
    "events",
    "responses",
    "reviews",
    "social",
    "tickets",
)
HEADERS = {
    "customers": [
        "id",
        "segment",
        "name",
        "email",
        "phone",
        "postcode",
        "city",
        "consent_survey",
        "home_store",
        "loyalty",
    ],
    "pulse": ["id", "location", "period", "enps", "room_to_act"],
    "orders": [
        "id",
        "customer",
        "ordered_at",
        "location",
        "channel",
        "revenue",
        "margin",
        "items",
    ],
    "events": [
        "id",
        "customer",
        "kind",
        "occurred_at",
        "touchpoint",
        "location",
        "channel",
        "order",
        "promised",
        "delay_days",
        "rating",
        "hours",
        "experiment",
        "arm",
        "follow_up_of",
    ],
    "responses": [
        "id",
        "customer",
        "responded_at",
        "touchpoint",
        "location",
        "channel",
        "nps",
        "csat",
        "ces",
        "comment",
        "language",
        *(f"q_{q.replace('-', '_')}" for q in QUESTIONS),
        "follow_up_of",
        "path",
    ],
    "reviews": [
        "id",
        "customer",
        "occurred_at",
        "location",
        "channel",
        "rating",
        "text",
        "language",
    ],
    "social": ["id", "customer", "occurred_at", "channel", "text", "language"],
    "tickets": [
        "id",
        "customer",
        "occurred_at",
        "channel",
        "touchpoint",
        "location",
        "text",
        "language",
    ],
}
FIRST = (
    "Anna",
    "Jan",
    "Sanne",
    "Daan",
    "Emma",
    "Lucas",
    "Fleur",
    "Bram",
    "Lotte",
    "Thijs",
    "Noor",
    "Sem",
    "Julia",
    "Ruben",
    "Eva",
    "Milan",
)
LAST = (
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
)
CITIES = {
    "amsterdam-zuid": "Amsterdam",
    "rotterdam-alexandrium": "Rotterdam",
    "utrecht-centrum": "Utrecht",
    "arnhem-centrum": "Arnhem",
    "eindhoven-woensel": "Eindhoven",
    "maastricht-centrum": "Maastricht",
    "groningen-zuid": "Groningen",
    "leeuwarden-centrum": "Leeuwarden",
    "zwolle-centrum": "Zwolle",
    "middelburg-centrum": "Middelburg",
    "almere-stad": "Almere",
    "assen-centrum": "Assen",
}


def load_truth() -> dict[str, Any]:
    """The planted effects and their sizes (belofte/demo/truth.json)."""
    text = (resources.files("belofte.demo") / "truth.json").read_text(encoding="utf-8")
    truth: dict[str, Any] = json.loads(text)
    return truth


@dataclass(frozen=True, slots=True)
class WorldSize:
    """How big a world to make."""

    customers: int = 40_000
    months: int = 12
    seed: int = 2026


@dataclass(slots=True)
class Counts:
    """Rows written per file."""

    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FILES, 0))


def assign_arm(experiment: str, unit: str, weights: tuple[float, ...]) -> int:
    """Deterministic arm for a unit: the same unit always lands in the same arm."""
    digest = hashlib.sha256(f"{experiment}:{unit}".encode()).digest()
    point = int.from_bytes(digest[:8], "big") / 2**64
    total = 0.0
    for arm, weight in enumerate(weights):
        total += weight / sum(weights)
        if point < total:
            return arm
    return len(weights) - 1


class _Writer:
    """One CSV per file kind, written as rows come."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.files: dict[str, IO[str]] = {}
        self.out: dict[str, Any] = {}
        self.counts = Counts()
        for kind in FILES:
            handle = (folder / f"{kind}.csv").open("w", encoding="utf-8", newline="")
            self.files[kind] = handle
            self.out[kind] = csv.writer(handle)
            self.out[kind].writerow(HEADERS[kind])

    def row(self, kind: str, values: list[Any]) -> None:
        self.out[kind].writerow(values)
        self.counts.rows[kind] += 1

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _when(moment: datetime) -> str:
    # An f-string: strftime was the generator's single biggest cost.
    m = moment
    return f"{m.year:04d}-{m.month:02d}-{m.day:02d} {m.hour:02d}:{m.minute:02d}"


class World:
    """Generates the demo files for one seed and size."""

    def __init__(self, size: WorldSize) -> None:
        self.size = size
        self.truth = load_truth()
        self.effects = self.truth["effects"]
        self.start = datetime.fromisoformat(self.truth["start"])
        self.end = _add_months(self.start, size.months)
        self.pulse = self._pulse_levels()
        small = self.effects["small_stores_not_different"]["nps_target"]
        self.quotas: dict[str, dict[str, int]] = {
            store: {"promoter": 0, "passive": 0, "detractor": 0} for store in small
        }

    def quota_answer(self, store: str, rng: random.Random) -> int:
        """An NPS answer that keeps a small store on its planted shares."""
        target = dict(self.effects["small_stores_not_different"]["nps_target"][store])
        target["passive"] = 1 - target["promoter"] - target["detractor"]
        counts = self.quotas[store]
        n = sum(counts.values()) + 1
        group = max(target, key=lambda g: target[g] * n - counts[g])
        counts[group] += 1
        if group == "promoter":
            return rng.choice((9, 10))
        if group == "passive":
            return rng.choice((7, 8))
        return rng.randint(2, 6)

    # -- employee pulse (effect: room to act -> CSAT and sales next month) ----
    def _pulse_levels(self) -> dict[tuple[str, int], float]:
        """Each store's room-to-act deviation per month (its own mean is 0)."""
        rng = random.Random(f"{self.size.seed}:pulse")
        deviations: dict[tuple[str, int], float] = {}
        for store in STORES:
            values = [rng.gauss(0, 0.45) for _ in range(self.size.months)]
            mean = sum(values) / len(values)
            for month, value in enumerate(values):
                deviations[(store, month)] = value - mean
        return deviations

    def _write_pulse(self, out: _Writer) -> None:
        rng = random.Random(f"{self.size.seed}:pulse-answers")
        per = self.effects["room_to_act_lifts_csat"][
            "pulse_respondents_per_store_month"
        ]
        for store_index, store in enumerate(STORES):
            level = 3.2 + 0.25 * math.sin(store_index)
            for month in range(self.size.months):
                period = _add_months(self.start, month).strftime("%Y-%m")
                for n in range(per):
                    room = level + self.pulse[(store, month)] + rng.gauss(0, 0.6)
                    enps = 6.5 + 1.6 * (room - 3) + rng.gauss(0, 1.4)
                    out.row(
                        "pulse",
                        [
                            f"P-{store}-{month:02d}-{n:02d}",
                            store,
                            period,
                            _clamp(enps, 0, 10),
                            _clamp(room, 1, 5),
                        ],
                    )

    def _pulse_shift(self, store: str, moment: datetime) -> float:
        month = _month_index(self.start, moment) - 1  # last month's room to act
        return self.pulse.get((store, month), 0.0)

    # -- the whole world ---------------------------------------------------
    def write(self, folder: Path) -> Counts:
        """Write every file into `folder`; returns the row counts."""
        out = _Writer(folder)
        try:
            self._write_pulse(out)
            for number in range(self.size.customers):
                _Customer(self, number, out).live()
        finally:
            out.close()
        return out.counts


class _Customer:
    """One customer's year: purchases, deliveries, contacts, surveys, words."""

    def __init__(self, world: World, number: int, out: _Writer) -> None:
        self.world = world
        self.out = out
        self.rng = random.Random(f"{world.size.seed}:customer:{number}")
        # Wording has its own stream: a change to the phrase banks never moves
        # the planted statistics.
        self.words = random.Random(f"{world.size.seed}:words:{number}")
        # So do the touchpoint ratings (stars after a delivery, an installation,
        # a service contact): adding them moved no other planted number.
        self.stars = random.Random(f"{world.size.seed}:stars:{number}")
        self.id = f"K{number:07d}"
        rng = self.rng
        self.webshop_first = rng.random() < 0.3
        small = world.effects["small_stores_not_different"]
        per = small["customers_each"]
        if number < per * len(small["stores"]):
            # A fixed handful of customers whatever the world's size: these two
            # stores stay small, so their difference stays within the noise.
            self.store = small["stores"][number // per]
        else:
            self.store = rng.choices(STORES, STORE_WEIGHTS)[0]
        self.attitude = rng.gauss(0, 1)
        self.value = math.exp(rng.gauss(0, 0.5))
        self.category = "passive"  # last NPS group; drives the next purchase
        self.orders = 0
        # Surprise candidates: loyal, high-value, and let down in the last weeks.
        count = world.effects["surprise_candidates"]["count"]
        self.surprise = number % max(1, world.size.customers // count) == 7
        if self.surprise:
            self.value, self.attitude = 3.0, 1.5
        self.force_bad = False
        self.exposed = False  # to the card experiment

    def live(self) -> None:
        world, rng = self.world, self.rng
        self._profile()
        moment = world.start + timedelta(days=rng.expovariate(1 / 60))
        if self.surprise:  # a loyal history: a purchase every six weeks
            moment = world.start + timedelta(days=rng.randint(1, 20))
        while moment < world.end:
            self._order(moment)
            rate = self._purchase_rate(moment) * (3 if self.surprise else 1)
            moment += timedelta(days=rng.expovariate(rate))
        if self.surprise:
            recent = world.effects["surprise_candidates"]["recent_days"]
            self.force_bad = True
            self._order(world.end - timedelta(days=recent - 5))

    def _profile(self) -> None:
        rng = self.rng
        first, last = rng.choice(FIRST), rng.choice(LAST)
        handle = f"{first.lower()}.{last.lower().replace(' ', '')}"
        mail = f"{handle}{rng.randrange(100)}@example.nl"
        self.out.row(
            "customers",
            [
                self.id,
                "zakelijk" if rng.random() < 0.08 else "particulier",
                f"{first} {last}",
                mail,
                f"06-{rng.randrange(10**8):08d}",
                f"{rng.randrange(1000, 9999)} {rng.choice('ABCDEFGHJKLMNPRTVWXZ')}"
                f"{rng.choice('ABCDEFGHJKLMNPRTVWXZ')}",
                CITIES[self.store],
                "ja" if rng.random() < 0.85 else "nee",
                self.store,
                "goud" if self.value > 1.6 else "standaard",
            ],
        )

    # -- purchases ----------------------------------------------------------
    def _purchase_rate(self, moment: datetime) -> float:
        """Orders per day for this customer now.

        Promoters come back sooner (hazard ratio), stores with room to act sell
        more, and the card experiment works online only.
        """
        world = self.world
        effects = world.effects
        rate = 1 / 95 * math.exp(0.15 * self.attitude)
        rate *= effects["promoters_repurchase"]["hazard_ratio"][self.category]
        rate *= 1 + effects["room_to_act_lifts_csat"]["order_rate_per_point"] * (
            world._pulse_shift(self.store, moment)
        )
        card = effects["experiments"]["card"]
        if self.orders and _month_index(world.start, moment) >= card["start_month"]:
            arm = assign_arm(card["key"], self.id, tuple(card["weights"]))
            channel = WEBSHOP if self.webshop_first else "store"
            if arm == 1:
                rate *= card["repurchase_hazard_ratio"][channel]
        return float(rate)

    def _order(self, moment: datetime) -> None:
        world, rng, out = self.world, self.rng, self.out
        effects = world.effects
        self.orders += 1
        order_id = f"O-{self.id}-{self.orders:03d}"
        online = self.force_bad or rng.random() < (0.7 if self.webshop_first else 0.25)
        location = WEBSHOP if online else self.store
        channel = WEBSHOP if online else "winkel"
        moment = moment.replace(
            hour=rng.randrange(9, 21), minute=rng.randrange(60), second=0, microsecond=0
        )
        spend = effects["promoters_repurchase"]["spend_multiplier"][self.category]
        revenue = round(math.exp(rng.gauss(math.log(320), 0.8)) * spend * self.value, 2)
        out.row(
            "orders",
            [
                order_id,
                self.id,
                _when(moment),
                location,
                channel,
                f"{revenue:.2f}".replace(".", ","),
                f"{revenue * rng.uniform(0.12, 0.3):.2f}".replace(".", ","),
                rng.randint(1, 3),
            ],
        )
        # The order itself is the purchase touchpoint; a store purchase is often
        # preceded by an advice visit (the orientation touchpoint).
        if not online and rng.random() < 0.4:
            visit = moment - timedelta(days=rng.randint(1, 10), hours=rng.randrange(5))
            self._event(
                f"V-{order_id}",
                "store-visit",
                visit,
                "advies-winkel",
                location,
                "winkel",
                order=order_id,
            )
        self._experiment_exposures(moment, location)
        journey = _Journey(purchase=self._quality(0.3))
        path = ["webshop-order" if online else "store-purchase"]
        last = moment
        if online or rng.random() < 0.35:
            last, late = self._delivery(order_id, moment, location, journey)
            path.append("late-delivery" if late else "delivery")
        else:
            late = False
        if rng.random() < 0.22:
            last = self._installation(order_id, last, journey)
            path.append("installation")
        service_rate = effects["bad_path"]["service_contact_rate"]
        if self.force_bad or rng.random() < service_rate["late" if late else "on_time"]:
            last = self._service(order_id, last, journey, late)
            path.append("service-desk")
        # About one survey per customer per year: --customers N gives ~N responses.
        if self.force_bad or rng.random() < SURVEY_RATE:
            self._survey(order_id, last, journey, location, "|".join(path))
        if rng.random() < 0.05:
            self._review(order_id, last, journey, location)
        if rng.random() < 0.012:
            self._social(order_id, last, journey)

    def _quality(self, base: float) -> float:
        return base + 0.25 * self.attitude + self.rng.gauss(0, 0.5)

    def _stars(self, quality: float) -> int | str:
        """Half the customers rate a touchpoint (1-5) right after it happened."""
        if self.stars.random() >= STAR_RATE:
            return ""
        return _clamp(3.6 + 1.6 * quality + self.stars.gauss(0, 0.25), 1, 5)

    def _event(
        self,
        event_id: str,
        kind: str,
        moment: datetime,
        touchpoint: str,
        location: str,
        channel: str,
        **extra: Any,
    ) -> None:
        columns = HEADERS["events"][7:]  # the event's own details
        self.out.row(
            "events",
            [
                event_id,
                self.id,
                kind,
                _when(moment),
                touchpoint,
                location,
                channel,
                *(extra.get(c, "") for c in columns),
            ],
        )

    def _experiment_exposures(self, moment: datetime, location: str) -> None:
        """The card experiment: the first order after its start is the exposure."""
        card = self.world.effects["experiments"]["card"]
        if self.exposed or _month_index(self.world.start, moment) < card["start_month"]:
            return
        self.exposed = True
        arm = assign_arm(card["key"], self.id, tuple(card["weights"]))
        self._event(
            f"X-card-{self.id}",
            "experiment-exposure",
            moment,
            "aankoop-webshop" if location == WEBSHOP else "aankoop-winkel",
            location,
            WEBSHOP if location == WEBSHOP else "winkel",
            experiment=card["key"],
            arm="kaart" if arm else "controle",
        )

    # -- touchpoints after the purchase -----------------------------------
    def _delivery(
        self, order_id: str, moment: datetime, location: str, journey: _Journey
    ) -> tuple[datetime, bool]:
        rng = self.rng
        effect = self.world.effects["late_delivery_detractors"]
        promised = moment + timedelta(days=rng.randint(1, 3))
        december = promised.month == 12
        late = (
            self.force_bad
            or rng.random() < effect["late_rate"]["december" if december else "other"]
        )
        delay = rng.randint(1, 6 if december else 3) if late else 0
        delivered = promised + timedelta(days=delay, hours=rng.randrange(8, 18))
        journey.delivery = self._quality(0.4)
        if late:
            journey.delivery += effect["nps_latent_shift_late"]
            if december:
                journey.delivery += effect["nps_latent_shift_late_december_extra"]
        journey.late = late
        self._event(
            f"D-{order_id}",
            "delivery",
            delivered,
            "bezorging-thuis",
            location,
            "thuis",
            order=order_id,
            promised=promised.date().isoformat(),
            delay_days=delay,
            rating=self._stars(journey.delivery),
        )
        return delivered, late

    def _installation(
        self, order_id: str, after: datetime, journey: _Journey
    ) -> datetime:
        rng = self.rng
        effect = self.world.effects["store_weak_expertise_at_installation"]
        when = after + timedelta(days=rng.randint(1, 5), hours=rng.randrange(1, 6))
        share = effect["bad_expertise_rate"][
            "store" if self.store == effect["store"] else "others"
        ]
        journey.installed = True
        journey.bad_expertise = rng.random() < share
        journey.installation = self._quality(0.3) - (
            1.3 if journey.bad_expertise else 0
        )
        self._event(
            f"I-{order_id}",
            "installation",
            when,
            "installatie-thuis",
            self.store,
            "thuis",
            order=order_id,
            rating=self._stars(journey.installation),
        )
        return when

    def _service(
        self, order_id: str, after: datetime, journey: _Journey, late: bool
    ) -> datetime:
        rng = self.rng
        when = after + timedelta(hours=rng.randrange(2, 72))
        phone = rng.random() < 0.6
        touchpoint = "klantenservice-telefoon" if phone else "klantenservice-chat"
        journey.service = self._quality(-0.2) - (0.6 if late else 0)
        self._event(
            f"S-{order_id}",
            "service-contact",
            when,
            touchpoint,
            "servicecentrum",
            "telefoon" if phone else "chat",
            order=order_id,
            rating=self._stars(journey.service),
        )
        if rng.random() < 0.5:
            aspects = [
                Aspect(
                    "klantenservice", "negative" if journey.service < 0 else "positive"
                )
            ]
            if late:
                aspects.insert(0, Aspect("levertijd", "negative"))
            language = self._language()
            self.out.row(
                "tickets",
                [
                    f"T-{order_id}",
                    self.id,
                    _when(when),
                    "telefoon" if phone else "chat",
                    touchpoint,
                    "servicecentrum",
                    compose(self.words, language, aspects, pii=rng.random() < 0.1),
                    language,
                ],
            )
        return when

    # -- what customers say ---------------------------------------------------
    def _language(self) -> str:
        share = self.world.effects["verbatims"]["dutch_share"]
        return "nl" if self.rng.random() < share else "en"

    def _survey(
        self,
        order_id: str,
        when: datetime,
        journey: _Journey,
        location: str,
        path: str,
    ) -> None:
        rng, effects = self.rng, self.world.effects
        when = when + timedelta(days=rng.randint(1, 4), hours=rng.randrange(0, 8))
        if when >= self.world.end:
            return
        ratings = self._ratings(journey)
        weights = effects["key_drivers"]["weights"]
        drivers = sum(weights[q] * (ratings[q] - 3) for q in QUESTIONS)
        qualities = journey.qualities()
        bad_path = effects["bad_path"]
        # Peak-end: the worst moment weighs far more than the average one.
        experience = bad_path["weight_worst"] * min(qualities) + bad_path[
            "weight_mean"
        ] * (sum(qualities) / len(qualities))
        latent = 0.6 * drivers + experience + 0.35 * self.attitude + rng.gauss(0, 0.55)
        if self.force_bad:
            latent = min(latent, -2.0)  # the bad experience of a loyal customer
        room = self.world._pulse_shift(self.store, when)
        csat_latent = (
            latent + effects["room_to_act_lifts_csat"]["csat_latent_per_point"] * room
        )
        nps = _clamp(7.4 + 1.9 * latent, 0, 10)
        if location in self.world.quotas:
            nps = self.world.quota_answer(location, rng)
        csat = _clamp(3.7 + 0.9 * csat_latent, 1, 5)
        ces = _clamp(2.6 - 0.9 * latent + rng.gauss(0, 0.5), 1, 7)
        touchpoint, tp_location = journey.touchpoint(location, self.store)
        self.category = (
            "promoter" if nps >= 9 else "detractor" if nps <= 6 else "passive"
        )
        comment, language = "", ""
        if rng.random() < 0.6:
            language = self._language()
            comment = compose(
                self.words,
                language,
                journey.aspects(rng, ratings),
                emotion=_emotion(rng, nps),
                pii=rng.random() < effects["verbatims"]["pii_share"],
            )
        response_id = f"R-{order_id}"
        self.out.row(
            "responses",
            [
                response_id,
                self.id,
                _when(when),
                touchpoint,
                tp_location,
                WEBSHOP if location == WEBSHOP else "winkel",
                nps,
                csat,
                ces,
                comment,
                language,
                *(ratings[q] for q in QUESTIONS),
                "",
                path,
            ],
        )
        if self.category == "detractor":
            self._recover(response_id, when)

    def _ratings(self, journey: _Journey) -> dict[str, int]:
        rng = self.rng
        return {
            "delivery-speed": _clamp(
                3.6 + 1.1 * journey.delivery_score() + rng.gauss(0, 0.6), 1, 5
            ),
            "staff-expertise": _clamp(
                3.7
                + (-2.0 if journey.bad_expertise else 0)
                + 0.4 * self.attitude
                + rng.gauss(0, 0.7),
                1,
                5,
            ),
            "friendliness": _clamp(3.9 + 0.4 * self.attitude + rng.gauss(0, 0.8), 1, 5),
            "price": _clamp(3.2 + rng.gauss(0, 1.0), 1, 5),
        }

    def _recover(self, response_id: str, when: datetime) -> None:
        """Fast recovery: contact within a day turns more detractors around."""
        rng = self.rng
        effect = self.world.effects["fast_recovery"]
        shares = effect["contact_share"]
        pick = rng.random()
        if pick < shares["none"]:
            return
        fast = pick < shares["none"] + shares["within_24h"]
        hours = rng.randrange(1, 24) if fast else rng.randrange(25, 120)
        contact = when + timedelta(hours=hours)
        self._event(
            f"C-{response_id}",
            "recovery-contact",
            contact,
            "klantenservice-telefoon",
            "servicecentrum",
            "telefoon",
            hours=hours,
            follow_up_of=response_id,
        )
        callback = self.world.effects["experiments"]["callback"]
        arm = assign_arm(callback["key"], response_id, tuple(callback["weights"]))
        # Planted sample-ratio mismatch: some control exposures never got logged.
        if arm == 1 or rng.random() >= callback["control_exposures_lost"]:
            self._event(
                f"X-callback-{response_id}",
                "experiment-exposure",
                contact,
                "klantenservice-telefoon",
                "servicecentrum",
                "telefoon",
                experiment=callback["key"],
                arm="binnen-uur" if arm else "controle",
            )
        follow_up = contact + timedelta(days=14)
        if follow_up >= self.world.end or rng.random() < 0.3:
            return
        promoter = (
            rng.random()
            < effect["promoter_on_follow_up"]["within_24h" if fast else "later"]
        )
        nps = rng.choice((9, 10)) if promoter else rng.choice((3, 5, 6, 7, 8))
        if promoter:
            self.category = "promoter"
        self.out.row(
            "responses",
            [
                f"F-{response_id}",
                self.id,
                _when(follow_up),
                "klantenservice-telefoon",
                "servicecentrum",
                "telefoon",
                nps,
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                response_id,
                "follow-up",
            ],
        )

    def _review(
        self, order_id: str, when: datetime, journey: _Journey, location: str
    ) -> None:
        rng = self.rng
        when = when + timedelta(days=rng.randint(1, 10))
        if when >= self.world.end:
            return
        ratings = self._ratings(journey)
        score = min(journey.qualities())
        stars = _clamp(3.6 + 1.3 * score, 1, 5)
        language = self._language()
        text = compose(
            self.words,
            language,
            journey.aspects(rng, ratings),
            emotion=_emotion(rng, 2 * stars),
            pii=rng.random() < 0.03,
        )
        self.out.row(
            "reviews",
            [
                f"G-{order_id}",
                self.id,
                _when(when),
                location,
                WEBSHOP if location == WEBSHOP else "winkel",
                stars,
                text,
                language,
            ],
        )

    def _social(self, order_id: str, when: datetime, journey: _Journey) -> None:
        rng = self.rng
        when = when + timedelta(hours=rng.randrange(1, 48))
        if when >= self.world.end:
            return
        language = self._language()
        text = compose(
            self.words,
            language,
            journey.aspects(rng, self._ratings(journey)),
            emotion=_emotion(rng, 5),
            emoji_rate=0.4,
        )
        self.out.row(
            "social",
            [
                f"M-{order_id}",
                f"@{self.id.lower()}",
                _when(when),
                "social",
                text,
                language,
            ],
        )


@dataclass(slots=True)
class _Journey:
    """How each touchpoint of one order went (quality: about -2 bad to +2 good)."""

    purchase: float
    delivery: float | None = None
    installation: float | None = None
    service: float | None = None
    late: bool = False
    installed: bool = False
    bad_expertise: bool = False

    def qualities(self) -> list[float]:
        return [
            q
            for q in (self.purchase, self.delivery, self.installation, self.service)
            if q is not None
        ]

    def delivery_score(self) -> float:
        return -1.2 if self.late else 0.3

    def touchpoint(self, location: str, store: str) -> tuple[str, str]:
        """The touchpoint (and location) a survey after this journey is about."""
        if self.installation is not None:
            return "installatie-thuis", store
        if self.delivery is not None:
            return "bezorging-thuis", location
        return "aankoop-winkel", location

    def aspects(self, rng: random.Random, ratings: dict[str, int]) -> list[Aspect]:
        found: list[Aspect] = []
        if self.delivery is not None and (self.late or rng.random() < 0.5):
            found.append(Aspect("levertijd", "negative" if self.late else "positive"))
        if self.installed:
            found.append(
                Aspect(
                    "installatie" if rng.random() < 0.5 else "productkennis",
                    "negative" if self.bad_expertise else "positive",
                )
            )
        if ratings["friendliness"] != 3 and rng.random() < 0.5:
            polarity = "positive" if ratings["friendliness"] > 3 else "negative"
            found.append(Aspect("vriendelijk-personeel", polarity))
        if self.service is not None:
            found.append(
                Aspect("klantenservice", "negative" if self.service < 0 else "positive")
            )
        if rng.random() < 0.2:
            found.append(
                Aspect(
                    "prijs-kwaliteit",
                    "positive" if ratings["price"] >= 3 else "negative",
                )
            )
        return found[:3]


def _emotion(rng: random.Random, nps: float) -> str | None:
    if rng.random() < 0.6:
        return None
    if nps >= 9:
        return rng.choice(("joy", "gratitude", "surprise", "relief", "trust"))
    if nps <= 4:
        return rng.choice(("anger", "frustration", "disappointment"))
    if nps <= 6:
        return rng.choice(("disappointment", "worry", "sadness"))
    return None


def _add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    return moment.replace(year=moment.year + month // 12, month=month % 12 + 1, day=1)


def _month_index(start: datetime, moment: datetime) -> int:
    return (moment.year - start.year) * 12 + moment.month - start.month


def iterate_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a generated file, as dicts (for tests and checks)."""
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)
