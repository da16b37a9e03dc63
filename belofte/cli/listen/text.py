"""`belofte text` and `belofte enrich`: analyse, evaluate, learn, correct."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from belofte.cli import output
from belofte.cli.context import workspace_of
from belofte.cli.output import e
from belofte.errors import InvalidInput
from belofte.services.listen.enrichment import (
    analyse_text,
    correct_labels,
    enrich_texts,
    stored_enrichment,
)
from belofte.services.listen.learning import evaluate_file, learn, suggest_themes
from belofte.text.evaluate import AspectReport, ClassReport
from belofte.text.labels import Enrichment

app = typer.Typer(
    help="Text analytics: analyse a text, evaluate on labelled data, learn the "
    "workspace's own models, correct labels, suggest themes.",
    no_args_is_help=True,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


class Task(StrEnum):
    """What the labels of an evaluation file are."""

    SENTIMENT = "sentiment"
    ASPECTS = "aspects"


def enrich(
    ctx: typer.Context,
    everything: Annotated[
        bool, typer.Option("--all", help="Analyse every text again, not only new ones.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Analyse new and changed texts (language, sentiment, emotions, themes)."""
    ws = workspace_of(ctx)
    with Progress(
        TextColumn("[bold]analysing texts[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=output.stderr,
        transient=True,
        disable=as_json or not output.stderr.is_terminal,
    ) as progress:
        task = progress.add_task("texts", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        summary = enrich_texts(ws, everything=everything, on_progress=advance)
    if as_json:
        output.emit_json(
            {
                "enriched": summary.enriched,
                "model_version": summary.model_version,
                "seconds": round(summary.seconds, 2),
            }
        )
        return
    rate = summary.enriched / summary.seconds if summary.seconds else 0.0
    output.say(
        f"analysed {summary.enriched:,} texts with {e(summary.model_version)} "
        f"in {summary.seconds:.1f} s ({rate:,.0f} texts/s)"
    )


@app.command()
def analyse(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The text (it is redacted first).")],
    as_json: JsonFlag = False,
) -> None:
    """Analyse one text with the workspace's pipeline; nothing is stored."""
    result = analyse_text(workspace_of(ctx), text)
    if as_json:
        output.emit_json(result.as_json())
        return
    _show_enrichment(result)


@app.command()
def show(
    ctx: typer.Context,
    verbatim: Annotated[int, typer.Argument(help="Id of a stored verbatim.")],
    as_json: JsonFlag = False,
) -> None:
    """Show a stored text's enrichment (redacted text, labels, evidence)."""
    stored = stored_enrichment(workspace_of(ctx), verbatim)
    if as_json:
        output.emit_json(stored)
        return
    text: str = stored["text"]
    output.say(f"verbatim {verbatim}: {e(text)}")
    enrichment = stored["enrichment"]
    if enrichment is None:
        output.say("not analysed yet: run `belofte enrich`")
        return
    sentiment = enrichment["sentiment"]
    output.say(
        f"language {e(enrichment['language'])}, sentiment "
        f"{e(sentiment['label'])} ({sentiment['score']:+.2f}), model "
        f"{e(enrichment['model_version'])}"
    )
    for aspect in enrichment["aspects"]:
        output.say(f"  {e(aspect['theme'])}: {e(aspect['sentiment'])}")
    if enrichment["emotions"]:
        output.say("  emotions: " + e(", ".join(sorted(enrichment["emotions"]))))


def _show_enrichment(result: Enrichment) -> None:
    output.say(e(result.text))
    output.say(
        f"language {e(result.language)}"
        + (f" ({e(result.detected_language)})" if result.language == "other" else "")
        + f", model {e(result.model_version)}"
    )
    table = Table("label", "value", "evidence")
    table.add_row(
        "sentiment",
        f"{e(result.sentiment.label.value)} {result.sentiment.score:+.2f}",
        _spans(result.text, result.sentiment.spans),
    )
    for emotion in result.emotions:
        table.add_row(
            "emotion",
            f"{e(emotion.name)} {emotion.score:.2f}",
            _spans(result.text, emotion.spans),
        )
    for aspect in result.aspects:
        where = f" @ {aspect.touchpoint}" if aspect.touchpoint else ""
        table.add_row(
            f"theme {e(aspect.theme)}{e(where)}",
            f"{e(aspect.sentiment.label.value)} {aspect.sentiment.score:+.2f}",
            _spans(result.text, aspect.spans + aspect.sentiment.spans),
        )
    output.show(table)


def _spans(text: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """The evidence as quoted phrases (rich Text: never read as markup)."""
    return Text(", ".join(f"“{text[s:t]}”" for s, t in sorted(set(spans))))


@app.command()
def evaluate(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="Labelled data: JSON Lines with text and label (sentiment) or "
            "SemEval-2014/2016 ABSA XML (aspects)."
        ),
    ],
    task: Annotated[Task, typer.Option("--task", help="What the labels are.")],
    train: Annotated[
        Path | None,
        typer.Option("--train", help="Fit the model family on this file first."),
    ] = None,
    folds: Annotated[
        int,
        typer.Option(
            "--folds", min=0, max=20, help="Cross-validate on FILE with K folds."
        ),
    ] = 0,
    language: Annotated[
        str, typer.Option("--language", help="Language of the texts: nl or en.")
    ] = "nl",
    as_json: JsonFlag = False,
) -> None:
    """Measure accuracy on labelled data: per class, confusion, SemEval slots.

    Without --train or --folds, judges the workspace's current pipeline.
    """
    needs_workspace = task is Task.SENTIMENT and train is None and not folds
    ws = workspace_of(ctx) if needs_workspace else None
    report = evaluate_file(
        ws, task.value, file, train=train, folds=folds, language=language
    )
    if as_json:
        output.emit_json({"task": task.value, "file": file.name, **report.as_json()})
        return
    if isinstance(report, AspectReport):
        p, r = 100 * report.category_precision, 100 * report.category_recall
        output.say(
            f"{e(file.name)}: {report.sentences:,} sentences; category "
            f"micro-F1 {100 * report.category_f1:.1f} (P {p:.1f}, R {r:.1f}); "
            "polarity given gold aspects:"
        )
        _show_classes(report.polarity)
        return
    output.say(f"{e(file.name)}: {report.n:,} texts")
    _show_classes(report)


def _show_classes(report: ClassReport) -> None:
    output.say(
        f"accuracy {100 * report.accuracy:.1f} %, macro-F1 {100 * report.macro_f1:.1f} "
        f"(n={report.n:,})"
    )
    table = Table("class", "precision", "recall", "F1", "support")
    for label, scores in report.per_class.items():
        table.add_row(
            e(label),
            f"{scores['precision']:.3f}",
            f"{scores['recall']:.3f}",
            f"{scores['f1']:.3f}",
            f"{int(scores['support']):,}",
        )
    output.show(table)
    confusion = Table("gold \\ predicted", *[e(label) for label in report.labels])
    for label, row in zip(report.labels, report.confusion, strict=True):
        confusion.add_row(e(label), *[f"{n:,}" for n in row])
    output.show(confusion)


@app.command("learn")
def learn_(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Fit the workspace's own text models from scores and corrections."""
    ws = workspace_of(ctx)
    with Progress(
        TextColumn("[bold]learning[/] {task.description}"),
        console=output.stderr,
        transient=True,
        disable=as_json or not output.stderr.is_terminal,
    ) as progress:
        task = progress.add_task("", total=None)
        summary = learn(
            ws, on_progress=lambda step: progress.update(task, description=step)
        )
    if as_json:
        output.emit_json(summary.as_json())
        return
    output.say(
        f"learned {e(summary.version)} from {summary.texts:,} texts "
        f"({summary.sentiment_examples:,} with a sentiment label, "
        f"{summary.corrections:,} corrections) in {summary.seconds:.1f} s"
    )
    if summary.rules_accuracy is not None and summary.learned_accuracy is not None:
        rules, learned = 100 * summary.rules_accuracy, 100 * summary.learned_accuracy
        output.say(
            f"sentiment on {summary.holdout:,} held-out texts: rules {rules:.1f} %, "
            f"learned {learned:.1f} %"
        )
    if summary.themes_learned:
        output.say("themes learned: " + e(", ".join(summary.themes_learned)))
    output.say("run `belofte enrich` to analyse the stored texts with it")


def _aspect_labels(values: list[str]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for value in values:
        theme, sep, label = value.partition("=")
        if not sep or not theme or not label:
            raise InvalidInput(f"--aspect {value!r}: expected THEME=LABEL")
        labels[theme.strip()] = label.strip()
    return labels


@app.command()
def correct(
    ctx: typer.Context,
    verbatim: Annotated[int, typer.Argument(help="Id of a stored verbatim.")],
    sentiment: Annotated[
        str | None,
        typer.Option("--sentiment", help="positive, neutral, negative or mixed."),
    ] = None,
    aspect: Annotated[
        list[str] | None,
        typer.Option(
            "--aspect",
            help="THEME=LABEL (positive, neutral, negative, mixed, or absent: "
            "the theme is not in the text); repeatable.",
        ),
    ] = None,
    by: Annotated[
        str, typer.Option("--by", help="Who corrects (kept with it).")
    ] = "cli",
) -> None:
    """Correct a text's labels; the next `belofte text learn` uses them."""
    labels = _aspect_labels(aspect or [])
    correct_labels(
        workspace_of(ctx), verbatim, sentiment=sentiment, aspects=labels, by=by
    )
    count = (sentiment is not None) + len(labels)
    output.say(f"corrected verbatim {verbatim}: {count} label(s)")


@app.command("suggest-themes")
def suggest_themes_(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=1, max=200)] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Frequent phrases in texts no theme explains: candidates for the blueprint."""
    suggestions = suggest_themes(workspace_of(ctx), limit=limit)
    if as_json:
        output.emit_json(
            [
                {
                    "phrase": s.phrase,
                    "texts": s.texts,
                    "negative_share": s.negative_share,
                    "examples": list(s.examples),
                }
                for s in suggestions
            ]
        )
        return
    table = Table("phrase", "texts", "negative", "examples")
    for s in suggestions:
        share = "" if s.negative_share is None else f"{100 * s.negative_share:.0f} %"
        table.add_row(
            e(s.phrase), f"{s.texts:,}", share, ", ".join(map(str, s.examples))
        )
    output.show(table)
