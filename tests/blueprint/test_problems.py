"""Broken blueprints: one exact, readable line per problem (file:line field: message)."""

from __future__ import annotations

from pathlib import Path

import pytest

from belofte.blueprint import BlueprintInvalid, load_blueprint, parse_blueprint

MINIMAL = (Path(__file__).parent / "minimal.yaml").read_text(encoding="utf-8")


def mutate(edits: dict[int, str | None]) -> str:
    """MINIMAL with 1-based lines replaced (text may span lines) or deleted (None)."""
    lines = MINIMAL.splitlines()
    for number, new in sorted(edits.items(), reverse=True):
        lines[number - 1 : number] = [] if new is None else new.split("\n")
    return "\n".join(lines) + "\n"


def problems(text: str) -> list[str]:
    with pytest.raises(BlueprintInvalid) as caught:
        parse_blueprint(text, "belofte.yaml")
    return list(caught.value.problems)


def test_minimal_blueprint_is_valid() -> None:
    loaded = parse_blueprint(MINIMAL)
    bp = loaded.blueprint
    assert [p.id for p in bp.pillars] == ["snel-geregeld", "eerlijke-prijs"]
    assert bp.pillars[0].themes[0].phrases == {
        "nl": ("te laat", "snel bezorgd"),
        "en": ("late delivery",),
    }
    assert [(t.id, t.stage, t.channel, t.pillars) for t in bp.touchpoints] == [
        ("aankoop-winkel", "aankoop", "winkel", ("eerlijke-prijs",)),
        ("bezorging-thuis", "bezorging", "thuis", ("snel-geregeld",)),
    ]
    assert loaded.warnings == ()


CASES = {
    "wrong type": (
        {23: "        phrases: te duur", 24: None, 25: None},
        "belofte.yaml:23 pillars[1].themes[0].phrases: expected a list of strings",
    ),
    "wrong type inside a language": (
        {24: "          nl: te duur"},
        "belofte.yaml:24 pillars[1].themes[0].phrases.nl: expected a list of strings",
    ),
    "unknown key": (
        {19: "    name: {nl: Eerlijke prijs, en: Fair price}\n    descripton: {nl: x}"},
        "belofte.yaml:20 pillars[1].descripton: unknown field 'descripton'; "
        "did you mean 'description'?",
    ),
    "duplicate id": (
        {21: "      - id: levertijd"},
        "belofte.yaml:21 pillars[1].themes[0].id: duplicate theme id 'levertijd' "
        "(first at pillars[0].themes[0], line 13)",
    ),
    "dangling touchpoint stage": (
        {40: "      stage: bezorgen"},
        "belofte.yaml:40 journey.touchpoints[1].stage: unknown stage 'bezorgen'; "
        "did you mean 'bezorging'?",
    ),
    "dangling touchpoint pillar": (
        {43: "      pillars: [snel]"},
        "belofte.yaml:43 journey.touchpoints[1].pillars[0]: unknown pillar 'snel'",
    ),
    "dangling team location": (
        {50: "    location: utreht"},
        "belofte.yaml:50 teams[0].location: unknown location 'utreht'; "
        "did you mean 'utrecht'?",
    ),
    "empty pillar": (
        {20: "    themes: []", 21: None, 22: None, 23: None, 24: None, 25: None},
        "belofte.yaml:20 pillars[1].themes: pillar 'eerlijke-prijs' has no themes; "
        "give it at least one, or its delivery cannot be measured",
    ),
    "bad YAML syntax": (
        {16: "          nl: [te laat, snel bezorgd"},
        "belofte.yaml:17: invalid YAML: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts on line 16)",
    ),
    "tab indentation": (
        {2: "\tworkspace:"},
        "belofte.yaml:2: invalid YAML: found character '\\t' that cannot start any token",
    ),
    "duplicate key": (
        {11: "    name: {nl: Snel geregeld, en: Fast}\n    name: {nl: Snel, en: Fast}"},
        "belofte.yaml:12 pillars[0].name: duplicate key 'name' (first on line 11)",
    ),
    "missing field": (
        {36: None},
        "belofte.yaml:34 journey.touchpoints[0].channel: required field is missing",
    ),
    "invalid id": (
        {10: "  - id: Snel Geregeld"},
        "belofte.yaml:10 pillars[0].id: invalid id 'Snel Geregeld': use lowercase "
        "letters, digits and single hyphens, at most 64 characters "
        "(e.g. 'snel-geregeld')",
    ),
    "unknown location kind": (
        {
            45: "  - {id: utrecht, name: Testwinkel Utrecht, kind: shop, region: Utrecht}"
        },
        "belofte.yaml:45 locations[0].kind: expected 'store', 'webshop', 'warehouse' "
        "or 'service-centre', got 'shop'",
    ),
    "missing translation": (
        {22: "        name: {nl: Prijs}"},
        "belofte.yaml:22 pillars[1].themes[0].name: missing text for 'en' "
        "(workspace.languages is nl, en)",
    ),
    "plain text where languages are needed": (
        {11: "    name: Snel geregeld"},
        "belofte.yaml:11 pillars[0].name: expected text per language, "
        "e.g. {nl: ..., en: ...}",
    ),
    "unsupported version": (
        {1: "version: 2"},
        "belofte.yaml:1 version: expected 1, got 2",
    ),
    "store without region": (
        {45: "  - {id: utrecht, name: Testwinkel Utrecht, kind: store}"},
        "belofte.yaml:45 locations[0].region: a store needs a region",
    ),
    "was names a live id": (
        {21: "      - id: prijs\n        was: [levertijd]"},
        "belofte.yaml:22 pillars[1].themes[0].was[0]: 'levertijd' is still the id "
        "of a theme; `was` lists only ids that are gone",
    ),
    "number where text is needed": (
        {3: "  name: 42"},
        "belofte.yaml:3 workspace.name: expected text",
    ),
    "scalar where a list is needed": (
        {27: "  stages: aankoop", 28: None, 29: None},
        "belofte.yaml:27 journey.stages: expected a list, got 'aankoop'",
    ),
}


