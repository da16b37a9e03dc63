"""Flat facts for analytics: the store's rows joined to the blueprint's codes.

The analytics lake (`analytics.lake`) is refreshed from these reads. Each fact
has a *primary* source table whose ids order and page it, and secondary sources
whose changes can alter facts already written. `source_states` tells the refresh
whether old rows changed (then it rebuilds) or only new rows arrived (then it
appends the rows past its watermark). Times are returned in UTC; no personal
table is ever read here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, Select, cast, func, literal, select
from sqlalchemy.orm import Session, aliased

from belofte.store.repositories.meta import CHANGED_KEY, MetaRepository
from belofte.store.tables import (
    Answer,
    BlueprintVersion,
    ChannelRow,
    Customer,
    Enrichment,
    EnrichmentAspect,
    ImportRun,
    Interaction,
    LocationRow,
    Order,
    PillarRow,
    Response,
    StageRow,
    ThemeRow,
    TouchpointRow,
    Verbatim,
)

__all__ = ["FACT_SOURCES", "FactRepository", "SourceState", "untimed_marks"]

#: Per fact: its sources, primary first, as (table, changed-at column or None).
FACT_SOURCES: dict[str, tuple[tuple[Any, str | None], ...]] = {
    "responses": (
        (Response, "imported_at"),
        (Customer, None),
        (BlueprintVersion, None),
    ),
    "texts": (
        (Enrichment, "enriched_at"),
        (Verbatim, "imported_at"),
        (Response, "imported_at"),
        (BlueprintVersion, None),
    ),
    "mentions": (
        (EnrichmentAspect, None),
        (Enrichment, "enriched_at"),
        (Verbatim, "imported_at"),
        (Response, "imported_at"),
        (BlueprintVersion, None),
    ),
    "ratings": ((Answer, None), (Response, "imported_at")),
    "steps": ((Interaction, "imported_at"), (Customer, None), (BlueprintVersion, None)),
    "orders": ((Order, "imported_at"), (BlueprintVersion, None)),
    "customer_attributes": ((Customer, None),),
}


#: Tables whose rows change in place with no time to tell (customers' segment
#: and attributes), by the change mark that tells instead.
_UNTIMED_UPDATES = {"customers": f"{CHANGED_KEY}:customers"}


def untimed_marks(fact: str) -> list[str]:
    """The change marks that tell an in-place update of `fact`'s sources."""
    return [
        _UNTIMED_UPDATES[t.__tablename__]
        for t, _ in FACT_SOURCES[fact]
        if t.__tablename__ in _UNTIMED_UPDATES
    ]


@dataclass(frozen=True, slots=True)
class SourceState:
    """A source table now, and its rows at or below an earlier highest id."""

    table: str
    rows: int
    max_id: int
    #: The latest change time of any row (None where the table has none).
    changed: str | None
    #: Rows with id <= the earlier max id, and the latest change among them.
    old_rows: int
    old_changed: str | None


class FactRepository:
    """Reads the analytical facts in id order, in batches."""

    def __init__(self, session: Session, batch_size: int = 50_000) -> None:
        self.session = session
        self.batch_size = batch_size
        # A source shared by several facts (responses feeds four) is scanned once.
        self._states: dict[tuple[str, int], SourceState] = {}

    def source_states(
        self, fact: str, old_max_ids: dict[str, int]
    ) -> list[SourceState]:
        """The state of each source of `fact`, measured against old max ids."""
        states = []
        for table, changed in FACT_SOURCES[fact]:
            name = table.__tablename__
            old_max = old_max_ids.get(name, 0)
            if (name, old_max) not in self._states:
                self._states[name, old_max] = self._state(table, changed, old_max)
            states.append(self._states[name, old_max])
        return states

    def _state(self, table: Any, changed: str | None, old_max: int) -> SourceState:
        """One scan: all rows, and those at or below `old_max` (FILTER clauses)."""
        column = getattr(table, changed) if changed else literal(None)
        old = table.id <= old_max
        rows, max_id, latest, old_rows, old_latest = self.session.execute(
            select(
                func.count(),
                func.coalesce(func.max(table.id), 0),
                func.max(column),
                func.count().filter(old),
                func.max(column).filter(old),
            )
        ).one()
        return SourceState(
            table.__tablename__,
            int(rows),
            int(max_id),
            _text(latest),
            int(old_rows or 0),
            _text(old_latest),
        )

    def data_version(self) -> dict[str, Any]:
        """Highest ids of every source, and the in-place change mark.

        Index look-ups only. New rows (imports, enrichment, a blueprint apply)
        raise some highest id; rows changed in place renew the mark
        (`RecordWriter`); so an unchanged version means unchanged facts, and
        the refresh can skip its scans.
        """
        tables = {t for sources in FACT_SOURCES.values() for t, _ in sources}
        ordered = sorted(tables, key=lambda t: t.__tablename__) + [ImportRun]
        ids = [
            int(self.session.scalar(select(func.coalesce(func.max(t.id), 0))) or 0)
            for t in ordered
        ]
        marks = MetaRepository(self.session).with_prefix(f"{CHANGED_KEY}:")
        return {"ids": ids, "marks": marks}

    def redacted_texts(self, ids: list[int]) -> dict[int, str]:
        """The redacted texts of these verbatims (never the originals)."""
        rows = self.session.execute(
            select(Verbatim.id, Verbatim.text_redacted).where(Verbatim.id.in_(ids))
        )
        return {int(i): str(text) for i, text in rows}

    def rows(self, fact: str, after_id: int = 0) -> Iterator[list[tuple[Any, ...]]]:
        """Batches of `fact` rows whose primary id is above `after_id`."""
        statement, key = _QUERIES[fact]()
        last = after_id
        while True:
            # Every query ends with its paging key, which the fact does not keep.
            page = statement.add_columns(key).where(key > last)
            # Core rows on the session's connection: no ORM row processing.
            connection = self.session.connection()
            batch = list(connection.execute(page.order_by(key).limit(self.batch_size)))
            if not batch:
                return
            explode = _EXPLODE.get(fact)
            if explode is None:
                yield [tuple(row)[:-1] for row in batch]
            else:
                yield [out for row in batch for out in explode(tuple(row)[:-1])]
            last = int(batch[-1][-1])


