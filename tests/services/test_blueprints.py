"""Applying the blueprint: idempotent, renames keep history, removals never lose data."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from belofte.blueprint import BlueprintInvalid
from belofte.errors import Conflict
from belofte.services.blueprints import apply_blueprint, stored_counts
from belofte.services.workspace import Workspace
from belofte.store import tables as t
from tests.factories import id_of, make_aspect, make_verbatim

RETAIL_COUNTS = {
    "pillars": 4,
    "themes": 15,
    "stages": 6,
    "channels": 7,
    "touchpoints": 14,
    "locations": 15,
    "teams": 7,
    "segments": 2,
}


def edit(ws: Workspace, old: str, new: str) -> None:
    text = ws.blueprint_path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    ws.blueprint_path.write_text(text.replace(old, new), encoding="utf-8")


def test_init_applied_the_whole_template(workspace: Workspace) -> None:
    assert stored_counts(workspace) == RETAIL_COUNTS
    with workspace.session() as s:
        pairs = s.execute(
            select(t.TouchpointRow.code, t.PillarRow.code)
            .join(
                t.TouchpointPillar,
                t.TouchpointPillar.touchpoint_id == t.TouchpointRow.id,
            )
            .join(t.PillarRow, t.PillarRow.id == t.TouchpointPillar.pillar_id)
            .where(t.TouchpointRow.code == "installatie-thuis")
        ).all()
        assert {p for _, p in pairs} == {"deskundig-advies", "snel-geregeld"}
        versions = s.scalar(select(func.count()).select_from(t.BlueprintVersion))
        assert versions == 1


def test_apply_is_idempotent(workspace: Workspace) -> None:
    first = apply_blueprint(workspace).report
    second = apply_blueprint(workspace).report
    assert first.changes == []
    assert second.changes == []
    assert not second.new_version
    assert stored_counts(workspace) == RETAIL_COUNTS


def test_edits_update_rows_in_place(workspace: Workspace) -> None:
    edit(
        workspace,
        "{nl: Levertijd, en: Delivery time}",
        "{nl: Bezorgtijd, en: Delivery time}",
    )
    with workspace.session() as s:
        before = id_of(s, t.ThemeRow, "levertijd")
    report = apply_blueprint(workspace).report
    assert report.changes == ["updated theme 'levertijd' (name)"]
    assert report.new_version
    with workspace.session() as s:
        row = s.get(t.ThemeRow, before)
        assert row is not None
        assert row.name == {
            "nl": "Bezorgtijd",
            "en": "Delivery time",
        }
    assert apply_blueprint(workspace).report.changes == []


def test_renaming_a_theme_id_keeps_its_history(workspace: Workspace) -> None:
    with workspace.session() as s:
        aspect = make_aspect(
            s, make_verbatim(s, touchpoint="bezorging-thuis"), "levertijd"
        )
        theme_id, aspect_id = aspect.theme_id, aspect.id
    edit(
        workspace,
        "- id: levertijd\n",
        "- id: bezorgsnelheid\n        was: [levertijd]\n",
    )
    report = apply_blueprint(workspace).report
    assert report.changes == ["renamed theme 'levertijd' to 'bezorgsnelheid'"]
    with workspace.session() as s:
        assert id_of(s, t.ThemeRow, "bezorgsnelheid") == theme_id
        kept = s.get(t.EnrichmentAspect, aspect_id)
        assert kept is not None
        assert kept.theme_id == theme_id
    assert apply_blueprint(workspace).report.changes == []


def test_removing_a_theme_with_data_is_refused_and_changes_nothing(
    workspace: Workspace,
) -> None:
    with workspace.session() as s:
        make_aspect(s, make_verbatim(s), "voorraad")
    text = workspace.blueprint_path.read_text(encoding="utf-8")
    start = text.index("      - id: voorraad")
    end = text.index("      - id: webshop-gebruiksgemak")
    workspace.blueprint_path.write_text(
        text[:start] + text[end:].replace("Gebruiksgemak webshop", "Webshop"),
        encoding="utf-8",
    )
    with pytest.raises(Conflict) as refused:
        apply_blueprint(workspace)
    assert refused.value.message == "blueprint not applied: 1 removal would lose data"
    assert refused.value.problems == (
        "cannot remove theme 'voorraad': data refers to it (1 in enrichment_aspects); "
        "keep it, or give its successor `was: [voorraad]`",
    )
    with workspace.session() as s:  # nothing changed, not even the other edit
        names = s.scalars(
            select(t.ThemeRow.name).where(t.ThemeRow.code == "webshop-gebruiksgemak")
        )
        assert list(names) == [
            {"nl": "Gebruiksgemak webshop", "en": "Webshop ease of use"}
        ]
    assert stored_counts(workspace) == RETAIL_COUNTS


def test_removing_a_location_with_data_is_refused(workspace: Workspace) -> None:
    with workspace.session() as s:
        make_verbatim(s, location="assen-centrum")
    text = workspace.blueprint_path.read_text(encoding="utf-8")
    line = next(
        ln for ln in text.splitlines(keepends=True) if "id: assen-centrum" in ln
    )
    workspace.blueprint_path.write_text(text.replace(line, ""), encoding="utf-8")
    with pytest.raises(Conflict) as refused:
        apply_blueprint(workspace)
    assert refused.value.problems == (
        "cannot remove location 'assen-centrum': data refers to it (1 in verbatims); "
        "keep it, or give its successor `was: [assen-centrum]`",
    )


def test_removing_unused_entities_deletes_them(workspace: Workspace) -> None:
    text = workspace.blueprint_path.read_text(encoding="utf-8")
    start = text.index("      - id: voorraad")
    end = text.index("      - id: webshop-gebruiksgemak")
    workspace.blueprint_path.write_text(text[:start] + text[end:], encoding="utf-8")
    report = apply_blueprint(workspace).report
    assert report.changes[-1] == "removed theme 'voorraad'"
    assert report.removed == {"theme": 1}
    assert stored_counts(workspace)["themes"] == 14


def test_moving_a_theme_to_another_pillar(workspace: Workspace) -> None:
    text = workspace.blueprint_path.read_text(encoding="utf-8")
    start = text.index("      - id: installatie\n")
    end = text.index("\n\n", start)
    block = text[start : end + 1]
    text = text.replace(block, "")
    anchor = "      - id: levertijd\n"
    workspace.blueprint_path.write_text(
        text.replace(anchor, block + anchor), encoding="utf-8"
    )
    with workspace.session() as s:
        theme_id = id_of(s, t.ThemeRow, "installatie")
    report = apply_blueprint(workspace).report
    assert "updated theme 'installatie' (pillar_id, position)" in report.changes
    with workspace.session() as s:
        row = s.get(t.ThemeRow, theme_id)
        assert row is not None
        assert row.pillar_id == id_of(s, t.PillarRow, "snel-geregeld")


def test_an_invalid_blueprint_is_never_applied(workspace: Workspace) -> None:
    edit(workspace, "stage: installatie", "stage: instalatie")
    with pytest.raises(BlueprintInvalid) as invalid:
        apply_blueprint(workspace)
    assert len(invalid.value.problems) == 1
    assert (
        "unknown stage 'instalatie'; did you mean 'installatie'?"
        in invalid.value.problems[0]
    )
    assert stored_counts(workspace) == RETAIL_COUNTS
