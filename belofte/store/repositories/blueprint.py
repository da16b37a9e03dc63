"""Sync the blueprint into the store, idempotently, keeping history through renames.

Each entity is matched by its `code` (the blueprint id); failing that by a code
in its `was` list, which renames the row in place, so everything that points at
the row's integer id keeps pointing at it. Removals of entities that have data
are refused before anything changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from belofte.domain.promise import Blueprint
from belofte.errors import Conflict
from belofte.store import tables as t


@dataclass(frozen=True, slots=True)
class Desired:
    """One blueprint entity as the store should hold it."""

    code: str
    was: tuple[str, ...]
    values: dict[str, Any]


@dataclass(slots=True)
class SyncReport:
    """What `sync` changed, by kind and as readable lines."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    renamed: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    new_version: bool = False

    @property
    def changed(self) -> bool:
        """Whether anything in the store changed."""
        return bool(self.changes)

    def count(self, bucket: dict[str, int], kind: str, line: str) -> None:
        """Count one change of `kind` in `bucket` and keep its readable line."""
        bucket[kind] = bucket.get(kind, 0) + 1
        self.changes.append(line)


#: Columns holding data that refer to each kind; a row referred to cannot be removed.
_USES: dict[str, tuple[InstrumentedAttribute[Any], ...]] = {
    "theme": (t.EnrichmentAspect.theme_id,),
    "touchpoint": (
        t.Interaction.touchpoint_id,
        t.Response.touchpoint_id,
        t.Verbatim.touchpoint_id,
        t.EnrichmentAspect.touchpoint_id,
    ),
    "channel": (
        t.Interaction.channel_id,
        t.Response.channel_id,
        t.Verbatim.channel_id,
        t.Order.channel_id,
    ),
    "location": (
        t.Interaction.location_id,
        t.Response.location_id,
        t.Verbatim.location_id,
        t.Order.location_id,
        t.PulseResponse.location_id,
    ),
    "team": (t.PulseResponse.team_id,),
    # Data keeps the attribute whether or not it is a segment: always removable.
    "segment": (),
    "pillar": (),
    "stage": (),
}


@dataclass(slots=True)
class _Plan:
    kind: str
    model: type[Any]
    matches: list[tuple[Desired, Any, bool]]  # desired, row or None, is rename
    removals: list[Any]


