"""Make belofte's word-sense lexicon (``wordnet_en.tsv``) from WordNet 3.0.

The category model reads which kind of thing a word names (food, a drink, a
person, a place, money) as extra features, so a word the labelled
examples never showed ("tiramisu", "sommelier", "courier") still points at a
category. WordNet 3.0 (Princeton University, a permissive licence kept in the
file's header) sorts every noun and verb sense into one of 45 lexicographer
files ("supersenses": ``noun.food``, ``noun.person``) and links it to broader
senses (hypernyms). For each English word (and two-word name, "ice cream")
this keeps:

* its share of senses in four supersenses (``noun.food``, ``noun.person``,
  ``noun.possession``, ``noun.location``) among all its senses, nouns',
  verbs', adjectives' and adverbs' ("great" is mostly an adjective, not a
  person): a sense weighs the times it was tagged in WordNet's corpus
  (``cntlist.rev``) plus ``1 / i`` for the ``i``-th sense of its part of
  speech, so words never tagged ("tiramisu") still rank by sense order;
* the same for a few broader classes found up its hypernym chains
  (``h.food``, ``h.beverage``, ``h.worker``, ``h.cost``, ...; the anchors
  are listed in ``ANCHORS``).

Only the classes in ``KEEP`` (the others cost F1 on cross-validation), and
only shares of 0.1 or more; words with none are left out. Irregular forms
("geese", "women") get their lemma's entry; regular plurals are found when
reading (``lexicons.senses``).

    apt-get install wordnet-base        # Debian: /usr/share/wordnet
    python benchmarks/text_wordnet.py [/usr/share/wordnet]

Nothing is downloaded at run time: belofte reads the file it ships.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "belofte" / "text" / "lexicons"

#: lexicographer file numbers (WordNet's lexnames) of nouns and verbs
LEXNAMES = {
    3: "noun.tops",
    4: "noun.act",
    5: "noun.animal",
    6: "noun.artifact",
    7: "noun.attribute",
    8: "noun.body",
    9: "noun.cognition",
    10: "noun.communication",
    11: "noun.event",
    12: "noun.feeling",
    13: "noun.food",
    14: "noun.group",
    15: "noun.location",
    16: "noun.motive",
    17: "noun.object",
    18: "noun.person",
    19: "noun.phenomenon",
    20: "noun.plant",
    21: "noun.possession",
    22: "noun.process",
    23: "noun.quantity",
    24: "noun.relation",
    25: "noun.shape",
    26: "noun.state",
    27: "noun.substance",
    28: "noun.time",
    29: "verb.body",
    30: "verb.change",
    31: "verb.cognition",
    32: "verb.communication",
    33: "verb.competition",
    34: "verb.consumption",
    35: "verb.contact",
    36: "verb.creation",
    37: "verb.emotion",
    38: "verb.motion",
    39: "verb.perception",
    40: "verb.possession",
    41: "verb.social",
    42: "verb.stative",
    43: "verb.weather",
}

#: broader classes: (class, noun lemma, sense number) of the synset whose
#: hyponyms belong to it
ANCHORS = (
    ("h.food", "food", 1),  # food, nutrient
    ("h.dish", "dish", 2),  # a particular item of prepared food
    ("h.meal", "meal", 1),
    ("h.beverage", "beverage", 1),
    ("h.alcohol", "alcohol", 1),  # alcoholic beverage
    ("h.worker", "worker", 1),
    ("h.building", "building", 1),
    ("h.room", "room", 1),
    ("h.furniture", "furniture", 1),
    ("h.decoration", "decoration", 1),
    ("h.music", "music", 1),
    ("h.money", "money", 1),
    ("h.cost", "cost", 1),  # price, charge, fee
)

#: the classes kept: what a product, the people, the place and the money are
#: (every supersense, verbs' too, and broader classes for delivery, vehicles,
#: containers, devices, services and time cost the category model 0.4-1.2 F1
#: on cross-validation)
KEEP = frozenset(
    {
        *(name for name, _, _ in ANCHORS),
        "noun.food",
        "noun.person",
        "noun.possession",
        "noun.location",
    }
)

HEADER = (
    "WordNet 3.0 word senses: a few supersenses and broader classes per word.",
    "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.",
    "Permission to use, copy, modify and distribute this software and database",
    "and its documentation for any purpose and without fee or royalty is hereby",
    "granted, provided that you agree to comply with the following copyright",
    "notice and statements, including the disclaimer, and that the same appear",
    "on ALL copies of the software, database and documentation, including",
    "modifications that you make for internal use or for distribution.",
    "THIS SOFTWARE AND DATABASE IS PROVIDED 'AS IS' AND PRINCETON UNIVERSITY",
    "MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF",
    "EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS",
    "OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR",
    "THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT",
    "INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.",
    "The name of Princeton University or Princeton may not be used in advertising",
    "or publicity pertaining to distribution of the software and/or database.",
    "Title to copyright in this software, database and any associated",
    "documentation shall at all times remain with Princeton University and",
    "LICENSEE agrees to preserve same.",
    "Fellbaum, C. (1998). WordNet: An Electronic Lexical Database. MIT Press.",
    "Converted by benchmarks/text_wordnet.py from Debian's wordnet-base",
    "(1:3.0): word (lower case, '_' as a space), then class:weight pairs.",
)

_MIN_WEIGHT = 0.1


def _synsets(path: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Offset -> lexicographer file, offset -> hypernym offsets."""
    lexfile: dict[str, int] = {}
    hypernyms: dict[str, list[str]] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):  # the licence
            continue
        parts = line.split(" | ")[0].split()
        offset = parts[0]
        lexfile[offset] = int(parts[1])
        words = int(parts[3], 16)
        at = 4 + 2 * words
        pointers = int(parts[at])
        ups = []
        for p in range(pointers):
            symbol, target = parts[at + 1 + 4 * p], parts[at + 2 + 4 * p]
            if symbol in ("@", "@i"):
                ups.append(target)
        hypernyms[offset] = ups
    return lexfile, hypernyms


