"""PII redaction for customer text: every personal detail becomes ``[KIND]``.

Pure and offline (stdlib ``re``, checksums and a shipped first-name list), and
always the first text step, so no later step or log ever sees the raw details.
Each detector proposes spans in the original text; overlapping spans are settled
longest first, and each kept span is replaced by its placeholder, e.g.
``[EMAIL]``. Everything outside the spans stays byte for byte, and placeholders
are never redacted again, so redacting twice changes nothing.

>>> redact_pii("Bel me op 06-12345678 of mail anna@example.nl").text
'Bel me op [PHONE] of mail [EMAIL]'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from enum import StrEnum

from belofte.text.lexicons.first_names import (
    AMBIGUOUS_FIRST_NAMES,
    FIRST_NAMES,
    NAME_EXCEPTIONS,
    NAME_TRIGGERS,
    NOT_SURNAMES,
)

__all__ = ["PiiKind", "Redacted", "Redaction", "redact_pii"]


class PiiKind(StrEnum):
    """A kind of personal data; its value is the placeholder's name."""

    EMAIL = "EMAIL"
    PHONE = "PHONE"
    IBAN = "IBAN"
    BSN = "BSN"
    POSTCODE = "POSTCODE"
    ADDRESS = "ADDRESS"
    NAME = "NAME"
    URL = "URL"


@dataclass(frozen=True, slots=True)
class Redaction:
    """One replaced span, as ``text[start:end]`` of the original text."""

    kind: PiiKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Redacted:
    """The redacted text and what was replaced, sorted by start."""

    text: str
    redactions: tuple[Redaction, ...]


# Equal-length overlaps go to the more specific kind (a checksum beats a shape).
_TIE_ORDER = ("EMAIL", "URL", "IBAN", "BSN", "PHONE", "ADDRESS", "POSTCODE", "NAME")
_PRIORITY = {PiiKind(kind): rank for rank, kind in enumerate(_TIE_ORDER)}

_U = "A-ZÀ-ÖØ-Þ"  # upper-case letters, Latin-1 accents included
_L = r"[^\W\d_]"  # any letter
_CAP = rf"[{_U}]{_L}*(?:['’][{_U}]{_L}+)?(?:-{_L}+)*"  # Anna, Jan-Willem, O'Brien
_TV = (  # Dutch tussenvoegsels (and a few foreign particles), longest first
    r"(?:[vV]an(?:[ ](?:de[nr]?|'t|het))?|[dD]e[nr]?|[tT]e[nr]?|'t"
    r"|[iI]n[ ](?:'t|de[nr]?)|[oO]p[ ](?:'t|de[nr]?)|[uU]it[ ](?:'t|de[nr]?)"
    r"|[vV]on|[dD]i|[dD]a|[dD]os|[dD]u|[lL]e|[lL]a|[eE]l|[aA]l)"
)

_PLACEHOLDER_RE = re.compile(r"\[(?:" + "|".join(PiiKind) + r")\]")
_DIGIT_RE = re.compile(r"\d")
_EMAIL_RE = re.compile(
    r"(?<![\w.+%-])[\w.+%-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w-])"
)
_URL_RE = re.compile(r"(?<![\w@.])(?:https?://|www\.)[^\s<>\"'`{}|\\^\[\]]+", re.I)
_IBAN_RE = re.compile(
    r"(?<!\w)[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?(?!\w)"
)
_IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20,
                 "ES": 24, "IT": 27, "AT": 20, "CH": 21, "IE": 22, "PT": 25,
                 "DK": 18, "SE": 24, "NO": 15, "FI": 18, "PL": 28}  # fmt: skip