class BlueprintRepository:
    """Reads and writes the blueprint tables."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def sync(self, bp: Blueprint, *, sha256: str, text: str) -> SyncReport:
        """Make the store hold exactly `bp`; raise Conflict before changing anything."""
        report = SyncReport()
        plans = [
            self._plan("pillar", t.PillarRow, _pillars(bp)),
            self._plan("stage", t.StageRow, _named(bp.stages)),
            self._plan("channel", t.ChannelRow, _named(bp.channels)),
            self._plan("location", t.LocationRow, _locations(bp)),
            self._plan("theme", t.ThemeRow, _themes(bp)),
            self._plan("touchpoint", t.TouchpointRow, _touchpoints(bp)),
            self._plan("team", t.TeamRow, _teams(bp)),
            self._plan(
                "segment",
                t.SegmentRow,
                [
                    Desired(seg.id, (), {"name": dict(seg.name), "position": i})
                    for i, seg in enumerate(bp.segments)
                ],
            ),
        ]
        refusals = [line for plan in plans for line in self._refusals(plan)]
        if refusals:
            raise Conflict(
                f"blueprint not applied: {len(refusals)} removal"
                f"{'s' if len(refusals) != 1 else ''} would lose data",
                tuple(refusals),
            )
        self._sync_promise(bp, report)
        ids: dict[str, dict[str, int]] = {}
        for plan in plans:
            ids[plan.kind] = self._apply(plan, ids, report)
        self._sync_touchpoint_pillars(bp, ids)
        for plan in reversed(plans):
            for row in plan.removals:
                self.session.delete(row)
                report.count(
                    report.removed, plan.kind, f"removed {plan.kind} '{row.code}'"
                )
            self.session.flush()
        if (
            self.session.scalar(
                select(t.BlueprintVersion.id).where(t.BlueprintVersion.sha256 == sha256)
            )
            is None
        ):
            self.session.add(
                t.BlueprintVersion(
                    sha256=sha256, applied_at=datetime.now(UTC), source_text=text
                )
            )
            report.new_version = True
        self.session.flush()
        return report

    def counts(self) -> dict[str, int]:
        """How many of each blueprint entity the store holds."""
        models = {
            "pillars": t.PillarRow,
            "themes": t.ThemeRow,
            "stages": t.StageRow,
            "channels": t.ChannelRow,
            "touchpoints": t.TouchpointRow,
            "locations": t.LocationRow,
            "teams": t.TeamRow,
            "segments": t.SegmentRow,
        }
        return {
            name: self.session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in models.items()
        }

    def version(self) -> int:
        """The id of the newest applied blueprint text (0 before the first apply)."""
        return self.session.scalar(select(func.max(t.BlueprintVersion.id))) or 0

    def applied_text(self) -> str | None:
        """The text of the newest applied blueprint (None before the first apply)."""
        return self.session.scalar(
            select(t.BlueprintVersion.source_text)
            .order_by(t.BlueprintVersion.id.desc())
            .limit(1)
        )

    def ids(self, kind: str) -> dict[str, int]:
        """Code -> row id of every theme or touchpoint."""
        model: type[t.ThemeRow] | type[t.TouchpointRow] = (
            t.ThemeRow if kind == "theme" else t.TouchpointRow
        )
        rows = self.session.execute(select(model.code, model.id))
        return {code: row_id for code, row_id in rows}  # noqa: C416 - Row, not tuple

    def names(self) -> dict[str, list[tuple[int, str, list[str]]]]:
        """(id, code, names) of every touchpoint, location, channel and team."""
        out: dict[str, list[tuple[int, str, list[str]]]] = {}
        for kind, model in (
            ("touchpoint", t.TouchpointRow),
            ("location", t.LocationRow),
            ("channel", t.ChannelRow),
            ("team", t.TeamRow),
        ):
            rows = self.session.execute(select(model.id, model.code, model.name))
            out[kind] = [
                (
                    row_id,
                    code,
                    list(name.values()) if isinstance(name, dict) else [name],
                )
                for row_id, code, name in rows
            ]
        return out

    def segments(self) -> tuple[str, ...]:
        """The declared segments' attribute names, in blueprint order."""
        return tuple(
            self.session.scalars(
                select(t.SegmentRow.code).order_by(t.SegmentRow.position)
            )
        )

    def catalogue(self) -> dict[str, list[tuple[str, dict[str, str]]]]:
        """(code, names) of each location, channel, touchpoint, pillar, theme, segment.

        In blueprint order: the choices of the pages' filters. Names are per
        language; a location's name is one text, given here under the key "*".
        """
        out: dict[str, list[tuple[str, dict[str, str]]]] = {}
        for kind, model in (
            ("location", t.LocationRow),
            ("channel", t.ChannelRow),
            ("touchpoint", t.TouchpointRow),
            ("pillar", t.PillarRow),
            ("theme", t.ThemeRow),
            ("segment", t.SegmentRow),
        ):
            rows = self.session.execute(
                select(model.code, model.name).order_by(model.position)
            )
            out[kind] = [
                (code, dict(name) if isinstance(name, dict) else {"*": str(name)})
                for code, name in rows
            ]
        return out

    # -- planning ---------------------------------------------------------
    def _plan(self, kind: str, model: type[Any], desired: list[Desired]) -> _Plan:
        rows = {row.code: row for row in self.session.scalars(select(model))}
        taken: set[str] = set()
        matches: list[tuple[Desired, Any, bool]] = []
        for item in desired:
            row = rows.get(item.code)
            renamed = False
            if row is None:
                old = next((c for c in item.was if c in rows and c not in taken), None)
                if old is not None:
                    row, renamed = rows[old], True
            if row is not None:
                taken.add(row.code)
            matches.append((item, row, renamed))
        removals = [row for code, row in rows.items() if code not in taken]
        return _Plan(kind, model, matches, removals)

    def _refusals(self, plan: _Plan) -> list[str]:
        out = []
        for row in plan.removals:
            used = {
                column.class_.__tablename__: n
                for column in _USES[plan.kind]
                if (n := self._uses(column, row.id))
            }
            if used:
                where = ", ".join(f"{n} in {table}" for table, n in used.items())
                out.append(
                    f"cannot remove {plan.kind} '{row.code}': data refers to it "
                    f"({where}); keep it, or give its successor `was: [{row.code}]`"
                )
        return out

    def _uses(self, column: InstrumentedAttribute[Any], row_id: int) -> int:
        return self.session.scalar(select(func.count()).where(column == row_id)) or 0

    # -- applying ---------------------------------------------------------
    def _apply(
        self, plan: _Plan, ids: dict[str, dict[str, int]], report: SyncReport
    ) -> dict[str, int]:
        # Free codes that are being renamed first: a swap must not hit the unique index.
        for item, row, renamed in plan.matches:
            if renamed and row is not None:
                report.count(
                    report.renamed,
                    plan.kind,
                    f"renamed {plan.kind} '{row.code}' to '{item.code}'",
                )
                row.code = f"~{row.id}"
        self.session.flush()
        out: dict[str, int] = {}
        for item, row, renamed in plan.matches:
            values = _resolve(item.values, ids)
            if row is None:
                row = plan.model(code=item.code, **values)
                self.session.add(row)
                report.count(
                    report.created, plan.kind, f"created {plan.kind} '{item.code}'"
                )
            else:
                row.code = item.code
                changed = [k for k, v in values.items() if getattr(row, k) != v]
                for key in changed:
                    setattr(row, key, values[key])
                if changed and not renamed:
                    report.count(
                        report.updated,
                        plan.kind,
                        f"updated {plan.kind} '{item.code}' ({', '.join(changed)})",
                    )
            self.session.flush()
            out[item.code] = row.id
        return out

    def _sync_promise(self, bp: Blueprint, report: SyncReport) -> None:
        values = {
            "workspace_name": bp.name,
            "languages": list(bp.languages),
            "why": dict(bp.promise.why),
            "how": dict(bp.promise.how),
            "what": dict(bp.promise.what),
        }
        row = self.session.get(t.PromiseRow, 1)
        if row is None:
            self.session.add(t.PromiseRow(id=1, **values))
            report.changes.append("created the promise")
            return
        changed = [k for k, v in values.items() if getattr(row, k) != v]
        for key in changed:
            setattr(row, key, values[key])
        if changed:
            report.changes.append(f"updated the promise ({', '.join(changed)})")

    def _sync_touchpoint_pillars(
        self, bp: Blueprint, ids: dict[str, dict[str, int]]
    ) -> None:
        wanted = {
            (ids["touchpoint"][tp.id], ids["pillar"][p])
            for tp in bp.touchpoints
            for p in tp.pillars
        }
        have = {
            (row.touchpoint_id, row.pillar_id)
            for row in self.session.scalars(select(t.TouchpointPillar))
        }
        for touchpoint_id, pillar_id in have - wanted:
            self.session.execute(
                delete(t.TouchpointPillar).where(
                    t.TouchpointPillar.touchpoint_id == touchpoint_id,
                    t.TouchpointPillar.pillar_id == pillar_id,
                )
            )
        for touchpoint_id, pillar_id in wanted - have:
            self.session.add(
                t.TouchpointPillar(touchpoint_id=touchpoint_id, pillar_id=pillar_id)
            )
        self.session.flush()


