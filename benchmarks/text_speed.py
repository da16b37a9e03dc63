"""Text pipeline speed: redact, language, sentiment, emotions, aspects.

Typical feedback: demo verbatims (Dutch and English, 1–3 aspects, some PII,
typos and emoji) mixed with real airline tweets when ../shared/data has them.
Runs in one process on one core (BLAS threads pinned to 1) and prints:

* batch throughput (texts/s) of ``Pipeline.enrich_many`` with the rules only
  and with learned models (fitted first on other demo texts), by the clock
  and per second of the process's own CPU time (the same on a quiet machine;
  on a shared one the clock also counts other processes' turns);
* one text at a time: p50 / p95 / p99 latency in milliseconds;
* peak memory (max RSS) of the process.

    python benchmarks/text_speed.py [--texts 20000]

Targets (issue 6): >= 2,000 texts/s in batch, < 5 ms per text, < 1 GB.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from importlib import resources  # noqa: E402
from pathlib import Path  # noqa: E402

from belofte.blueprint import parse_blueprint  # noqa: E402
from belofte.demo.verbatims import mixed_verbatims, sentiment_of  # noqa: E402
from belofte.text.learn import (  # noqa: E402
    CategoryExample,
    TextExample,
    TextModels,
    fit_categories,
    fit_sentiment,
)
from belofte.text.pipeline import Pipeline  # noqa: E402

TWEETS = (
    Path(__file__).resolve().parents[2]
    / "shared/data/twitter-us-airline-sentiment/Tweets.csv"
)


def demo_texts(n: int, seed: int) -> list[tuple[str, str, str, list[str]]]:
    """(text, language, sentiment truth, themes) of ``n`` demo verbatims."""
    return [
        (text, language, sentiment_of(aspects), [a.theme for a in aspects])
        for text, language, aspects in mixed_verbatims(n, seed)
    ]


def tweets(n: int) -> list[str]:
    if not TWEETS.is_file():
        return []
    with TWEETS.open(encoding="utf-8", newline="") as handle:
        return [
            row["text"]
            for _, row in zip(range(n), csv.DictReader(handle), strict=False)
        ]


def measure(pipeline: Pipeline, texts: list[str], label: str) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    pipeline.enrich_many(texts)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    latencies = []
    for text in texts[: min(len(texts), 5000)]:
        t0 = time.perf_counter()
        pipeline.enrich(text)
        latencies.append((time.perf_counter() - t0) * 1000)
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"{label:28} {len(texts) / seconds:9,.0f} texts/s "
        f"({len(texts) / cpu:,.0f} per CPU second)   "
        f"p50 {cuts[49]:.2f} ms  p95 {cuts[94]:.2f} ms  p99 {cuts[98]:.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=20_000)
    args = parser.parse_args()
    template = resources.files("belofte.blueprint") / "templates" / "retail-nl.yaml"
    blueprint = parse_blueprint(template.read_text(encoding="utf-8")).blueprint
    demo = demo_texts(args.texts, seed=1)
    texts = [t for t, *_ in demo]
    real = tweets(args.texts // 4)
    texts = texts[: args.texts - len(real)] + real
    random.Random(2).shuffle(texts)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(texts):,} texts ({len(real):,} tweets), {words:.1f} words on average")

    measure(Pipeline(blueprint), texts, "rules")

    training = demo_texts(5000, seed=3)
    started = time.perf_counter()
    models = TextModels(
        "bench",
        sentiment=fit_sentiment(
            [TextExample(t, s, lang) for t, lang, s, _ in training]
        ),
        categories=fit_categories(
            [CategoryExample(t, frozenset(th), lang) for t, lang, _, th in training]
        ),
    )
    print(
        f"fitted sentiment + themes on 5,000 texts in {time.perf_counter() - started:.1f} s"
    )
    measure(Pipeline(blueprint, models), texts, "rules + learned models")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