# Patterns start with their first character and look behind it afterwards: re
# then scans for that character in C instead of trying a look-behind everywhere.
_BSN_RE = re.compile(
    r"\d(?<!\w\d)(?<!\d[.,-]\d)(?:\d{3}([. ])\d{2}\1\d{3}|\d{2}([. ])\d{3}\2\d{3}"
    r"|\d{8})(?!\w)(?![.,-]\d)"
)
# Nine digits after an order, invoice or customer number's label are that number
# even when they pass the 11-proof ("bestelnummer 440659280"), as are "#..." ones.
_NUMBER_LABEL_RE = re.compile(
    r"(?:(?<![^\W\d_])(?:bestel|order|factuur|invoice|klant|customer|dossier|referen"
    r"|ref|ticket|case|zaak|contract|account|pakket|parcel|zending|shipment|tracking"
    r"|artikel|article|product|polis|policy|abonnement|lid|member|transactie"
    r"|transaction|kenmerk|betalingskenmerk|meter|ean|serie|serial|retour|return|rma"
    r"|bon|receipt|levering|delivery)[^\W\d_]*\.?"
    r"(?:[ ](?:nummer|nr\.?|number|no\.?|id))?[ ]?:?[ ]?(?:(?:is|was)[ ])?|#[ ]?)$"
)
# A phone candidate is digit groups joined by single separators; which groups
# form a number is decided in code (_valid_phone), not by the regex.
_PHONE_RE = re.compile(
    r"[+(\d](?<![\w+].)(?<!\d[.,/–-].)"  # the first character, then what precedes it
    r"(?:(?<=\+)[ ]?(?:\(\d{1,4}\)|\d+)|(?<=\()\+?\d{1,4}\)|(?<=\d)\d*)"
    r"(?:(?:[ ]?\(0\)[ ]?|[ ]?[-./–][ ]?|[ ])(?:\(\d{1,4}\)|\d+))*(?!\w)"
)  # "–": word processors turn the hyphen in 06-12345678 into a dash
_REFERENCE_RE = re.compile(r"\d{4}(?:[ .-]\d{4}){3,}")
_PHONE_GROUP_RE = re.compile(r"\(0\)|\(\+?\d{1,4}\)|\d+")
_DATE_RE = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2,4}(?!\d)")
_UNITS = (
    r"(?![ ]?(?:%|‰|°|€|(?:x|keer|stuks?|min(?:uten|utes?)?|uur|sec|km|m|meter|cm"
    r"|mm|kg|g|gram|euro|eur|jaar|jaren|dagen|dag|weken|week|maanden|maand"
    r"|procent|percent|times|hours?|days?|weeks?|months?|years?|miles?|pcs"
    r"|items?|sterren|stars?)\b))"
)
_HOUSE_NR = (
    r"[1-9]\d{0,4}(?:[ ]?-[ ]?[1-9]\d{0,3}|-?[A-Za-z](?!\w))?"
    r"(?:[ -](?:bis|hs|bg|huis|boven)(?!\w))?(?!\w)(?![.,:]\d)" + _UNITS
)
_PC = r"[1-9]\d{3}[ ]?(?![sS][aAdDsS])[A-Za-z]{2}(?!\w)"
_CITY = (
    rf"(?:'s-|'s[ ]|[dD]en[ ]|[dD]e[ ])?[{_U}]{_L}*(?:-{_L}+)*"
    rf"(?:[ ](?:aan|op|in|bij)(?:[ ]de[nr]?)?[ ][{_U}]{_L}*)?"
)
_STREET_SUFFIXES = ("straat", "laan", "weg", "plein", "gracht", "kade", "singel",
                    "dijk", "pad", "steeg", "hof", "dreef", "park", "markt", "baan",
                    "plantsoen", "boulevard", "haven", "wal", "allee", "kanaal",
                    "burgwal", "vaart")  # fmt: skip
_STREET_ALONE = ("Markt", "Plein", "Brink", "Singel", "Kade", "Dam", "Dreef")
_STREET_ADJECTIVES = ("Lange", "Korte", "Oude", "Nieuwe", "Hoge", "Lage", "Grote",
                      "Kleine", "Achter", "Binnen", "Buiten", "Noorder", "Zuider",
                      "Ooster", "Wester", "Eerste", "Tweede", "Derde")  # fmt: skip
