"""`belofte text ...` and `belofte enrich` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from belofte.cli.app import main


@pytest.fixture
def shop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["init", str(tmp_path / "shop")]) == 0
    capsys.readouterr()
    return tmp_path / "shop"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyse_json(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--workspace",
        str(shop),
        "text",
        "analyse",
        "--json",
        "The delivery was late but the staff was really helpful 🙂",
    )
    assert code == 0
    body = json.loads(out)
    assert body["language"] == "en"
    # What follows "but" weighs more.
    assert body["sentiment"]["label"] == "positive"
    themes = {a["theme"]: a["sentiment"]["label"] for a in body["aspects"]}
    assert themes["levertijd"] == "negative"
    assert themes["vriendelijk-personeel"] == "positive"


def test_import_then_enrich(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "reviews.csv"
    data.write_text(
        "review_id,datum,sterren,tekst\n"
        "G1,01-11-2026,5,Top service!\n"
        "G2,02-11-2026,1,Waardeloos. Nooit meer.\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys,
        "--workspace",
        str(shop),
        "import",
        str(data),
        "--kind",
        "reviews",
        "--json",
    )
    assert code == 0
    summary = json.loads(out)
    # The import returns once the rows are stored; a job analyses the texts.
    assert summary["enriched"] == 0 and isinstance(summary["enrich_job"], int)
    code, out, _ = run(capsys, "--workspace", str(shop), "enrich", "--json")
    assert (code, json.loads(out)["enriched"]) == (0, 2)
    code, out, _ = run(capsys, "--workspace", str(shop), "enrich", "--json")
    assert (code, json.loads(out)["enriched"]) == (0, 0)
    code, out, _ = run(capsys, "--workspace", str(shop), "enrich", "--all", "--json")
    assert json.loads(out)["enriched"] == 2
    code, out, _ = run(capsys, "--workspace", str(shop), "text", "show", "2", "--json")
    shown = json.loads(out)
    assert shown["text"] == "Waardeloos. Nooit meer."
    assert shown["enrichment"]["sentiment"]["label"] == "negative"
    code, _, err = run(
        capsys,
        "--workspace",
        str(shop),
        "text",
        "correct",
        "2",
        "--aspect",
        "levertijd",
    )
    assert code == 3
    assert err.strip() == "error: --aspect 'levertijd': expected THEME=LABEL"
    code, out, _ = run(
        capsys,
        "--workspace",
        str(shop),
        "text",
        "correct",
        "2",
        "--sentiment",
        "negative",
        "--aspect",
        "levertijd=absent",
    )
    assert (code, out.strip()) == (0, "corrected verbatim 2: 2 label(s)")
    code, _, err = run(capsys, "--workspace", str(shop), "text", "show", "99")
    assert (code, err.strip()) == (4, "error: verbatim 99 not found")


def _jsonl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text(
        "".join(json.dumps({"text": t, "label": y}) + "\n" for t, y in rows),
        encoding="utf-8",
    )
    return path


TRAIN = [
    ("heel vriendelijk geholpen", "positive"),
    ("snel geleverd, top", "positive"),
    ("prima service", "positive"),
    ("fijne winkel", "positive"),
    ("niet vriendelijk geholpen", "negative"),
    ("te laat geleverd", "negative"),
    ("slechte service", "negative"),
    ("nooit meer deze winkel", "negative"),
] * 3


def test_evaluate_sentiment_with_training_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    train = _jsonl(tmp_path / "train.jsonl", TRAIN)
    test = _jsonl(
        tmp_path / "test.jsonl",
        [
            ("vriendelijk geholpen", "positive"),
            ("slechte winkel", "negative"),
            ("niet snel geleverd", "negative"),
            ("top service", "positive"),
        ],
    )
    code, out, _ = run(
        capsys,
        "text",
        "evaluate",
        str(test),
        "--task",
        "sentiment",
        "--train",
        str(train),
        "--json",
    )
    assert code == 0
    report = json.loads(out)
    assert report["task"] == "sentiment"
    assert report["n"] == 4
    assert report["accuracy"] == 1.0
    assert report["confusion"] == {
        "labels": ["negative", "positive"],
        "matrix": [[2, 0], [0, 2]],
    }
    code, out, _ = run(
        capsys,
        "text",
        "evaluate",
        str(test),
        "--task",
        "sentiment",
        "--train",
        str(train),
    )
    assert code == 0
    assert "accuracy 100.0 %, macro-F1 100.0 (n=4)" in out


def test_evaluate_reports_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"text": "ok", "label": "positive"}\n{"text": ""}\nnot json\n',
        encoding="utf-8",
    )
    code, _, err = run(
        capsys, "text", "evaluate", str(bad), "--task", "sentiment", "--folds", "2"
    )
    assert code == 3
    assert err.splitlines() == [
        "bad.jsonl:2: text: missing or empty",
        "bad.jsonl:3: not JSON (Expecting value)",
        "error: bad.jsonl: 2 bad line(s), nothing evaluated",
    ]


def test_evaluate_aspects_cross_validation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reviews = []
    for i in range(10):
        good = i % 2 == 0
        reviews.append(
            f'<Review rid="r{i}"><sentences>'
            f'<sentence id="r{i}:1"><text>{"Lekker eten" if good else "Koud eten"}.</text>'
            f'<Opinions><Opinion target="eten" category="FOOD#QUALITY" '
            f'polarity="{"positive" if good else "negative"}" from="{7 if good else 5}" to="{11 if good else 9}"/></Opinions></sentence>'
            f'<sentence id="r{i}:2"><text>{"Vriendelijke bediening" if good else "Trage bediening"}.</text>'
            f'<Opinions><Opinion target="bediening" category="SERVICE#GENERAL" '
            f'polarity="{"positive" if good else "negative"}" from="0" to="0"/></Opinions></sentence>'
            f"</sentences></Review>"
        )
    xml = tmp_path / "absa.xml"
    xml.write_text(
        f"<?xml version='1.0'?><Reviews>{''.join(reviews)}</Reviews>", encoding="utf-8"
    )
    code, out, _ = run(
        capsys,
        "text",
        "evaluate",
        str(xml),
        "--task",
        "aspects",
        "--folds",
        "5",
        "--json",
    )
    assert code == 0
    report = json.loads(out)
    assert report["sentences"] == 20
    assert report["category"]["micro_f1"] == 1.0
    assert report["polarity"]["n"] == 20
    assert report["polarity"]["accuracy"] == 1.0
    code, _, err = run(capsys, "text", "evaluate", str(xml), "--task", "aspects")
    assert code == 3
    assert "give --train FILE or --folds K" in err
    hostile = tmp_path / "bomb.xml"
    hostile.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Reviews/>',
        encoding="utf-8",
    )
    code, _, err = run(
        capsys, "text", "evaluate", str(hostile), "--task", "aspects", "--folds", "2"
    )
    assert code == 3
    assert "XML entity declarations are not accepted" in err
