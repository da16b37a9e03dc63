"""Tokens with their character offsets, normalised for lexicon lookups.

Every labeller works on the same tokens so that evidence spans point at the
exact characters of the (redacted) text: ``text[token.start:token.end]`` is
always the token as written. ``norm`` is the lookup form: lower case, accents
folded ("één" -> "een"), letters repeated three or more times collapsed to two
("heeeel" -> "heel", "sooo" -> "soo"), curly apostrophes made straight.

Clauses split a text at sentence ends and at contrast words ("maar", "but",
"however"): aspect sentiment is read within the clause an aspect sits in, and
the clause after a contrast word weighs more (see ``sentiment``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from operator import itemgetter
from typing import Final, NamedTuple, TypeVar

__all__ = [
    "CONTRAST_WORDS",
    "Clause",
    "Token",
    "TokenKind",
    "clauses",
    "fold",
    "per_tokens",
    "tokenize",
]

T = TypeVar("T")


class TokenKind(StrEnum):
    """What a token is."""

    WORD = "word"
    NUMBER = "number"
    EMOJI = "emoji"
    EMOTICON = "emoticon"
    PLACEHOLDER = "placeholder"  # [EMAIL], [NAME] (the redactor), <url>, @name
    PUNCT = "punct"


class Token(NamedTuple):
    """One token: ``text[start:end]`` as written, ``norm`` for lookups.

    A named tuple, not a dataclass: texts make millions of tokens and a tuple
    is built several times faster.
    """

    norm: str
    start: int
    end: int
    kind: TokenKind


@dataclass(frozen=True, slots=True)
class Clause:
    """Tokens ``tokens[first:last]`` of a text.

    ``after_contrast`` when a contrast word opened it ("..., maar de bezorging").
    """

    first: int
    last: int
    after_contrast: bool


#: Words that turn a sentence around; what follows them weighs more.
CONTRAST_WORDS: Final = frozenset(
    {
        # Dutch
        "maar",
        "echter",
        "alleen",
        "helaas",
        "toch",
        "desondanks",
        "daarentegen",
        "wel",  # kept out of splitting below: only a contrast after "niet ... wel"
        # English
        "but",
        "however",
        "although",
        "though",
        "yet",
        "unfortunately",
        "nevertheless",
        "except",
    }
)
# "wel" and "toch" are too common to split on; "alleen" often means "only".
_SPLITTING_CONTRAST: Final = CONTRAST_WORDS - {"wel", "toch", "alleen"}

_EMOTICON = (
    r"(?:[:;=8][\-o\*']?[\)\]\(\[dDpP/\\|@3]|<3"
    r"|[\)\]\(\[dDpP/\\|@][\-o\*']?[:;=8](?![\w]))"
)
_TOKEN: Final = re.compile(
    r"(?P<placeholder>\[[A-Z]{2,12}\])"
    rf"|(?P<emoticon>{_EMOTICON})"
    r"|(?P<number>\d+(?:[.,:/\-]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*)"
    r"|(?P<emoji>[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50](?:[\uFE0F\u200D]|[\U0001F3FB-\U0001F3FF])*)"
    r"|(?P<punct>[.!?;,…]+|[^\s\w])"
)
_KINDS: Final = {kind.value: kind for kind in TokenKind}
_REPEATS: Final = re.compile(r"(\w)\1{2,}")
_SENTENCE_END: Final = frozenset(".!?;…")


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case, accents removed, runs of 3+ equal letters cut to 2."""
    lowered = word.lower().replace("’", "'")
    if not lowered.isascii():
        decomposed = unicodedata.normalize("NFKD", lowered)
        lowered = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _REPEATS.sub(r"\1\1", lowered)


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` in order, whitespace dropped, web debris whole.

    A URL is one ``<url>`` placeholder (no ``:/`` emoticon or sentence end
    inside it), ``@name`` one mention placeholder, ``#word`` the word, and an
    HTML entity (``&amp;``) is dropped: every labeller and model reads the
    same tokens.
    """
    tokens: list[Token] = []
    add = tokens.append
    new = tuple.__new__  # a named tuple without its (Python) __new__
    kinds = _KINDS
    for match in _TOKEN.finditer(text):
        kind = kinds[match.lastgroup or "punct"]
        raw = match.group()
        if kind is TokenKind.WORD:
            norm = fold(raw)
        elif kind is TokenKind.EMOJI:
            norm = raw.replace("\ufe0f", "")
            if not norm:
                continue
        elif kind is TokenKind.PUNCT and raw[0] in _SENTENCE_END:
            norm = raw[0] if raw[0] != "…" else "."
        else:
            norm = raw
        start, end = match.span()
        add(new(Token, (norm, start, end, kind)))
    return _tidy(tokens)


_URL_STARTS: Final = frozenset({"http", "https", "ww"})  # "www" folds to "ww"
# the norms at which tidying starts (a URL, a mention, a hashtag, an entity)
_TIDY_NORMS: Final = frozenset({*_URL_STARTS, "@", "#", "amp", "quot", "gt", "lt"})
_norm_of: Final = itemgetter(0)  # Token.norm


def _tidy(tokens: list[Token]) -> list[Token]:
    """Tokens with URLs, @mentions, #hashtags and ``&amp;`` made whole.

    The expression reads ``http://t.co/x`` as a word, an emoticon (``:/``) and
    more; here it becomes one ``<url>`` placeholder. ``@united`` becomes one
    ``@united`` placeholder, ``#bestflight`` the word ``bestflight``.
    """
    if _TIDY_NORMS.isdisjoint(map(_norm_of, tokens)):
        return tokens  # nothing to make whole (most texts)
    out: list[Token] = []
    count = len(tokens)
    i = 0
    while i < count:
        token = tokens[i]
        kind = token.kind
        if kind is TokenKind.WORD and token.norm in _URL_STARTS:
            j, end = i + 1, token.end
            while j < count and tokens[j].start == end:
                end = tokens[j].end
                j += 1
            if j > i + 1:
                out.append(Token("<url>", token.start, end, TokenKind.PLACEHOLDER))
                i = j
                continue
        elif kind is TokenKind.PUNCT and token.norm in ("@", "#") and i + 1 < count:
            word = tokens[i + 1]
            if word.start == token.end and word.kind is TokenKind.WORD:
                if token.norm == "@":
                    norm, new_kind = "@" + word.norm, TokenKind.PLACEHOLDER
                else:
                    norm, new_kind = word.norm, TokenKind.WORD
                out.append(Token(norm, token.start, word.end, new_kind))
                i += 2
                continue
        elif (
            kind is TokenKind.WORD
            and token.norm in ("amp", "quot", "gt", "lt")
            and i
            and tokens[i - 1].norm == "&"
            and tokens[i - 1].end == token.start
        ):
            out.pop()  # the "&" of an HTML entity
            i += 2 if i + 1 < count and tokens[i + 1].norm == ";" else 1
            continue
        out.append(token)
        i += 1
    return out


def clauses(tokens: Sequence[Token]) -> list[Clause]:
    """Split at sentence ends and before contrast words; never empty clauses.

    The rules, the features and the aspects each ask for the clauses of the
    same token list: the answer is kept (read-only, like the tokens).
    """
    return per_tokens(_CLAUSES, tokens, _clauses)


#: token lists whose answers a memo keeps: the pipeline reads a batch (1,024
#: texts) step by step, so each step asks again for every text of the batch
_RECENT: Final = 4096

_CLAUSES: dict[int, tuple[Sequence[Token], int, list[Clause]]] = {}


def per_tokens(
    memo: dict[int, tuple[Sequence[Token], int, T]],
    tokens: Sequence[Token],
    compute: Callable[[Sequence[Token]], T],
) -> T:
    """``compute(tokens)``, remembered for up to ``_RECENT`` token lists.

    A full memo is emptied at once, not one entry at a time: a batch needs
    only its own texts' answers, and clearing is cheaper than tracking age.

    By identity: a token list is not changed once made (its length guards
    against one grown since), and the memo holds it, so its id is not reused.
    """
    known = memo.get(id(tokens))
    if known is not None and known[0] is tokens and known[1] == len(tokens):
        return known[2]
    found = compute(tokens)
    if len(memo) >= _RECENT:
        memo.clear()
    memo[id(tokens)] = (tokens, len(tokens), found)
    return found


def _clauses(tokens: Sequence[Token]) -> list[Clause]:
    found: list[Clause] = []
    first = 0
    after_contrast = False
    for index, token in enumerate(tokens):
        ends_sentence = token.kind is TokenKind.PUNCT and token.norm in _SENTENCE_END
        if ends_sentence:
            if index + 1 > first:
                found.append(Clause(first, index + 1, after_contrast))
            first, after_contrast = index + 1, False
        elif token.kind is TokenKind.WORD and token.norm in _SPLITTING_CONTRAST:
            if index > first:
                found.append(Clause(first, index, after_contrast))
            first, after_contrast = index, True
    if first < len(tokens):
        found.append(Clause(first, len(tokens), after_contrast))
    return found