_STREET_SUFFIX = "|".join(_STREET_SUFFIXES)
_CAPW = rf"[{_U}]{_L}*(?:-{_L}+)*"
_PARTICLE = "(?:van|de|der|den|het|'t|aan|op|in|ter|ten|te|bij)"
_ADDRESS_NL_RE = re.compile(
    rf"""(?<![\w'’])
    (?:(?:{_CAPW}\.?[ ](?:{_PARTICLE}[ ])*){{0,3}}
       (?:{_CAPW}(?:{_STREET_SUFFIX})|{"|".join(_STREET_ALONE)})
     | (?:{"|".join(_STREET_ADJECTIVES)})[ ]{_CAPW}
     | [a-z]{_L}{{2,}}(?:straat|laan|gracht|singel|dreef|plantsoen|steeg|kade))
    [ ](?:nr\.?[ ]?)?{_HOUSE_NR}
    (?:(?:,[ ]*|[ ]*\n[ ]*|[ ]+){_PC}(?:[ ]+{_CITY})?)?""",
    re.X,
)
_ADDRESS_EN_RE = re.compile(
    rf"[1-9](?<!\w[1-9])\d{{0,4}}[A-Za-z]?[ ](?:{_CAPW}(?:['’]s)?[ ]){{1,3}}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Close"
    r"|Court|Ct|Place|Pl|Square|Sq|Crescent|Terrace|Gardens|Grove|Row|Mews|Walk"
    r"|Parade|Hill)(?!\w)"
)
_POSTCODE_RE = re.compile(
    r"[1-9](?<![\w.,:€$£/-][1-9])\d{3}(?P<sp>[ ]?)(?P<let>[A-Za-z]{2})(?!\w)"
    rf"(?P<nr>,?[ ](?:nr\.?[ ]?)?{_HOUSE_NR})?"
)
# Two-letter words and units that follow numbers ("2026 en", "1000 GB").
_PAIRS = """SA SD SS EN IN OP OF IS OM TE DE IK JE WE ZE NA AL NU ZO ER JA AN AS AT BE
BY DO GO HE IF IT ME MY NO ON OR SO TO UP US AM PM KM KG CM MM ML GB MB TB KB KW PK
HZ EU NL UK FR PC TV CD HD OK XL BV NV ST ND RD TH"""
_NOT_POSTCODE_LETTERS = frozenset(_PAIRS.split())
# PostNL uses no F, I, O, Q, U or Y in a postcode's letters, nor SA, SD or SS.
_POSTCODE_LETTERS = frozenset("ABCDEGHJKLMNPRSTVWXZ")
# Words that follow numbers, years above all ("2026 en", "2019 tm 2023").
_PC_WORDS_TEXT = "EN TE DE TM JE WE ZE NA AL ER JA AN AS AT BE HE ME"
_PC_WORDS = frozenset(_PC_WORDS_TEXT.split())
# Units and unit-like abbreviations that follow numbers ("1000 GB", "2000 mg").
_PC_UNITS_TEXT = """GB MB TB KB KM KG CM MM ML KW PK HZ MG MS PX LM KR CT CL DL GR HP
AH KJ NM MW GW KV PM AM PP HA"""
_PC_UNITS = frozenset(_PC_UNITS_TEXT.split())
# Capitalised words follow these in product names ("1000 GB Opslag"), not a city.
_DATA_UNITS = frozenset(("GB", "MB", "TB", "KB", "KM", "KG"))
# Lower case, these follow numbers too ("2020 kk", "1999 ca", "2024 vd").
_LOWER_PAIRS = """JL MR WC BH CA VB MN DR ZN WK KK VD VH DM RT GG LP EP NR JR AA EX LA
LE PA RE KE GA VS"""
_NOT_POSTCODE_LOWER = _PC_WORDS | _PC_UNITS | frozenset(_LOWER_PAIRS.split())
# "postcode 1234 ab", "Postcode/huisnummer: 1234 EN 5": the label settles it.
_POSTCODE_LABEL_RE = re.compile(
    r"(?:post(?:al)?[ -]?code|zip(?:[ -]?code)?|(?<!\w)pc)(?!\w)[^\d\n]{0,20}$"
)
# "bezorgen in 1933 XL", "deliver to 2873 HD": a place, not a size or a screen.
_PLACE_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:in|naar|to|near|uit|from|rond|around)[ ]$"
)
# Words about where someone lives or gets deliveries, near an ambiguous postcode.
_PLACE_CUE_RE = re.compile(
    r"bezorg|deliver|woon|wonen|verhuis|moved|address|adres|gebied|area|regio|wijk"
)
# A house number of at most three digits: "5705 aa 20", not "1999 ca 2000".
_SHORT_NR_RE = re.compile(r",?[ ](?:nr\.?[ ]?)?[1-9]\d{0,2}(?!\d)")
_CITY_AFTER_RE = re.compile(rf"[ ]{{1,2}}(?:'s[- ])?[{_U}][a-zà-ÿ]")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)[^\w\n]*$")
_WORD_AFTER_RE = re.compile(r"[^\w\n]*([^\W\d_]+)")