def _index(path: Path) -> dict[str, list[str]]:
    """Lemma -> its synset offsets, most frequent sense first."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        senses = int(parts[2])
        out[parts[0]] = parts[-senses:]
    return out


def _tag_counts(path: Path) -> dict[tuple[str, str, int], int]:
    """(lemma, pos, sense number) -> times tagged in WordNet's corpus."""
    pos = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
    out: dict[tuple[str, str, int], int] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        key, number, count = line.split()
        lemma, _, rest = key.partition("%")
        out[(lemma, pos[rest[0]], int(number))] = int(count)
    return out


def _ancestors(offset: str, hypernyms: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    todo = [offset]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        todo.extend(hypernyms.get(node, ()))
    return seen


def build(folder: Path) -> dict[str, dict[str, float]]:
    """Word -> class -> weight."""
    noun_files, noun_ups = _synsets(folder / "data.noun")
    verb_files, _ = _synsets(folder / "data.verb")
    nouns, verbs = _index(folder / "index.noun"), _index(folder / "index.verb")
    others = [_index(folder / "index.adj"), _index(folder / "index.adv")]
    tagged = _tag_counts(folder / "cntlist.rev")
    anchors = {nouns[lemma][sense - 1]: name for name, lemma, sense in ANCHORS}

    def weight(lemma: str, pos: str, rank: int) -> float:
        return tagged.get((lemma, pos, rank), 0) + 1.0 / rank

    table: dict[str, dict[str, float]] = {}
    for lemma in sorted(set(nouns) | set(verbs)):
        parts = lemma.split("_")
        if len(parts) > 2 or not all(
            len(p) > 1 and p.isalpha() and p.isascii() for p in parts
        ):  # not "a" (vitamin A) nor "a horizon"
            continue
        weights: dict[str, float] = defaultdict(float)
        for rank, offset in enumerate(nouns.get(lemma, ()), 1):
            weights[LEXNAMES[noun_files[offset]]] += weight(lemma, "n", rank)
            for up in _ancestors(offset, noun_ups) & anchors.keys():
                weights[anchors[up]] += weight(lemma, "n", rank)
        for rank, offset in enumerate(verbs.get(lemma, ()), 1):
            weights[LEXNAMES[verb_files[offset]]] += weight(lemma, "v", rank)
        # shares of all the word's senses, verbs' and adjectives' too: "wait"
        # is mostly a verb, "great" an adjective (not a person)
        rest = sum(
            weight(lemma, pos, rank)
            for pos, index in zip("ar", others, strict=True)
            for rank in range(1, len(index.get(lemma, ())) + 1)
        )
        total = rest + sum(
            w for name, w in weights.items() if not name.startswith("h.")
        )
        table[lemma.replace("_", " ")] = {
            name: round(w / total, 2)
            for name, w in weights.items()
            if name in KEEP and w / total >= _MIN_WEIGHT
        }
    for name in ("noun.exc", "verb.exc"):  # "geese" -> "goose", "ate" -> "eat"
        for line in (folder / name).read_text(encoding="latin-1").splitlines():
            form, lemma = line.split()[:2]
            if form.isalpha() and lemma in table:  # the inflection wins
                table[form] = table[lemma]
    return {word: classes for word, classes in table.items() if classes}


def write(table: dict[str, dict[str, float]]) -> None:
    lines = [f"# {line}" for line in HEADER]
    lines += [
        word + "\t" + " ".join(f"{name}:{w:g}" for name, w in sorted(classes.items()))
        for word, classes in sorted(table.items())
    ]
    path = OUT / "wordnet_en.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wordnet_en.tsv: {len(table):,} words, {path.stat().st_size:,} bytes")


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    write(build(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