class _Ref:
    """A value that names another entity by code, resolved to its id when applied."""

    __slots__ = ("code", "kind")

    def __init__(self, kind: str, code: str) -> None:
        self.kind = kind
        self.code = code


def _resolve(values: dict[str, Any], ids: dict[str, dict[str, int]]) -> dict[str, Any]:
    return {
        k: (ids[v.kind][v.code] if isinstance(v, _Ref) else v)
        for k, v in values.items()
    }


def _named(items: Sequence[Any]) -> list[Desired]:
    return [
        Desired(item.id, item.was, {"name": dict(item.name), "position": i})
        for i, item in enumerate(items)
    ]


def _pillars(bp: Blueprint) -> list[Desired]:
    return [
        Desired(
            p.id,
            p.was,
            {"name": dict(p.name), "description": dict(p.description), "position": i},
        )
        for i, p in enumerate(bp.pillars)
    ]


def _themes(bp: Blueprint) -> list[Desired]:
    return [
        Desired(
            theme.id,
            theme.was,
            {
                "pillar_id": _Ref("pillar", pillar.id),
                "name": dict(theme.name),
                "phrases": {k: list(v) for k, v in theme.phrases.items()},
                "position": i,
            },
        )
        for i, (pillar, theme) in enumerate(bp.themes())
    ]


def _touchpoints(bp: Blueprint) -> list[Desired]:
    return [
        Desired(
            tp.id,
            tp.was,
            {
                "stage_id": _Ref("stage", tp.stage),
                "channel_id": _Ref("channel", tp.channel),
                "name": dict(tp.name),
                "position": i,
            },
        )
        for i, tp in enumerate(bp.touchpoints)
    ]


def _locations(bp: Blueprint) -> list[Desired]:
    return [
        Desired(
            loc.id,
            loc.was,
            {
                "name": loc.name,
                "kind": loc.kind.value,
                "region": loc.region,
                "city": loc.city,
                "position": i,
            },
        )
        for i, loc in enumerate(bp.locations)
    ]


def _teams(bp: Blueprint) -> list[Desired]:
    return [
        Desired(
            team.id,
            team.was,
            {
                "name": dict(team.name),
                "location_id": _Ref("location", team.location)
                if team.location
                else None,
                "touchpoint_codes": list(team.touchpoints),
                "position": i,
            },
        )
        for i, team in enumerate(bp.teams)
    ]