_CAP_WORD_RE = re.compile(rf"[{_U}](?<![\w'’-][{_U}]){_CAP[len(_U) + 2 :]}(?!\w)")
# Cheap tests that let most texts skip the costlier patterns.
_IBAN_HINT_RE = re.compile(r"\d(?<=[A-Za-z]{2}\d)\d")
_LONG_NUMBER_HINT_RE = re.compile(r"\d[-\d .()/–]{6,}\d")
_HOUSE_NR_HINT_RE = re.compile(r"[1-9](?<=[\w.][ ][1-9])")
_WORD_START_RE = re.compile(r"(?<![\w'’.-])[^\W\d_]")
_SURNAME_RE = re.compile(rf"[ ](?:{_TV}[ ])?({_CAP})(?!\w)")
_NAME_HEAD_RE = re.compile(rf"((?:[A-Z]\.[ ]?){{1,4}})?({_TV}[ ])?({_CAP})(?!\w)")
# A street name ends a name ("Johan de Wittlaan"); "Van Dijk" and "Ter Laan" do not.
_STREET_WORD_RE = re.compile(
    r"\w(?:straat|laan|weg|plein|gracht|kade|singel|steeg|dreef|plantsoen"
    r"|boulevard|street|road|avenue|lane)$",
    re.I,
)
_MONTH_BEFORE_RE = re.compile(r"\d[ ]$")  # "5 Jan", "Jan 2026": January, not Jan
_MONTH_AFTER_RE = re.compile(r"[ ]\d")
_MONTH_START_RE = re.compile(
    r"(?:Jan|Feb|Mar|Mrt|Apr|Mei|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dec)[a-z]*\.?[ ]"
)
_POSTCODE_DIGITS_BEFORE_RE = re.compile(r"(?<!\d)[1-9]\d{3}[ ]?$")
_SAINT_RE = re.compile(r"\b(?:San|Santa|Santo|São|Saint|St\.?|Sint|Sankt)[ -]$")


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, grouped by first letter.

    re then rejects most positions after one comparison instead of one per word,
    which halves the time of the trigger search.
    """
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (-len(w), w)):  # longest first
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(k)}(?:{'|'.join(v)})" for k, v in by_first.items())


_TRIGGER = rf"\b({_alternation(list(NAME_TRIGGERS))})(\.)?[!,]?\s+"
# Matched against the lower-cased text: much faster than re.IGNORECASE.
_TRIGGER_RE = re.compile(_TRIGGER)
_TRIGGER_ANY_CASE_RE = re.compile(_TRIGGER, re.I)

_Span = tuple[int, int, PiiKind]


def redact_pii(text: str) -> Redacted:
    """Replace the personal data in ``text`` by ``[KIND]`` placeholders.

    E-mail addresses, phone numbers, IBANs, BSNs, postcodes, addresses, person
    names and URLs; only checksum-valid IBANs and BSNs count.

    Spans that overlap are settled in favour of the longer one, so no placeholder
    is ever nested; ``redactions`` uses offsets into the original text.

    >>> redact_pii("Dhr. J. de Vries, NL91ABNA0417164300").text
    'Dhr. [NAME], [IBAN]'
    """
    found = _detect(text)
    redacted, placed = _apply(text, found)
    # A placeholder changes its neighbours' context ("00 Jan" is a date, "[IBAN]
    # Jan" a name), so detection repeats on the output until it finds nothing:
    # then redacting the result again changes nothing. New spans never overlap a
    # placeholder, so they map back to the original text by a plain shift.
    while found and (more := _detect(redacted)):
        found = sorted(found + [_unshift(span, placed) for span in more])
        redacted, placed = _apply(text, found)
    return Redacted(
        redacted, tuple(Redaction(k, start, end) for start, end, k in found)
    )


def _detect(text: str) -> list[_Span]:
    """All detectors' spans, overlaps resolved, sorted by start."""
    spans: list[_Span] = []
    lowered = text.lower()
    if "@" in text:
        spans += [(m.start(), m.end(), PiiKind.EMAIL) for m in _EMAIL_RE.finditer(text)]
    if "www." in lowered or "http" in lowered:
        spans += _urls(text)
    # Invalid IBAN-shaped strings are kept as they are: nothing inside them is a
    # phone or a BSN, so they are protected like the placeholders.
    protected = (
        [m.span() for m in _PLACEHOLDER_RE.finditer(text)] if "[" in text else []
    )
    if _DIGIT_RE.search(text):
        if _IBAN_HINT_RE.search(text):
            spans += _ibans(text, protected)
        if _LONG_NUMBER_HINT_RE.search(text):  # phones and BSNs have 8+ digits
            spans += _bsns(text)
            spans += _phones(text)
        spans += _postcodes(text)
        spans += _addresses_nl(text)
        spans += [(*m.span(), PiiKind.ADDRESS) for m in _ADDRESS_EN_RE.finditer(text)]
    spans += _names(text, lowered)
    return _resolve(spans, protected) if spans else spans