def _place(
    touchpoint_id: Any, channel_id: Any, location_id: Any, customer_id: Any
) -> tuple[list[Any], Any]:
    """Columns touchpoint, stage, channel, location, region, segment and joins."""
    tp = aliased(TouchpointRow)
    stage = aliased(StageRow)
    channel = aliased(ChannelRow)
    location = aliased(LocationRow)
    customer = aliased(Customer)
    columns = [
        tp.code.label("touchpoint"),
        stage.code.label("stage"),
        channel.code.label("channel"),
        location.code.label("location"),
        location.region.label("region"),
        customer.segment.label("segment"),
    ]

    def join(statement: Select[Any]) -> Select[Any]:
        return (
            statement.outerjoin(tp, tp.id == touchpoint_id)
            .outerjoin(stage, stage.id == tp.stage_id)
            .outerjoin(channel, channel.id == func.coalesce(channel_id, tp.channel_id))
            .outerjoin(location, location.id == location_id)
            .outerjoin(customer, customer.id == customer_id)
        )

    return columns, join


def _responses() -> tuple[Select[Any], Any]:
    r = Response
    place, join = _place(r.touchpoint_id, r.channel_id, r.location_id, r.customer_id)
    statement = select(
        r.id, r.customer_id, r.responded_at, *place, r.language, r.nps, r.csat, r.ces
    ).select_from(r)
    return join(statement), r.id


def _texts() -> tuple[Select[Any], Any]:
    v, e, r = Verbatim, Enrichment, Response
    place, join = _place(v.touchpoint_id, v.channel_id, v.location_id, v.customer_id)
    statement = (
        select(
            v.id,
            v.response_id,
            v.customer_id,
            v.kind,
            v.occurred_at,
            *place,
            e.language,
            e.sentiment_label,
            e.sentiment_score,
            r.nps,
            r.csat,
            r.ces,
        )
        .select_from(e)
        .join(v, v.id == e.verbatim_id)
        .outerjoin(r, r.id == v.response_id)
    )
    return join(statement), e.id


def _mentions() -> tuple[Select[Any], Any]:
    a, e, v, r = EnrichmentAspect, Enrichment, Verbatim, Response
    place, join = _place(
        func.coalesce(a.touchpoint_id, v.touchpoint_id),
        v.channel_id,
        v.location_id,
        v.customer_id,
    )
    statement = (
        select(
            a.id,
            v.id,
            v.response_id,
            v.customer_id,
            v.occurred_at,
            ThemeRow.code,
            PillarRow.code,
            *place,
            a.sentiment_label,
            a.sentiment_score,
            r.nps,
            r.csat,
            r.ces,
        )
        .select_from(a)
        .join(e, e.id == a.enrichment_id)
        .join(v, v.id == e.verbatim_id)
        .join(ThemeRow, ThemeRow.id == a.theme_id)
        .join(PillarRow, PillarRow.id == ThemeRow.pillar_id)
        .outerjoin(r, r.id == v.response_id)
    )
    return join(statement), a.id


def _ratings() -> tuple[Select[Any], Any]:
    a = Answer
    columns: list[Any] = [a.id, a.response_id, a.question, a.value_number]
    return select(*columns).where(a.value_number.is_not(None)), a.id


def _steps() -> tuple[Select[Any], Any]:
    i = Interaction
    place, join = _place(i.touchpoint_id, i.channel_id, i.location_id, i.customer_id)
    # Steps carry no region or segment: journeys group by customer, not place.
    statement = select(
        i.id, i.customer_id, i.kind, i.occurred_at, *place[:4], i.rating
    ).select_from(i)
    return join(statement), i.id


def _text(moment: Any) -> str | None:
    return None if moment is None else str(moment)


def _orders() -> tuple[Select[Any], Any]:
    o = Order
    channel, location = aliased(ChannelRow), aliased(LocationRow)
    statement = (
        select(
            o.id,
            o.customer_id,
            o.ordered_at,
            channel.code,
            location.code,
            cast(o.revenue, Float),  # Decimal in the store; analyses want floats
            o.items,
        )
        .select_from(o)
        .outerjoin(channel, channel.id == o.channel_id)
        .outerjoin(location, location.id == o.location_id)
    )
    return statement, o.id


def _customer_attributes() -> tuple[Select[Any], Any]:
    c = Customer
    columns: list[Any] = [c.id, c.attributes]
    return select(*columns), c.id


def _attribute_rows(row: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """One (customer, name, value) row per scalar attribute of a customer."""
    customer_id, attributes = row
    if not isinstance(attributes, dict):
        return []
    return [
        (customer_id, str(name), None if value is None else str(value))
        for name, value in attributes.items()
        if not isinstance(value, dict | list)
    ]


#: Facts whose store rows expand into several fact rows each.
_EXPLODE = {"customer_attributes": _attribute_rows}

_QUERIES = {
    "responses": _responses,
    "texts": _texts,
    "mentions": _mentions,
    "ratings": _ratings,
    "steps": _steps,
    "orders": _orders,
    "customer_attributes": _customer_attributes,
}