@pytest.mark.parametrize(("edits", "expected"), CASES.values(), ids=CASES.keys())
def test_each_mistake_gets_one_exact_line(
    edits: dict[int, str | None], expected: str
) -> None:
    assert problems(mutate(edits)) == [expected]


def test_every_problem_is_reported_at_once() -> None:
    text = mutate({3: "  name: 42", 10: "  - id: Snel", 45: "  - {id: x, kind: shop}"})
    assert problems(text) == [
        "belofte.yaml:3 workspace.name: expected text",
        "belofte.yaml:10 pillars[0].id: invalid id 'Snel': use lowercase letters, "
        "digits and single hyphens, at most 64 characters (e.g. 'snel-geregeld')",
        "belofte.yaml:45 locations[0].name: required field is missing",
        "belofte.yaml:45 locations[0].kind: expected 'store', 'webshop', 'warehouse' "
        "or 'service-centre', got 'shop'",
    ]


def test_shared_phrase_is_a_warning_not_an_error() -> None:
    loaded = parse_blueprint(
        mutate({24: "          nl: [te duur, te laat]"}), "belofte.yaml"
    )
    assert [str(w) for w in loaded.warnings] == [
        "belofte.yaml:23 pillars[1].themes[0].phrases: warning: phrase 'te laat' also "
        "seeds theme 'levertijd'; text analysis cannot tell them apart"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "",
            "belofte.yaml:1: expected a mapping with version, workspace, promise, "
            "pillars, journey, locations",
        ),
        (
            "- a\n- b\n",
            "belofte.yaml:1: expected a mapping with version, workspace, "
            "promise, pillars, journey, locations",
        ),
        # An alias bomb expands to 9**6 values: refused, not expanded.
        (
            "a: &a [1,1,1,1,1,1,1,1,1]\n"
            + "".join(
                f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
                for p, n in zip("abcde", "bcdef", strict=True)
            ),
            "belofte.yaml:1: document too large (over 200000 values)",
        ),
        # Nested 5,000 deep (or 20,000 nested flow mappings): RecursionError, a
        # 500 on the settings page, before the depth was bounded.
        (
            "pillars:\n" + "- " * 5000 + "x\n",
            "belofte.yaml:2: nested deeper than 64 levels",
        ),
        (
            "{a: " * 20_000 + "1" + "}" * 20_000,
            "belofte.yaml:1: nested deeper than 64 levels",
        ),
    ],
    ids=["empty", "not a mapping", "alias bomb", "deep blocks", "deep flow"],
)
def test_documents_that_are_not_blueprints(text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(BlueprintInvalid) as missing:
        load_blueprint(tmp_path / "belofte.yaml")
    assert missing.value.problems == ("belofte.yaml:1: file not found",)
    path = tmp_path / "belofte.yaml"
    path.write_bytes(b"version: 1\nworkspace:\n  name: caf\xe9\n")
    with pytest.raises(BlueprintInvalid) as binary:
        load_blueprint(path)
    assert binary.value.problems == ("belofte.yaml:3: not valid UTF-8 text",)
    assert binary.value.message == "belofte.yaml: 1 problem in the blueprint"