def _apply(text: str, spans: list[_Span]) -> tuple[str, list[tuple[int, int]]]:
    """The text with placeholders, and each placeholder's end and offset shift."""
    pieces: list[str] = []
    placed: list[tuple[int, int]] = []
    position = shift = 0
    for start, end, kind in spans:
        placeholder = f"[{kind}]"
        pieces += (text[position:start], placeholder)
        shift += len(placeholder) - (end - start)
        placed.append((end + shift, shift))
        position = end
    pieces.append(text[position:])
    return "".join(pieces), placed


def _unshift(span: _Span, placed: list[tuple[int, int]]) -> _Span:
    """A span in the redacted text as a span in the original text."""
    index = bisect.bisect_left(placed, (span[0] + 1,)) - 1  # last end <= start
    shift = placed[index][1] if index >= 0 else 0
    return (span[0] - shift, span[1] - shift, span[2])


def _addresses_nl(text: str) -> list[_Span]:
    """Dutch street addresses, found from their house numbers backwards.

    The full pattern is costly when tried at every word, so it is only tried,
    anchored, at the few words before a number that follows a street-like word.
    """
    spans: list[_Span] = []
    for number in _HOUSE_NR_HINT_RE.finditer(text):
        low = max(0, number.start() - 80)
        words = text[low : number.start()].split()
        if words and words[-1].rstrip(".").lower() == "nr":
            words.pop()
        if not words or not (
            words[-1].lower().endswith(_STREET_SUFFIXES)
            or words[-1] in _STREET_ALONE
            or (len(words) > 1 and words[-2] in _STREET_ADJECTIVES)
        ):
            continue
        starts = [w.start() for w in _WORD_START_RE.finditer(text, low, number.start())]
        for start in starts[-6:]:  # up to three words and particles before the street
            if _MONTH_START_RE.match(text, start) and _MONTH_BEFORE_RE.search(
                text, max(0, start - 2), start
            ):
                continue  # "op 4 Apr op Schoolstraat 2": the date is no street
            m = _ADDRESS_NL_RE.match(text, start)
            if m and m.end() > number.start():
                spans.append((start, m.end(), PiiKind.ADDRESS))
                break
    return spans


def _resolve(spans: list[_Span], protected: list[tuple[int, int]]) -> list[_Span]:
    """Keep the longest spans that overlap nothing kept before, sorted by start."""
    # Kept spans never overlap, so only the last one starting before a span's end
    # can overlap it: a bisection instead of a scan keeps many spans linear.
    taken = sorted(protected)
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], _PRIORITY[s[2]], s[0])):
        start, end, _ = span
        index = bisect.bisect_left(taken, (end,))
        if index == 0 or taken[index - 1][1] <= start:
            taken.insert(index, (start, end))
            kept.append(span)
    return sorted(kept)


def _urls(text: str) -> list[_Span]:
    """Links; trailing punctuation belongs to the sentence, not the link."""
    spans: list[_Span] = []
    for m in _URL_RE.finditer(text):
        url = m.group()
        while url and url[-1] in ".,;:!?)'\"’”»":
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        rest = url.split("//", 1)[1] if "//" in url[:8] else url[4:]
        if rest[:1].isalnum():
            spans.append((m.start(), m.start() + len(url), PiiKind.URL))
    return spans


