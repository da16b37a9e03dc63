"""Labeller plug-ins: found through entry points, run after the built-in steps."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from belofte.errors import InvalidInput
from belofte.services.listen.enrichment import analyse_text, text_pipeline
from belofte.services.setup import init_workspace
from belofte.settings import Settings
from belofte.text.labellers import (
    ENTRY_POINT_GROUP,
    available_labellers,
    load_labellers,
)
from belofte.text.pipeline import Pipeline

PLUGIN = '''
from dataclasses import replace
from belofte.text.labels import Polarity, Sentiment


class Sarcasm:
    """Reads "thanks for nothing" as negative, whatever the words say."""

    name = "sarcasm"
    version = "0.1"

    def label(self, text, enrichment):
        if "for nothing" in text.lower():
            start = text.lower().index("for nothing")
            span = (start, start + len("for nothing"))
            return replace(enrichment, sentiment=Sentiment(Polarity.NEGATIVE, -0.8, (span,)))
        return enrichment


class Broken:
    name = "broken"
'''


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A plug-in 'installed' the way pip does it: a module and a dist-info."""
    (tmp_path / "belofte_sarcasm.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "belofte_sarcasm-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: belofte-sarcasm\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\n"
        "sarcasm = belofte_sarcasm:Sarcasm\n"
        "broken = belofte_sarcasm:Broken\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    yield
    sys.modules.pop("belofte_sarcasm", None)


@pytest.mark.usefixtures("installed")
def test_a_plugin_changes_labels_and_the_model_version() -> None:
    assert {"broken", "sarcasm"} <= set(available_labellers())
    plain = Pipeline()
    with_plugin = Pipeline(labellers=load_labellers(["sarcasm"]))
    text = "Thanks for nothing, great service!"
    assert plain.enrich(text).sentiment.label.value == "positive"
    result = with_plugin.enrich(text)
    assert result.sentiment.label.value == "negative"
    assert [result.text[s:e] for s, e in result.sentiment.spans] == ["for nothing"]
    assert with_plugin.version == "rules-2+sarcasm-0.1"
    assert result.model_version == with_plugin.version


@pytest.mark.usefixtures("installed")
def test_unknown_or_malformed_plugins_are_clear_errors() -> None:
    with pytest.raises(InvalidInput, match="text labeller 'nope' is not installed"):
        load_labellers(["nope"])
    with pytest.raises(InvalidInput, match="'broken' lacks name, version or label"):
        load_labellers(["broken"])


@pytest.mark.usefixtures("installed")
def test_the_setting_switches_plugins_on_for_a_workspace(tmp_path: Path) -> None:
    settings = Settings(text_labellers="sarcasm")
    ws = init_workspace(tmp_path / "ws", "generic-en", settings).workspace
    try:
        assert text_pipeline(ws).version == "rules-2+sarcasm-0.1"
        assert (
            analyse_text(ws, "Thanks for nothing").sentiment.label.value == "negative"
        )
    finally:
        ws.close()