def _ibans(text: str, protected: list[tuple[int, int]]) -> list[_Span]:
    """IBANs with a valid mod-97 checksum; the longest valid group prefix wins."""
    spans: list[_Span] = []
    for m in _IBAN_RE.finditer(text):
        value = m.group()
        ends = [i for i, char in enumerate(value) if char == " "] + [len(value)]
        for end in reversed(ends):
            if _iban_ok(value[:end].replace(" ", "").upper()):
                spans.append((m.start(), m.start() + end, PiiKind.IBAN))
                break
        else:
            if any(char.isdigit() for char in value[4:]):
                protected.append(m.span())
    return spans


def _iban_ok(iban: str) -> bool:
    """ISO 13616: the rearranged IBAN, letters as 10..35, is 1 modulo 97."""
    if len(iban) != _IBAN_LENGTHS.get(iban[:2], len(iban)) or len(iban) < 15:
        return False
    if iban[:2] == "RF":
        return False  # an ISO 11649 payment reference: the same check, no account
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


def _bsns(text: str) -> list[_Span]:
    """Burgerservicenummers: nine digits that pass the 11-proof."""
    spans: list[_Span] = []
    for m in _BSN_RE.finditer(text):
        digits = [int(char) for char in m.group() if char.isdigit()]
        total = sum(
            d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True)
        )
        if (
            total % 11 == 0
            and any(digits)
            and not _NUMBER_LABEL_RE.search(
                text[max(0, m.start() - 30) : m.start()].lower()
            )
        ):
            spans.append((*m.span(), PiiKind.BSN))
    return spans


def _phones(text: str) -> list[_Span]:
    """Phone numbers: within each candidate, the leftmost-longest valid groups."""
    spans: list[_Span] = []
    for m in _PHONE_RE.finditer(text):
        if m.end() - m.start() < 8:  # years, prices, times, counts
            continue
        if _REFERENCE_RE.fullmatch(m.group()):
            continue  # "0049 2834 4630 9544": a payment reference or card number
        plus = m.group().startswith(("+", "(+"))  # "(+31) 6 ...": a country code
        groups = [
            (g.start(), g.end(), g.group().strip("(+)"), g.group().startswith("("))
            for g in _PHONE_GROUP_RE.finditer(text, m.start(), m.end())
            if g.group() != "(0)"  # the trunk prefix in +31 (0)6...: no digits
        ]
        counts = [0]  # digits before each group, to skip short windows cheaply
        for group in groups:
            counts.append(counts[-1] + len(group[2]))
        i = 0
        while i < len(groups):
            for j in range(min(len(groups), i + 7), i, -1):
                if 8 <= counts[j] - counts[i] <= 15 and _valid_phone(
                    text, groups[i:j], plus and i == 0
                ):
                    start = m.start() if plus and i == 0 else groups[i][0]
                    spans.append((start, groups[j - 1][1], PiiKind.PHONE))
                    i = j
                    break
            else:
                i += 1
    return spans


def _valid_phone(
    text: str, groups: list[tuple[int, int, str, bool]], plus: bool
) -> bool:
    """Whether these digit groups are one Dutch, international or US number."""
    digits = "".join(g[2] for g in groups)
    first = groups[0][2]
    if plus or first.startswith("00"):  # +44 20 ..., 0031 6 ...
        number = digits if plus else digits[2:]
        if not number or number[0] == "0":
            return False
        if number.startswith("310"):  # "+31 020 ...": the trunk 0 kept by mistake
            number = "31" + number[3:]
        if number.startswith("31"):  # Dutch: country code plus nine digits
            return len(number) == 11 and number[2] != "0"
        return 9 <= len(number) <= 15
    if digits[0] == "0":
        if _DATE_RE.match(text, groups[0][0]) or any(len(g[2]) < 2 for g in groups[1:]):
            return False
        if len(digits) == 10:  # Dutch: 06 mobile, 0xx or 0xxx area code
            return len(first) in (3, 4, 10) or first == "06"
        if len(digits) == 11:  # British: 020 7946 0958, 07700 900123
            return 3 <= len(first) <= 5 and len(groups[-1][2]) >= 3
        return len(digits) == 8 and first in ("0800", "0900", "0906", "0909")
    if [len(g[2]) for g in groups] == [1, 3, 3, 4] and first == "1":
        groups = groups[1:]  # North American with its country code: 1-800-433-7300
    elif [len(g[2]) for g in groups] != [3, 3, 4]:
        return False
    if groups[0][2][0] in "01":
        return False
    # North American: (555) 123-4567 or 555-123-4567.
    seps = {text[a[1] : b[0]].strip() for a, b in zip(groups, groups[1:], strict=False)}
    return groups[0][3] or seps in ({"-"}, {"."})


def _postcodes(text: str) -> list[_Span]:
    """Dutch postcodes, with the house number when one follows."""
    spans: list[_Span] = []
    for m in _POSTCODE_RE.finditer(text):
        letters = m.group("let")
        upper = letters.upper()
        if (
            upper[0] not in _POSTCODE_LETTERS
            or upper[1] not in _POSTCODE_LETTERS
            or upper in ("SA", "SD", "SS")
        ):
            continue  # "2026 is", "1500 uur": letters no postcode has
        if _postcode_ok(text, m, letters, upper):
            spans.append((*m.span(), PiiKind.POSTCODE))
    return spans


def _postcode_ok(text: str, m: re.Match[str], letters: str, upper: str) -> bool:
    """Whether a postcode-shaped match is one, given the words around it.

    "1234 AB", "1234ab" and "1234 ab, 12" are. A pair that is also a word, unit
    or abbreviation ("2026 EN", "1000 GB", "1500 km", "7000 TV") needs more: the
    word postcode before it, a city after it, a house number, or a place word
    ("in 1933 XL", "deliver to 4436 TB?").
    """
    lower = not letters.isupper()
    if upper not in (_NOT_POSTCODE_LOWER if lower else _NOT_POSTCODE_LETTERS):
        return True
    numbered = m.group("nr")
    start, end = m.start(), m.end("let")
    if (numbered and "nr" in numbered) or _POSTCODE_LABEL_RE.search(
        text[max(0, start - 32) : start].lower()
    ):
        return True  # "1234 px nr 38", "postcode 1234 en"
    place = _PLACE_BEFORE_RE.search(text[max(0, start - 8) : start].lower())
    city = _CITY_AFTER_RE.match(text, end)
    if place and city and upper not in ("EN", "DE"):
        return True  # "in 6922GB Hoofddorp", "to 7088 er Ede"
    if lower:
        if upper in _PC_UNITS or upper in ("EN", "DE", "TE", "TM"):
            return False  # "1500 km", "1000mg 2x", "2026 en 2027", "2019 tm 2023"
        if not m.group("sp"):
            return True  # "7279ze": nobody glues a word to a year
        if upper in _PC_WORDS:
            return False  # "2023 at 3 pm", "in 2026 na 3 weken bezorgd"
        # "5705 aa 20", "deliver to 4974 vd?"
        return bool(numbered and _SHORT_NR_RE.match(numbered)) or _place_cue(
            text, start, end
        )
    if numbered:
        return True
    if upper in _DATA_UNITS:  # "1000 GB Opslag", but "bezorgen in 1479MB?"
        return _place_cue(text, start, end)
    if city:
        return True
    if upper not in _PC_WORDS:  # "Philips 7000 TV", but "in 1933 XL"
        return bool(place) or _place_cue(text, start, end)
    # "is 9139 JE." is a postcode; "IN 2026 EN 2027" is shouting.
    before = _WORD_BEFORE_RE.search(text, max(0, start - 24), start)
    after = _WORD_AFTER_RE.match(text, end)
    return not any(
        w is not None and len(w.group(1)) > 1 and w.group(1).isupper()
        for w in (before, after)
    )


def _place_cue(text: str, start: int, end: int) -> bool:
    """Whether the words around ``start:end``, on its line, are about an address."""
    low, high = max(0, start - 40), end + 40
    line_start = text.rfind("\n", low, start) + 1
    line_end = text.find("\n", end, high)
    window = text[max(low, line_start) : high if line_end < 0 else line_end]
    return bool(_PLACE_CUE_RE.search(window.lower()))


def _names(text: str, lowered: str) -> list[_Span]:
    """Person names after a salutation or introduction, or from the name list."""
    spans: list[_Span] = []
    same = len(lowered) == len(text)  # lower() lengthens a few letters, such as İ
    triggers = (_TRIGGER_RE if same else _TRIGGER_ANY_CASE_RE).finditer(
        lowered if same else text
    )
    for m in triggers:
        phrase = m.group(1).lower()
        kind = NAME_TRIGGERS.get(phrase)  # None where re.I took "ſ" for an "s"
        if kind is None or (phrase == "mw" and not m.group(2)):  # "5 MW" is power
            continue
        if (m.group(2) and kind != "title") or (
            phrase == "miss" and text[m.start()] == "m"
        ):
            continue  # "your employee. Training", "don't miss Bloom's"
        if kind == "greet" and (
            not _clause_start(text, m.start()) or "\n" in m.group()
        ):
            continue  # "de beste Service", "Beste,\n\nWil je": not "Beste Anna"
        if (
            kind == "title"
            and text[m.start()].isupper()
            and text[m.start() + 1].isupper()
            and _POSTCODE_DIGITS_BEFORE_RE.search(
                text, max(0, m.start() - 5), m.start()
            )
        ):
            continue  # "2600 DR Deventer", "7537 MS Amersfoort": postcode letters
        head = _NAME_HEAD_RE.match(text, m.end())
        if head is None:
            continue
        initials, particle, word = head.groups()
        listed = _is_first_name(word)
        if not (listed or _name_like(word)):
            continue  # "Dear Team", "Geachte Heer"
        if kind in ("intro", "signoff") and (initials or particle or not listed):
            continue  # "ik ben Blij", "Bedankt Stroomhuis"
        end, count = _surnames(text, head.end())
        if kind == "greet" and not (listed or count or initials or particle):
            continue  # "Beste Stroomhuis": a greeting alone does not make a name
        if text[head.start() : end].lower() in NAME_EXCEPTIONS:
            continue  # "Beste Albert Heijn"
        spans.append((head.start(), end, PiiKind.NAME))
    skip_to = 0
    for m in _CAP_WORD_RE.finditer(text):
        start = m.start()
        word = lowered[start : m.end()] if same else m.group().lower()
        if start < skip_to or (
            (word not in FIRST_NAMES or m.group().isupper())
            and ("-" not in word or not _is_first_name(m.group()))
        ):
            continue  # most capitalised words are no name: set lookups first
        end, count = _surnames(text, m.end())
        if count == 0 and (
            word in AMBIGUOUS_FIRST_NAMES
            or _sentence_start(text, start)
            or (word == "jan" and _is_month(text, start, m.end()))
        ):
            continue
        if _SAINT_RE.search(text, max(0, start - 6), start):
            continue  # San Diego, Santa Monica, Sint Anna: places
        if text[start:end].lower() in NAME_EXCEPTIONS:
            continue
        spans.append((start, end, PiiKind.NAME))
        skip_to = end
    return spans


def _is_first_name(token: str) -> bool:
    """A listed first name, or a hyphenated pair of them (Anne-Sophie)."""
    if len(token) < 2 or token.isupper():
        return False
    lowered = token.lower()
    parts = lowered.split("-")
    return lowered in FIRST_NAMES or (
        len(parts) > 1 and all(part in FIRST_NAMES for part in parts)
    )


def _name_like(token: str) -> bool:
    """Title case and not a stop word: "Vries", not "NAME", "Bedankt" or "I"."""
    return len(token) > 1 and not token.isupper() and token.lower() not in NOT_SURNAMES


def _surnames(text: str, end: int) -> tuple[int, int]:
    """Extend a name over following surnames (with tussenvoegsels); new end, count."""
    count = 0
    while count < 4 and (m := _SURNAME_RE.match(text, end)):
        word = m.group(1)
        if not _name_like(word) or _STREET_WORD_RE.search(word):
            break
        end, count = m.end(), count + 1
    return end, count


def _is_month(text: str, start: int, end: int) -> bool:
    """Whether the token at ``start:end`` sits in a date, as "Jan" does in "5 Jan"."""
    return bool(
        _MONTH_BEFORE_RE.search(text, max(0, start - 2), start)
        or _MONTH_AFTER_RE.match(text, end)
    )


def _sentence_start(text: str, position: int) -> bool:
    """Whether ``position`` starts the text, a line or a sentence (after .!?)."""
    i = position - 1
    while i >= 0 and text[i] in " \t\"'“‘«(*•-–—":
        i -= 1
    return i < 0 or text[i] in ".!?…\n\r"


def _clause_start(text: str, position: int) -> bool:
    """A sentence start, or right after a comma, colon or semicolon."""
    i = position - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return _sentence_start(text, position) or (i >= 0 and text[i] in ",:;")
