"""A seeded corpus of customer feedback with personal data planted at known spans.

Survey comments, support tickets and tweets in Dutch and English. Each text has
its personal data marked (``gold``), the wider stretches that are personal data
too and may be redacted with it (``personal``: the house number after a
postcode, the city of a full address), and the ordinary numbers that must stay
(``decoys``: prices, dates, times, order numbers, quantities, percentages,
years, model numbers and tracking codes).

The values are generated, not picked from the redactor's own lists: names and
streets come from this module's lists, IBANs get their real mod-97 check
digits, BSNs pass the 11-proof, postcodes use the letters PostNL uses, phone
numbers use real Dutch area codes and common international formats. Nothing is
chosen to suit the redactor: when it misses an instance, the corpus says so.

    from tests.text.pii_corpus import build_corpus
    corpus = build_corpus()  # the same texts on every run
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

__all__ = [
    "KINDS",
    "TARGET_KINDS",
    "CorpusItem",
    "Decoy",
    "Gold",
    "build_corpus",
]

KINDS = ("EMAIL", "PHONE", "IBAN", "BSN", "POSTCODE", "ADDRESS", "NAME")
# The kinds with a recall target (>= 99 %); names and addresses are reported only.
TARGET_KINDS = ("EMAIL", "PHONE", "IBAN", "BSN", "POSTCODE")
SEED = 20260312


class Gold(NamedTuple):
    """One planted personal detail: ``text[start:end]`` is of this kind."""

    kind: str
    start: int
    end: int


class Decoy(NamedTuple):
    """An ordinary number that is no personal data, e.g. ``("price", 10, 19)``."""

    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """One text with its gold spans, personal stretches and decoys."""

    text: str
    lang: str  # "nl" or "en"
    style: str  # "survey", "ticket" or "tweet"
    gold: tuple[Gold, ...]
    # Every stretch that is personal data (the gold spans included): a redaction
    # may cover these characters and no others.
    personal: tuple[tuple[int, int], ...]
    decoys: tuple[Decoy, ...]


# ----------------------------------------------------------------- fragments


@dataclass
class _Frag:
    """A generated value: its text, gold spans and personal stretches in it."""

    text: str
    gold: list[Gold] = field(default_factory=list)
    personal: list[tuple[int, int]] = field(default_factory=list)
    decoy: str | None = None  # the decoy label, for a decoy value


def _pii(kind: str, text: str) -> _Frag:
    return _Frag(text, [Gold(kind, 0, len(text))], [(0, len(text))])


# ----------------------------------------------------------------- word lists


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NL = _words("""Daan Sem Lucas Levi Finn Milan Noah Bram Luuk Thijs Jesse Ruben Lars
Tim Sven Stijn Jelle Niels Bas Joost Wouter Maarten Pieter Jeroen Erik Mark Kees
Henk Gerrit Johan Willem Dirk Hans Rob Ton Sander Niek Koen Teun Gijs Mats Olivier
Jan-Willem Pieter-Jan Mohamed Mohammed Ahmed Youssef Yusuf Mehmet Emre Rayan Anil
Emma Julia Sophie Tess Zoë Mila Sara Lotte Eva Anna Fleur Lieke Sanne Femke Iris
Isa Roos Noor Saar Lisa Anouk Marieke Annelies Ingrid Petra Saskia Monique Esther
Linda Wendy Karin Ellen Hanneke Janneke Marloes Merel Yara Nina Fenna Jasmijn
Anne-Marie Anne-Sophie Fatima Fatma Aisha Khadija Samira Naima Elif Ayse Priya
Gerda Truus Riet Corrie Willemijn Floor Jildou Sietske Froukje Wietske""")

FIRST_EN = _words("""James Oliver Jack Harry George Thomas William Daniel Michael David
Chris Matthew Andrew Ryan Liam Ethan Noah Jacob Samuel Ben Tom Sam Adam Josh
Olivia Emily Charlotte Sophie Hannah Jessica Lucy Grace Chloe Amelia Ella Emma
Megan Rachel Laura Sarah Rebecca Amy Kate Claire Helen Susan Karen Jennifer
Priya Aisha Fatima Mei Yuki Carlos Maria Ana Luca Giulia""")

SURNAMES_NL = """de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser
|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker
|Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|van der Linden|Kok|Jacobs
|de Haan|Vermeulen|van den Heuvel|van der Veen|van den Broek|de Bruijn|Schouten
|van Beek|Willems|van Vliet|Hoekstra|Maas|Verhoeven|Koster|Prins|Blom|Huisman
|Peeters|Kuipers|van Wijk|Postma|Veenstra|Kramer|van den Bosch|Vink|Timmermans
|Groen|Gerritsen|Boer|Wouters|de Lange|Scholten|Evers|El Amrani|Bouzid|Yilmaz
|Öztürk|Kaya|Demir|Nguyen|Ramdin|Sewtahal|Wijnberg|ter Horst|ten Brink
|van 't Hof|Oosterhuis|Zwart|Jonker|Hermans|Koopman|Wolters""".replace("\n", "")
SURNAMES_NL_LIST = [s.strip() for s in SURNAMES_NL.split("|")]

SURNAMES_EN = _words("""Smith Johnson Williams Brown Jones Taylor Wilson Evans Thomas
Roberts Walker Wright Thompson White Hughes Edwards Green Hall Wood Harris Clarke
Lewis Jackson Turner Hill Moore Cooper Ward Morris King Baker Patel Khan Murphy
O'Brien Kelly McCarthy Garcia Martinez Rossi Müller Schmidt""")

CITIES = """Amsterdam|Rotterdam|Den Haag|Utrecht|Eindhoven|Groningen|Tilburg|Almere
|Breda|Nijmegen|Apeldoorn|Haarlem|Arnhem|Enschede|Amersfoort|Zaandam|Zwolle
|Leiden|Maastricht|Dordrecht|Ede|Delft|Deventer|Leeuwarden|Alkmaar|Venlo|Hengelo
|Helmond|Gouda|Hilversum|Assen|Emmen|Roermond|Middelburg|Vlissingen|Heerlen|Sittard
|Zeist|Purmerend|Schiedam|Vlaardingen|'s-Hertogenbosch|Alphen aan den Rijn
|Bergen op Zoom|Capelle aan den IJssel|Den Bosch|Hoofddorp|Nieuwegein|Veenendaal
|Oss|Houten|Woerden|Lelystad|Harderwijk|Kampen|Sneek|Drachten|Goes|Terneuzen""".replace(
    "\n", ""
)
CITIES_LIST = [c.strip() for c in CITIES.split("|")]

STREET_STEMS = """Dorps|Kerk|School|Molen|Stations|Hoofd|Beuken|Eiken|Linden|Berken
|Rozen|Tulpen|Juliana|Beatrix|Wilhelmina|Oranje|Emma|Prins Hendrik|Koningin Emma
|Burgemeester de Bruijn|Van Gogh|Rembrandt|Vondel|Mozart|Bach|Spinoza|Thorbecke
|Pieter de Hooch|Johan de Witt|Nieuwe|Oude|Noorder|Zuider|Wester|Ooster|Mgr. Nolens
|Dr. Schaepman|Anne Frank|Kastanje|Vogel|Merel|Lijster|Zwaluw|Reiger|Akker|Weide
|Polder|Sluis|Haven|Brink|Esch|Veld|Bos|Hof|Koren|Tarwe|Klaver|Lavendel|Jasmijn
|Generaal Foulkes|Graaf Floris|Koning Willem""".replace("\n", "")
STREET_STEMS_LIST = [s.strip() for s in STREET_STEMS.split("|")]
STREET_SUFFIXES = (
    ["straat"] * 8
    + ["laan"] * 5
    + ["weg"] * 5
    + ["plein", "gracht", "kade", "singel", "dijk", "pad", "steeg", "hof", "dreef"]
    + ["park", "markt", "baan", "plantsoen", "boulevard", "allee"]
)
# Real street names without a street word, or with it in front.
ODD_STREETS = """Spui|Rokin|Damrak|Weena|Neude|Vredenburg|Stratumseind|Grote Markt
|Lange Voorhout|Laan van Meerdervoort|Nieuwe Binnenweg|Oudegracht|Herestraat
|Vismarkt|Korte Houtstraat|Nieuwendijk|Coolsingel|Lijnbaan|Hoogstraat|Breestraat
|Wolvenstraat|Jan Pieterszoon Coenstraat|Plein 1944|Heuvel|Zeedijk|Bilderdijkstraat
|Jacob van Lennepkade|Lange Nieuwstraat|Amsterdamsestraatweg|Rijksstraatweg""".replace(
    "\n", ""
)
ODD_STREETS_LIST = [s.strip() for s in ODD_STREETS.split("|")]
EN_STREETS = """High|Station|Church|Mill|Park|Victoria|Queen's|King|London|Manor
|Green|Kingsway|Albert|Oak|Elm|Cedar|Baker|Abbey|Bridge|Chapel|Castle|North
|South|Grove|Orchard|Willow""".replace("\n", "")
EN_STREETS_LIST = [s.strip() for s in EN_STREETS.split("|")]
EN_STREET_TYPES = _words("""Street Street Street Road Road Road Lane Avenue Close Drive
Way Crescent Gardens Place Terrace Grove St Rd""")
EN_TOWNS = _words("London Manchester Leeds Bristol Cambridge Oxford York Brighton")

DOMAINS = _words("""gmail.com gmail.com gmail.com hotmail.com hotmail.nl outlook.com
outlook.nl live.nl ziggo.nl kpnmail.nl planet.nl home.nl xs4all.nl icloud.com
me.com yahoo.com yahoo.co.uk telenet.be skynet.be proton.me protonmail.com
web.de gmx.de gmx.net bedrijfsnaam.nl mail.vandenbergadvies.nl student.uva.nl
hr.nl tudelft.nl rug.nl kpn.com ns.nl gemeente-utrecht.nl zorg-en-co.nl
hetnet.nl upcmail.nl chello.nl btinternet.com sky.com""")

NL_BANKS = _words(
    "ABNA ABNA ABNA RABO RABO RABO INGB INGB INGB SNSB ASNB TRIO KNAB BUNQ RBRB FVLB"
)
DE_BANKS = ["10010010", "37040044", "50010517", "20041133", "70150000", "12030000"]
AREA_3 = _words("""010 013 015 020 023 024 026 030 033 035 036 038 040 043 045 046 050
053 055 058 070 071 072 073 074 075 076 077 078 079 085 088""")
AREA_4 = _words("""0111 0113 0161 0162 0164 0165 0172 0180 0182 0184 0186 0187 0222
0223 0224 0226 0227 0228 0229 0251 0252 0255 0294 0297 0299 0313 0314 0315
0316 0317 0318 0320 0321 0341 0342 0343 0344 0345 0346 0347 0348 0411 0412
0413 0416 0418 0475 0478 0481 0485 0486 0487 0488 0492 0493 0495 0497 0499
0511 0512 0513 0514 0515 0516 0517 0518 0519 0521 0522 0523 0524 0525 0527
0529 0541 0543 0544 0545 0546 0547 0548 0561 0566 0570 0571 0572 0573 0575
0577 0578 0591 0592 0593 0594 0595 0596 0597 0598 0599""")
# PostNL never uses F, I, O, Q, U or Y in a postcode, nor SA, SD or SS.
PC_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"

MONTHS_NL = _words("""januari februari maart april mei juni juli augustus september oktober
november december""")
MONTHS_EN = _words("""January February March April May June July August September October
November December""")
MONTHS_EN_SHORT = _words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")


# ----------------------------------------------------------------- PII values


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _email(rng: random.Random) -> _Frag:
    first = rng.choice(FIRST_NL + FIRST_EN).lower()
    first = first.replace("ë", "e").replace("ö", "o")
    last = rng.choice(SURNAMES_NL_LIST + SURNAMES_EN).lower()
    last = last.replace("ö", "o").replace("ü", "u").replace("'", "")
    squashed = last.replace(" ", "")
    dotted = last.replace(" ", ".")
    local = rng.choice(
        [
            f"{first}.{squashed}",
            f"{first}.{dotted}",
            f"{first}{squashed}",
            f"{first[0]}.{squashed}",
            f"{first[0]}{squashed}",
            f"{first}_{squashed}",
            f"{first}-{squashed}",
            f"{first}{rng.randint(1, 99)}",
            f"{first}.{squashed}{rng.randint(1960, 2008)}",
            f"{first}+{rng.choice(['shop', 'bestellingen', 'news', 'spam', 'bol'])}",
            f"{squashed}.{first}",
            f"info.{squashed}",
            f"{first}{rng.randint(1970, 2005)}",
            f"{first[:3]}x{rng.randint(10, 999)}",
        ]
    )
    local = local.replace("-", rng.choice(["-", ""])) if "-" in first else local
    email = f"{local}@{rng.choice(DOMAINS)}"
    roll = rng.random()
    if roll < 0.08:
        email = email.upper() if rng.random() < 0.3 else email.capitalize()
    elif roll < 0.14:
        name, at, domain = email.partition("@")
        email = ".".join(p.capitalize() for p in name.split(".")) + at + domain
    return _pii("EMAIL", email)


def _group(digits: str, sizes: list[int], sep: str = " ") -> str:
    out, i = [], 0
    for size in sizes:
        out.append(digits[i : i + size])
        i += size
    if i < len(digits):
        out.append(digits[i:])
    return sep.join(out)


def _phone(rng: random.Random, lang: str = "nl") -> _Frag:
    kind = rng.choices(
        ["mobile", "land3", "land4", "intl"],
        weights=[50, 22, 8, 20 if lang == "nl" else 45],
    )[0]
    if kind == "mobile":
        rest = str(rng.randint(1, 9)) + _digits(rng, 7)  # 06 + 8 digits
        phone = rng.choice(
            [
                f"06-{rest}",
                f"06-{rest}",
                f"06 {_group(rest, [4, 4])}",
                f"06 {_group(rest, [4, 4])}",
                f"06{rest}",
                f"06{rest}",
                f"06 {rest}",
                f"06 {_group(rest, [2, 2, 2, 2])}",
                f"06-{_group(rest, [4, 4])}",
                f"06 - {rest}",
                f"+31 6 {rest}",
                f"+31 6 {_group(rest, [4, 4])}",
                f"+31 6 {_group(rest, [2, 2, 2, 2])}",
                f"+316{rest}",
                f"+31 (0)6 {rest}",
                f"+31(0)6-{rest}",
                f"00316{rest}",
                f"0031 6 {rest}",
                f"+31-6-{rest}",
                f"(06) {rest}",
                f"06-{_group(rest, [3, 3, 2])}",
                f"06 {_group(rest, [3, 3, 2])}",
                f"+31 6-{rest}",
                f"(+31) 6 {rest}",
                f"06–{rest}",  # a word processor's dash
                f"+31 06 {rest}",  # the trunk 0 kept after +31
            ]
        )
    elif kind in ("land3", "land4"):
        area = rng.choice(AREA_3 if kind == "land3" else AREA_4)
        rest = str(rng.randint(2, 9)) + _digits(rng, 9 - len(area))
        sizes = [3, 4] if len(rest) == 7 else [2, 2, 2]
        spaced = _group(rest, sizes)
        pairs = _group(rest, [3, 2, 2] if len(rest) == 7 else [2, 2, 2])
        phone = rng.choice(
            [
                f"{area}-{rest}",
                f"{area}-{rest}",
                f"{area} {spaced}",
                f"{area} {spaced}",
                f"{area}{rest}",
                f"{area} {rest}",
                f"({area}) {pairs}",
                f"({area}) {rest}",
                f"{area} - {rest}",
                f"{area}-{spaced}",
                f"+31 {area[1:]} {spaced}",
                f"+31 (0){area[1:]} {spaced}",
                f"+31 (0){area[1:]} {rest}",
                f"+31{area[1:]}{rest}",
                f"0031 {area[1:]} {rest}",
                f"+31 {area} {spaced}",
                f"{area}–{rest}",
            ]
        )
    else:
        phone = rng.choice(
            [
                f"+32 4{rng.randint(60, 99)} {_group(_digits(rng, 6), [2, 2, 2])}",
                f"+32 4{rng.randint(60, 99)} {_group(_digits(rng, 6), [2, 2, 2])}",
                f"0032 4{rng.randint(60, 99)} {_group(_digits(rng, 6), [2, 2, 2])}",
                f"+32 {rng.choice(['2', '3', '9'])} {_group(str(rng.randint(2, 9)) + _digits(rng, 6), [3, 2, 2])}",
                f"+44 20 {rng.randint(7000, 8999)} {_digits(rng, 4)}",
                f"+44 7{_digits(rng, 3)} {_digits(rng, 6)}",
                f"+44 (0)20 {rng.randint(7000, 8999)} {_digits(rng, 4)}",
                f"+44 161 {rng.randint(200, 999)} {_digits(rng, 4)}",
                f"+49 30 {rng.randint(1, 9)}{_digits(rng, 6)}",
                f"+49 {rng.choice(['151', '160', '170', '176'])} {rng.randint(1, 9)}{_digits(rng, 7)}",
                f"+49 (0)89 {rng.randint(1, 9)}{_digits(rng, 6)}",
                f"+33 6 {_group(_digits(rng, 8), [2, 2, 2, 2])}",
                f"+33 1 {_group(_digits(rng, 8), [2, 2, 2, 2])}",
                f"+1 ({rng.randint(201, 989)}) {rng.randint(200, 999)}-{_digits(rng, 4)}",
                f"+1 {rng.randint(201, 989)} {rng.randint(200, 999)} {_digits(rng, 4)}",
                f"+34 6{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 3)}",
                f"+90 5{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 2)} {_digits(rng, 2)}",
                f"+212 6{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 3)}",
                f"+597 {rng.randint(7, 8)}{_digits(rng, 6)}",
            ]
        )
    return _pii("PHONE", phone)


def _iban_check(country: str, bban: str) -> str:
    """The two ISO 13616 check digits for this country and account."""
    number = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{98 - int(number) % 97:02d}"


def _iban(rng: random.Random) -> _Frag:
    country = rng.choices(["NL", "BE", "DE"], weights=[78, 14, 8])[0]
    if country == "NL":
        bban = rng.choice(NL_BANKS) + _digits(rng, 10)
    elif country == "BE":
        first = str(rng.randint(1, 9)) + _digits(rng, 9)
        bban = first + f"{int(first) % 97 or 97:02d}"  # the Belgian check too
    else:
        bban = rng.choice(DE_BANKS) + _digits(rng, 10)
    iban = country + _iban_check(country, bban) + bban
    spaced = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    form = rng.choices(["spaced", "compact", "lower", "lower-spaced", "mixed"],
                       weights=[48, 36, 8, 5, 3])[0]  # fmt: skip
    value = {
        "spaced": spaced,
        "compact": iban,
        "lower": iban.lower(),
        "lower-spaced": spaced.lower(),
        "mixed": iban[:8] + " " + iban[8:],  # NL91ABNA 0417164300
    }[form]
    return _pii("IBAN", value)


def _bsn(rng: random.Random) -> _Frag:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        digits[0] = rng.choice([1, 1, 2, 2, 3, 0, 4, 5, 6, 7])
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10 and any(digits):
            digits.append(last)
            break
    bsn = "".join(map(str, digits))
    value = rng.choices(
        [bsn, f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}", f"{bsn[:3]}.{bsn[3:6]}.{bsn[6:]}",
         f"{bsn[:3]} {bsn[3:6]} {bsn[6:]}", f"{bsn[:4]} {bsn[4:6]} {bsn[6:]}"],
        weights=[70, 12, 8, 7, 3],
    )[0]  # fmt: skip
    return _pii("BSN", value)


def _postcode_parts(rng: random.Random) -> tuple[str, str]:
    while True:
        letters = rng.choice(PC_LETTERS) + rng.choice(PC_LETTERS)
        if letters not in ("SA", "SD", "SS"):
            break
    return str(rng.randint(1000, 9999)), letters


def _house_number(rng: random.Random) -> str:
    n = str(rng.choices([rng.randint(1, 30), rng.randint(31, 250)], [65, 35])[0])
    return rng.choices(
        [n, f"{n}a", f"{n}A", f"{n}-{rng.randint(1, 3)}", f"{n} hs", f"{n} bis",
         f"{n}-bis", f"{n}B"],
        weights=[62, 10, 6, 8, 4, 2, 1, 7],
    )[0]  # fmt: skip


def _postcode_text(rng: random.Random, lower_ok: bool = True) -> str:
    digits, letters = _postcode_parts(rng)
    if lower_ok and rng.random() < 0.1:
        letters = letters.lower()
    return digits + rng.choices([" ", ""], weights=[65, 35])[0] + letters


def _postcode(rng: random.Random) -> _Frag:
    """A bare postcode, as in "mijn postcode is 1234 AB"."""
    return _pii("POSTCODE", _postcode_text(rng))


def _postcode_nr(rng: random.Random) -> _Frag:
    """Postcode plus house number: "1234 AB 12", "1234AB, 12a"."""
    pc = _postcode_text(rng)
    sep = rng.choices([" ", ", ", " nr ", " nr. "], weights=[74, 16, 6, 4])[0]
    text = pc + sep + _house_number(rng)
    return _Frag(text, [Gold("POSTCODE", 0, len(pc))], [(0, len(text))])


def _street(rng: random.Random) -> str:
    if rng.random() < 0.18:
        return rng.choice(ODD_STREETS_LIST)
    stem = rng.choice(STREET_STEMS_LIST)
    suffix = rng.choice(STREET_SUFFIXES)
    return stem + suffix


def _address(rng: random.Random) -> _Frag:
    """A Dutch street address, sometimes with postcode and city."""
    street = _street(rng) + " " + _house_number(rng)
    form = rng.choices(["street", "pc-city", "pc-newline", "pc-nocomma", "city"],
                       weights=[38, 32, 10, 8, 12])[0]  # fmt: skip
    if form in ("street", "city"):
        text = street
        frag = _Frag(text, [Gold("ADDRESS", 0, len(text))], [(0, len(text))])
        if form == "city":
            frag.text += rng.choice([" in ", " te ", ", "]) + rng.choice(CITIES_LIST)
        return frag
    pc = _postcode_text(rng, lower_ok=False)
    sep = {"pc-city": ", ", "pc-newline": "\n", "pc-nocomma": " "}[form]
    text = street + sep + pc + rng.choice([" ", "  "]) + rng.choice(CITIES_LIST)
    pc_start = len(street) + len(sep)
    return _Frag(
        text,
        [
            Gold("ADDRESS", 0, len(street)),
            Gold("POSTCODE", pc_start, pc_start + len(pc)),
        ],
        [(0, len(text))],
    )


def _address_en(rng: random.Random) -> _Frag:
    n = str(rng.randint(1, 240)) + rng.choices(["", "A", "B", "a"], [85, 6, 5, 4])[0]
    street = f"{n} {rng.choice(EN_STREETS_LIST)} {rng.choice(EN_STREET_TYPES)}"
    frag = _pii("ADDRESS", street)
    if rng.random() < 0.4:
        frag.text += ", " + rng.choice(EN_TOWNS)
    return frag


def _full_name(rng: random.Random, lang: str) -> str:
    if lang == "en" and rng.random() < 0.75:
        return f"{rng.choice(FIRST_EN)} {rng.choice(SURNAMES_EN)}"
    return f"{rng.choice(FIRST_NL)} {rng.choice(SURNAMES_NL_LIST)}"


def _name(rng: random.Random, lang: str = "nl") -> _Frag:
    return _pii("NAME", _full_name(rng, lang))


def _first(rng: random.Random, lang: str = "nl") -> _Frag:
    names = FIRST_EN if lang == "en" and rng.random() < 0.75 else FIRST_NL
    return _pii("NAME", rng.choice(names))


def _surname(rng: random.Random, lang: str = "nl") -> _Frag:
    """A surname after a title: "mevrouw De Vries", "dhr. J. de Jong"."""
    if lang == "en" and rng.random() < 0.75:
        return _pii("NAME", rng.choice(SURNAMES_EN))
    last = rng.choice(SURNAMES_NL_LIST)
    if rng.random() < 0.35:
        initials = "".join(
            f"{rng.choice('ABCDEGHJKLMPRSTW')}." for _ in range(rng.randint(1, 2))
        )
        return _pii("NAME", f"{initials} {last}")
    return _pii("NAME", last[0].upper() + last[1:])


# ----------------------------------------------------------------- decoy values


def _price(rng: random.Random) -> str:
    euros = rng.choice(
        [rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 4999)]
    )
    cents = rng.choice(["00", "95", "99", "50", f"{rng.randint(0, 99):02d}"])
    grouped = f"{euros:,}".replace(",", ".")
    return rng.choice(
        [
            f"€ {grouped},{cents}",
            f"€{grouped},{cents}",
            f"€{euros},{cents}",
            f"€ {euros}",
            f"€{euros},-",
            f"{euros},{cents} euro",
            f"{euros}.{cents} euro",
            f"{euros} euro",
            f"EUR {grouped},{cents}",
            f"${euros}",
            f"£{euros}.{cents}",
            f"{euros} eur",
        ]
    )


def _date(rng: random.Random, lang: str) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2027)
    numeric = [
        f"{d:02d}-{m:02d}-{y}",
        f"{d}-{m}-{y}",
        f"{d:02d}/{m:02d}/{y}",
        f"{d}/{m}",
        f"{d:02d}/{m:02d}",
        f"{d:02d}.{m:02d}.{y}",
        f"{y}-{m:02d}-{d:02d}",
    ]
    if lang == "nl":
        month = MONTHS_NL[m - 1]
        words = [f"{d} {month} {y}", f"{d} {month}", f"{d}-{m}", f"{d} {month[:3]}"]
    else:
        month = MONTHS_EN[m - 1]
        words = [
            f"{d} {month} {y}",
            f"{month} {d}, {y}",
            f"{d} {MONTHS_EN_SHORT[m - 1]}",
        ]
    return rng.choice(numeric + words + words)


def _time(rng: random.Random) -> str:
    h, mi = rng.randint(7, 22), rng.choice([0, 15, 30, 45, rng.randint(0, 59)])
    return rng.choice(
        [f"{h}:{mi:02d}", f"{h:02d}:{mi:02d}", f"{h}.{mi:02d}", f"{h}u{mi:02d}"]
    )


def _order(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.randint(100_000_000, 999_999_999)}",  # nine digits, like a BSN
            f"{rng.randint(100_000_000, 999_999_999)}",
            f"{rng.randint(1_000_000_000, 9_999_999_999)}",
            f"{rng.randint(10_000_000, 99_999_999)}",
            f"{rng.randint(10_000, 999_999)}",
            f"#{rng.randint(10_000, 9_999_999)}",
            f"#A-{rng.randint(10_000, 99_999)}",
            f"{rng.randint(2019, 2026)}-{rng.randint(1, 999_999):06d}",
            f"INV-{rng.randint(10_000, 99_999)}",
            f"NL-{rng.randint(100_000, 999_999)}",
            f"{rng.choice('ABCDEFGHKLMNPRSTXZ')}{rng.randint(1_000_000, 9_999_999)}",
            f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}-{rng.randint(10, 99)}",
            f"{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
        ]
    )


def _qty(rng: random.Random, lang: str) -> str:
    n = rng.randint(2, 48)
    units = (
        [
            "stuks",
            "pakken",
            "dozen",
            "keer",
            "dagen",
            "weken",
            "minuten",
            "uur",
            "kg",
            "meter",
        ]
        if lang == "nl"
        else [
            "items",
            "boxes",
            "times",
            "days",
            "weeks",
            "minutes",
            "hours",
            "kg",
            "pcs",
        ]
    )
    return rng.choice(
        [
            f"{n} {rng.choice(units)}",
            f"{n}x",
            f"{n} x",
            f"{n}{rng.choice(['kg', 'm', 'cm'])}",
        ]
    )


def _pct(rng: random.Random) -> str:
    return rng.choice([f"{rng.randint(1, 90)}%", f"{rng.randint(1, 90)} %", f"{rng.randint(1, 9)},5%",
                       f"{rng.randint(1, 90)} procent"])  # fmt: skip


def _year(rng: random.Random) -> str:
    return str(rng.randint(1995, 2027))


def _model(rng: random.Random) -> str:
    return rng.choice(
        [
            "SM-G991B", "SM-A536B", "KD-55X85J", "QE55Q80C", "UE50AU7100", "55 inch",
            "65 inch", "WH-1000XM5", "iPhone 15 Pro", "Galaxy S23", "RTX 4090",
            "OLED55C3", "HR2874/00", "EP2231/40", "MacBook Air M2", "Pixel 8",
            "WMB71432", "KGN39VIDA", "model 2024", "type 4411", "1200 W", "8 GB",
            "256 GB", "Series 7", "HD 4000", "T-450", "AX3000", "43PUS8507/12",
        ]
    )  # fmt: skip


def _tracking(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(4))
    return rng.choice(
        [
            f"3S{letters}{rng.randint(1_000_000, 9_999_999)}",
            f"3S{letters}{rng.randint(1_000_000, 9_999_999)}",
            f"JVGL{_digits(rng, 16)}",
            f"CD{rng.randint(100_000_000, 999_999_999)}NL",
            f"{rng.choice(['LX', 'RR', 'CP'])}{rng.randint(100_000_000, 999_999_999)}NL",
            f"1Z{_digits(rng, 3)}{letters}{_digits(rng, 9)}",
        ]
    )


def _unit(rng: random.Random) -> str:
    """Four-digit numbers before a unit or a word: no postcode."""
    return rng.choice(
        [
            f"{rng.choice([1000, 2000, 4000])} GB", f"{rng.randint(1000, 2500)} km",
            f"{rng.choice([1000, 1500, 2000])} mg", f"{rng.randint(3000, 5000)} mAh",
            f"{rng.choice([1000, 1500, 2000, 2200])} W", "1920x1080", "3840 x 2160",
            f"{rng.choice([1200, 1400, 1600])} toeren", f"{rng.randint(1000, 9000)} kWh",
            f"{rng.randint(1000, 9999)} stappen", f"{rng.randint(1000, 5000)} punten",
            f"{rng.choice([1000, 2000])} ml", f"{rng.randint(1000, 9999)} m3",
        ]
    )  # fmt: skip


def _reference(rng: random.Random) -> str:
    """Payment references and card-like codes in groups of four."""
    return rng.choice(
        [
            " ".join(_digits(rng, 4) for _ in range(4)),
            " ".join(_digits(rng, 4) for _ in range(4)),
            f"{_digits(rng, 16)}",
            _creditor_reference(rng),
        ]
    )


def _creditor_reference(rng: random.Random) -> str:
    """An ISO 11649 reference: "RF" and the IBAN's own mod-97 check digits."""
    body = _digits(rng, rng.choice([8, 12, 16]))
    ref = "RF" + _iban_check("RF", body) + body
    return " ".join(ref[i : i + 4] for i in range(0, len(ref), 4))


def _range(rng: random.Random) -> str:
    a, b = rng.randint(7, 12), rng.randint(13, 22)
    return rng.choice([f"{a}.00-{b}.30", f"{a:02d}:00-{b}:00", f"{a}:00 - {b}:00",
                       f"{rng.randint(1, 3)}-{rng.randint(4, 7)} werkdagen",
                       f"{rng.randint(1, 3)}-{rng.randint(4, 7)} business days"])  # fmt: skip


def _version(rng: random.Random) -> str:
    return rng.choice([f"{rng.randint(1, 17)}.{rng.randint(0, 9)}.{rng.randint(0, 20)}",
                       f"v{rng.randint(1, 5)}.{rng.randint(0, 99)}", f"build {rng.randint(1000, 99999)}",
                       f"192.168.{rng.randint(0, 2)}.{rng.randint(2, 254)}"])  # fmt: skip


STORES = """Coolblue|bol|MediaMarkt|Albert Heijn|Jumbo|Bijenkorf|HEMA|Zalando
|Wehkamp|IKEA|Praxis|Gamma|Kruidvat|Blokker|Ziggo|KPN|Odido|Vattenfall|Eneco
|Essent|PostNL|DHL|NS|Thuisbezorgd|Picnic|Action""".replace("\n", "").split("|")
HANDLES = _words("""Coolblue bol MediaMarkt_NL albertheijn JumboSupermarkt HEMA Zalando_NL
wehkamp IKEA_NL KPNwebcare Ziggo OdidoNL Vattenfall_NL PostNL DHLParcel_NL
NS_online Thuisbezorgd picnic""")


_DECOYS: dict[str, Callable[[random.Random, str], str]] = {
    "UNIT": lambda rng, _: _unit(rng),
    "METER": lambda rng, _: rng.choice(
        [
            f"{rng.randint(100, 99999):05d}",
            f"{rng.randint(1000, 40000)} kWh",
            f"{rng.randint(100, 9999)} m3",
            f"{rng.randint(1000, 99999)},{rng.randint(0, 9)}",
        ]
    ),
    "REF": lambda rng, _: _reference(rng),
    "RANGE": lambda rng, _: _range(rng),
    "VERSION": lambda rng, _: _version(rng),
    "PRICE": lambda rng, _: _price(rng),
    "DATE": _date,
    "TIME": lambda rng, _: _time(rng),
    "ORDER": lambda rng, _: _order(rng),
    "QTY": _qty,
    "PCT": lambda rng, _: _pct(rng),
    "YEAR": lambda rng, _: _year(rng),
    "MODEL": lambda rng, _: _model(rng),
    "TRACK": lambda rng, _: _tracking(rng),
}

_PII: dict[str, Callable[[random.Random, str], _Frag]] = {
    "EMAIL": lambda rng, _: _email(rng),
    "PHONE": _phone,
    "IBAN": lambda rng, _: _iban(rng),
    "BSN": lambda rng, _: _bsn(rng),
    "POSTCODE": lambda rng, _: _postcode(rng),
    "PCNR": lambda rng, _: _postcode_nr(rng),
    "ADDRESS": lambda rng, _: _address(rng),
    "ADDRESS_EN": lambda rng, _: _address_en(rng),
    "NAME": _name,
    "FIRST": _first,
    "SURNAME": _surname,
    "CITY": lambda rng, _: _Frag(rng.choice(CITIES_LIST)),
    "STORE": lambda rng, _: _Frag(rng.choice(STORES)),
    "HANDLE": lambda rng, _: _Frag(rng.choice(HANDLES)),
}

# ----------------------------------------------------------------- templates

# Each template is (kind it exercises, language, style, text). Slots such as
# {PHONE} become generated values; {ORDER}, {PRICE} and the like are decoys.
_T = tuple[str, str, str, str]
TEMPLATES: list[_T] = [
    # --- EMAIL
    (
        "EMAIL",
        "nl",
        "survey",
        "Stuur de factuur aub naar {EMAIL}, die van {DATE} heb ik nooit gehad.",
    ),
    ("EMAIL", "nl", "survey", "Mijn mailadres is veranderd: {EMAIL}"),
    (
        "EMAIL",
        "nl",
        "survey",
        "Graag reactie via {EMAIL}. Telefonisch ben ik slecht bereikbaar.",
    ),
    (
        "EMAIL",
        "nl",
        "ticket",
        "Van: {NAME} <{EMAIL}>\nOnderwerp: bestelling {ORDER}\n\nMijn pakket is nog niet binnen.",
    ),
    (
        "EMAIL",
        "nl",
        "ticket",
        "Hallo,\n\nKunnen jullie de retourlabel mailen naar {EMAIL}? Het gaat om {QTY} van {PRICE}.\n\nGroet",
    ),
    (
        "EMAIL",
        "nl",
        "survey",
        "Ik kreeg geen bevestiging op {EMAIL} (wel op mijn oude adres).",
    ),
    ("EMAIL", "nl", "survey", "e-mail: {EMAIL}"),
    ("EMAIL", "nl", "survey", "mail me op {EMAIL}!!"),
    (
        "EMAIL",
        "nl",
        "tweet",
        "@{HANDLE} al {QTY} wachten op antwoord... mail {EMAIL} gewoon even terug 🙄",
    ),
    (
        "EMAIL",
        "nl",
        "survey",
        "Nieuwsbrief afmelden voor {EMAIL} lukt niet, ik krijg hem nog steeds.",
    ),
    (
        "EMAIL",
        "nl",
        "survey",
        "Bevestiging ging naar {EMAIL}; dat is het adres van mijn zoon.",
    ),
    ("EMAIL", "nl", "survey", "Contact? {EMAIL} of bellen na {TIME}."),
    ("EMAIL", "en", "survey", "Please send the invoice to {EMAIL}."),
    ("EMAIL", "en", "survey", "You can reach me at {EMAIL}, I check it daily."),
    (
        "EMAIL",
        "en",
        "ticket",
        "From: {NAME} <{EMAIL}>\nSubject: Order {ORDER} not delivered\n\nHi, still waiting since {DATE}.",
    ),
    ("EMAIL", "en", "survey", "(email: {EMAIL})"),
    (
        "EMAIL",
        "en",
        "tweet",
        "hey @{HANDLE} my refund of {PRICE} never arrived, email me {EMAIL} #badservice",
    ),
    (
        "EMAIL",
        "en",
        "survey",
        "I never got the confirmation at {EMAIL}; spam folder checked.",
    ),
    ("EMAIL", "en", "survey", "Contact: {EMAIL} / evenings only"),
    (
        "EMAIL",
        "nl",
        "survey",
        "Ik heb {QTY} gemaild naar jullie vanaf {EMAIL} en nooit antwoord gehad",
    ),
    # --- PHONE
    ("PHONE", "nl", "survey", "Bel me even terug op {PHONE}, ik ben na {TIME} thuis."),
    ("PHONE", "nl", "survey", "Kunnen jullie mij terugbellen? Mijn nummer is {PHONE}"),
    ("PHONE", "nl", "survey", "Monteur mag bellen naar {PHONE} (mijn man)."),
    ("PHONE", "nl", "survey", "graag contact via {PHONE} ipv mail"),
    ("PHONE", "nl", "survey", "Tel: {PHONE}"),
    ("PHONE", "nl", "survey", "tel.nr: {PHONE}"),
    ("PHONE", "nl", "survey", "Mijn nieuwe nummer: {PHONE}. Het oude werkt niet meer."),
    (
        "PHONE",
        "nl",
        "survey",
        "Jullie hebben mijn nummer verkeerd, het is {PHONE} en niet wat er in het systeem staat",
    ),
    ("PHONE", "nl", "survey", "Bezorger belde anoniem, bel mij gerust op {PHONE}."),
    (
        "PHONE",
        "nl",
        "ticket",
        "Terugbelverzoek: {PHONE}, liefst tussen {TIME} en {TIME}",
    ),
    (
        "PHONE",
        "nl",
        "survey",
        "Heel slecht geholpen bij bestelling {ORDER}. Bel me: {PHONE}!!",
    ),
    ("PHONE", "nl", "tweet", "@{HANDLE} al {QTY} geen reactie 😡 bel me op {PHONE}"),
    (
        "PHONE",
        "nl",
        "tweet",
        "Hee @{HANDLE}, pakketje {TRACK} is zoek. Bel {PHONE} #klantenservice",
    ),
    (
        "PHONE",
        "nl",
        "survey",
        "Ik ben overdag bereikbaar op {PHONE} en 's avonds op {PHONE}.",
    ),
    (
        "PHONE",
        "nl",
        "survey",
        "Nummer {PHONE} klopt, maar er werd nooit gebeld op {DATE}.",
    ),
    (
        "PHONE",
        "nl",
        "ticket",
        "Beste,\n\nWil iemand mij bellen over factuur {ORDER}? Telefoon {PHONE}\n\nGroeten",
    ),
    ("PHONE", "nl", "survey", "Bellen kan ({PHONE}), appen ook."),
    (
        "PHONE",
        "nl",
        "survey",
        "Mijn moeder ({PHONE}) wacht al sinds {DATE} op de monteur.",
    ),
    (
        "PHONE",
        "en",
        "survey",
        "Please call me back on {PHONE}, I'm available after {TIME}.",
    ),
    ("PHONE", "en", "survey", "My number is {PHONE} if you need more info."),
    ("PHONE", "en", "survey", "Tried calling {QTY}. Reach me at {PHONE} or {EMAIL}"),
    ("PHONE", "en", "survey", "Phone: {PHONE}"),
    ("PHONE", "en", "survey", "Driver can call my husband on {PHONE}."),
    (
        "PHONE",
        "en",
        "tweet",
        "@{HANDLE} order {ORDER} still missing, call me {PHONE} pls",
    ),
    (
        "PHONE",
        "en",
        "ticket",
        "Hello,\nI'd like a callback about my {PRICE} refund. Mobile: {PHONE}\nThanks",
    ),
    ("PHONE", "en", "survey", "Call {PHONE} between {TIME} and {TIME}, not before."),
    # --- IBAN
    ("IBAN", "nl", "survey", "Graag de {PRICE} terugstorten op {IBAN} t.n.v. {NAME}."),
    ("IBAN", "nl", "survey", "IBAN: {IBAN}"),
    ("IBAN", "nl", "survey", "Mijn rekeningnummer is {IBAN}"),
    (
        "IBAN",
        "nl",
        "survey",
        "Ik heb {PRICE} betaald vanaf {IBAN} maar de bestelling staat nog open.",
    ),
    (
        "IBAN",
        "nl",
        "ticket",
        "Beste {STORE},\n\nWilt u het bedrag van retour {ORDER} overmaken naar {IBAN}?\n\nMet vriendelijke groet,\n{NAME}",
    ),
    ("IBAN", "nl", "survey", "Er is {QTY} afgeschreven van {IBAN}, dat klopt niet!"),
    (
        "IBAN",
        "nl",
        "survey",
        "Terugbetaling naar rekening {IBAN} (niet mijn oude rekening).",
    ),
    (
        "IBAN",
        "nl",
        "tweet",
        "@{HANDLE} waar blijft mijn geld?? {PRICE} op {IBAN} sinds {DATE} 😤",
    ),
    ("IBAN", "nl", "survey", "De automatische incasso moet voortaan van {IBAN} af."),
    ("IBAN", "en", "survey", "Please refund the {PRICE} to {IBAN}."),
    ("IBAN", "en", "survey", "My bank account: {IBAN}"),
    (
        "IBAN",
        "en",
        "ticket",
        "Hi,\n\nThe direct debit of {DATE} was taken from {IBAN} twice.\n\nRegards,\n{NAME}",
    ),
    ("IBAN", "en", "survey", "Refund to {IBAN} (account holder {NAME}) please"),
    ("IBAN", "en", "tweet", "still no refund to {IBAN} after {QTY} @{HANDLE} #fail"),
    # --- BSN
    ("BSN", "nl", "survey", "Mijn BSN is {BSN}."),
    ("BSN", "nl", "survey", "BSN: {BSN}"),
    ("BSN", "nl", "survey", "Burgerservicenummer {BSN} staat gewoon op het formulier"),
    ("BSN", "nl", "survey", "Waarom vragen jullie om mijn BSN ({BSN})?"),
    (
        "BSN",
        "nl",
        "survey",
        "Ik heb mijn bsn {BSN} al doorgegeven aan de medewerker op {DATE}.",
    ),
    ("BSN", "nl", "survey", "sofinummer {BSN} hoort bij mijn vader, niet bij mij"),
    (
        "BSN",
        "nl",
        "ticket",
        "Geachte heer/mevrouw,\n\nBSN {BSN} is verkeerd gekoppeld aan dossier {ORDER}.\n\nMet vriendelijke groet,\n{NAME}",
    ),
    (
        "BSN",
        "nl",
        "survey",
        "Ik heb {BSN} ingevuld maar het formulier geeft een foutmelding",
    ),
    ("BSN", "nl", "survey", "bsn-nummer {BSN}, geboren {YEAR}"),
    ("BSN", "nl", "survey", "Mijn burgerservicenummer: {BSN}. Graag aanpassen."),
    (
        "BSN",
        "nl",
        "tweet",
        "Moet ik echt mijn BSN {BSN} in een chat typen @{HANDLE}? 🤨",
    ),
    ("BSN", "en", "survey", "My citizen service number (BSN) is {BSN}."),
    ("BSN", "en", "survey", "BSN {BSN} was linked to the wrong account"),
    (
        "BSN",
        "en",
        "ticket",
        "Dear team,\n\nFor the tax form: BSN {BSN}, customer since {YEAR}.\n\nBest,\n{NAME}",
    ),
    (
        "BSN",
        "en",
        "survey",
        "Why do you need my social security number {BSN} for a {PRICE} purchase?",
    ),
    # --- POSTCODE
    ("POSTCODE", "nl", "survey", "Mijn postcode is {POSTCODE}."),
    (
        "POSTCODE",
        "nl",
        "survey",
        "Postcode {POSTCODE} wordt niet herkend in de webshop",
    ),
    (
        "POSTCODE",
        "nl",
        "survey",
        "Jullie bezorgen niet in {POSTCODE}? Raar, de buren krijgen wel pakketten.",
    ),
    ("POSTCODE", "nl", "survey", "Bezorgen op {PCNR} graag, niet bij de buren."),
    ("POSTCODE", "nl", "survey", "postcode/huisnummer: {PCNR}"),
    ("POSTCODE", "nl", "survey", "Pakket {TRACK} ging naar {PCNR} ipv naar mij"),
    (
        "POSTCODE",
        "nl",
        "survey",
        "Ik woon in {POSTCODE} {CITY} en de monteur kon het niet vinden.",
    ),
    ("POSTCODE", "nl", "ticket", "Adreswijziging per {DATE}: {PCNR}.\n\nGroet, {NAME}"),
    (
        "POSTCODE",
        "nl",
        "survey",
        "Bij postcode {POSTCODE} geeft de site een foutmelding",
    ),
    (
        "POSTCODE",
        "nl",
        "tweet",
        "@{HANDLE} waarom is {POSTCODE} ineens buiten jullie bezorggebied?",
    ),
    ("POSTCODE", "nl", "survey", "Nieuw adres: {PCNR}, vanaf {DATE}"),
    ("POSTCODE", "en", "survey", "My postcode {POSTCODE} is not accepted at checkout."),
    ("POSTCODE", "en", "survey", "Delivery to {PCNR} failed twice."),
    ("POSTCODE", "en", "survey", "We moved to {POSTCODE} {CITY} in {YEAR}."),
    ("POSTCODE", "en", "tweet", "@{HANDLE} do you deliver to {POSTCODE}? site says no"),
    # --- ADDRESS
    (
        "ADDRESS",
        "nl",
        "survey",
        "Ik woon op {ADDRESS} en het pakket is bij de buren afgegeven.",
    ),
    ("ADDRESS", "nl", "survey", "Bezorgadres: {ADDRESS}"),
    (
        "ADDRESS",
        "nl",
        "survey",
        "Het pakket moest naar {ADDRESS}, niet naar mijn werk.",
    ),
    (
        "ADDRESS",
        "nl",
        "ticket",
        "Beste,\n\nMijn nieuwe adres is {ADDRESS}. Wilt u dat aanpassen voor order {ORDER}?\n\nGroet,\n{NAME}",
    ),
    (
        "ADDRESS",
        "nl",
        "survey",
        "De monteur stond op {DATE} op {ADDRESS}, maar ik woon op nummer 14.",
    ),
    ("ADDRESS", "nl", "survey", "Ophalen kan op {ADDRESS} tussen {TIME} en {TIME}."),
    ("ADDRESS", "nl", "survey", "Factuuradres: {ADDRESS}"),
    (
        "ADDRESS",
        "nl",
        "tweet",
        "@{HANDLE} bezorger zet pakketten gewoon voor de deur op {ADDRESS} 🙄",
    ),
    ("ADDRESS", "en", "survey", "I live at {ADDRESS_EN} and nobody rang the bell."),
    ("ADDRESS", "en", "survey", "Deliver to {ADDRESS_EN} please."),
    ("ADDRESS", "en", "survey", "Parcel {TRACK} went to {ADDRESS} instead of my home."),
    (
        "ADDRESS",
        "en",
        "ticket",
        "Hi,\n\nPlease update my address to {ADDRESS_EN}.\n\nThanks,\n{NAME}",
    ),
    # --- NAME
    ("NAME", "nl", "survey", "Medewerker {FIRST} was super vriendelijk en behulpzaam."),
    ("NAME", "nl", "survey", "Ik werd geholpen door {NAME}, top!"),
    (
        "NAME",
        "nl",
        "survey",
        "{NAME} van de klantenservice heeft alles in {QTY} geregeld.",
    ),
    ("NAME", "nl", "survey", "Complimenten voor {FIRST} bij de kassa."),
    ("NAME", "nl", "survey", "Mevrouw {SURNAME} was erg onbeleefd aan de telefoon."),
    (
        "NAME",
        "nl",
        "survey",
        "Dhr. {SURNAME} beloofde terug te bellen maar deed het niet.",
    ),
    (
        "NAME",
        "nl",
        "ticket",
        "Beste {FIRST},\n\nBedankt voor je hulp met bestelling {ORDER}.\n\nGroeten,\n{NAME}",
    ),
    (
        "NAME",
        "nl",
        "survey",
        "Mijn naam is {NAME} en ik wacht al {QTY} op een reactie.",
    ),
    ("NAME", "nl", "survey", "Ik heet {FIRST} en ik ben al {YEAR} klant."),
    ("NAME", "nl", "survey", "Met vriendelijke groet,\n{NAME}"),
    (
        "NAME",
        "nl",
        "tweet",
        "Shoutout naar {FIRST} van @{HANDLE}, die heeft mijn dag gered 🙌",
    ),
    (
        "NAME",
        "nl",
        "survey",
        "Uw collega {FIRST} zei iets anders dan {FIRST} aan de telefoon.",
    ),
    ("NAME", "en", "survey", "{NAME} at the front desk was amazing."),
    ("NAME", "en", "survey", "I was helped by {NAME} and it took {QTY}."),
    ("NAME", "en", "survey", "Thanks to {FIRST} for sorting out my refund!"),
    ("NAME", "en", "survey", "My name is {NAME}, order {ORDER}."),
    (
        "NAME",
        "en",
        "ticket",
        "Dear {FIRST},\n\nThanks for the quick reply.\n\nKind regards,\n{NAME}",
    ),
    (
        "NAME",
        "en",
        "survey",
        "Mr. {SURNAME} promised a callback on {DATE} that never came.",
    ),
    ("NAME", "en", "tweet", "big thanks to {FIRST} at @{HANDLE} 👏"),
]

# Mixed tickets: several kinds in one text.
MIXED: list[_T] = [
    ("MIXED", "nl", "ticket", "Beste klantenservice,\n\nIk ben {NAME} (klantnummer {ORDER}). Ik woon op {ADDRESS}. "
     "Bel me op {PHONE} of mail {EMAIL}. Het bedrag van {PRICE} graag op {IBAN}.\n\nGroeten,\n{FIRST}"),
    ("MIXED", "nl", "ticket", "Gegevens voor het contract:\nNaam: {NAME}\nBSN: {BSN}\nAdres: {ADDRESS}\n"
     "Telefoon: {PHONE}\nE-mail: {EMAIL}\nIBAN: {IBAN}"),
    ("MIXED", "nl", "survey", "Monteur zou op {DATE} om {TIME} komen op {PCNR} maar kwam niet. Bel {PHONE}."),
    ("MIXED", "en", "ticket", "Hello,\n\nMy name is {NAME}, order {ORDER} of {DATE}. Please call {PHONE} or "
     "email {EMAIL}. Refund {PRICE} to {IBAN}.\n\nCheers,\n{FIRST}"),
    ("MIXED", "en", "ticket", "Name: {NAME}\nPhone: {PHONE}\nEmail: {EMAIL}\nPostcode: {PCNR}\nIssue: {MODEL} broken after {QTY}"),
]  # fmt: skip

# Texts with ordinary numbers only: none of them may be redacted.
DECOY_TEMPLATES: list[tuple[str, str, str]] = [
    ("nl", "survey", "Ik heb op {DATE} besteld (bestelnummer {ORDER}) en het kostte {PRICE}."),
    ("nl", "survey", "Voor {PRICE} verwacht je toch meer dan dit. {PCT} korting was wel fijn."),
    ("nl", "survey", "Ordernummer {ORDER}: {QTY} besteld, maar {QTY} geleverd."),
    ("nl", "survey", "Levering op {DATE} tussen {TIME} en {TIME}, maar pas om {TIME} kwam de bezorger."),
    ("nl", "survey", "Mijn {MODEL} is na {QTY} al kapot. Gekocht in {YEAR} voor {PRICE}."),
    ("nl", "survey", "Track & trace {TRACK} staat sinds {DATE} stil."),
    ("nl", "survey", "Factuur {ORDER} van {DATE}: {PRICE} in plaats van {PRICE}."),
    ("nl", "survey", "Sinds {YEAR} klant, maar dit was de eerste keer dat het misging ({PCT} van mijn bestellingen)."),
    ("nl", "survey", "Retour {ORDER} aangemeld op {DATE}, {PRICE} nog steeds niet terug."),
    ("nl", "survey", "De {MODEL} was {PCT} goedkoper bij de concurrent: {PRICE}."),
    ("nl", "survey", "Wachttijd {QTY}, ticket {ORDER}, gesprek om {TIME} afgebroken."),
    ("nl", "tweet", "@{HANDLE} pakket {TRACK} al {QTY} onderweg 🙃 besteld op {DATE} #postnl"),
    ("nl", "tweet", "{PCT} korting op een {MODEL} van {PRICE}?? top deal @{HANDLE}"),
    ("nl", "ticket", "Beste,\n\nBestelling {ORDER} ({QTY}, totaal {PRICE}) is op {DATE} niet bezorgd. "
     "Zending {TRACK}.\n\nGroet"),
    ("nl", "ticket", "Referentie {ORDER}\nDatum: {DATE}\nBedrag: {PRICE}\nArtikel: {MODEL}"),
    ("nl", "survey", "In {YEAR} betaalde ik {PRICE}, nu {PRICE}: dat is {PCT} meer."),
    ("nl", "survey", "Meterstand op {DATE} was {METER}, het voorschot van {PRICE} is te hoog."),
    ("nl", "survey", "Openingstijden kloppen niet: om {TIME} was de winkel al dicht ({DATE})."),
    ("nl", "survey", "Ik geef jullie een {QTY} voor de service."),
    ("nl", "survey", "Klantnummer {ORDER}, contract {ORDER}, alles per {DATE} opgezegd."),
    ("en", "survey", "Ordered on {DATE} (order {ORDER}), paid {PRICE} and still waiting."),
    ("en", "survey", "The {MODEL} broke after {QTY}. Bought in {YEAR} for {PRICE}."),
    ("en", "survey", "Invoice {ORDER} dated {DATE} charged {PRICE} instead of {PRICE}."),
    ("en", "survey", "Delivery window {TIME}-{TIME} on {DATE}, driver came at {TIME}."),
    ("en", "survey", "Tracking {TRACK} hasn't moved since {DATE}."),
    ("en", "survey", "{PCT} off a {MODEL} that costs {PRICE} is not a deal."),
    ("en", "tweet", "@{HANDLE} order {ORDER} delayed {QTY} now 😡 #fail"),
    ("en", "ticket", "Hi,\n\nOrder {ORDER} ({QTY}, total {PRICE}) placed {DATE} arrived damaged.\n\nThanks"),
    ("en", "survey", "Customer since {YEAR}, {QTY} orders, first problem ever."),
    ("en", "survey", "Case {ORDER} opened on {DATE} at {TIME}, no answer yet."),
    ("nl", "survey", "Van {YEAR} tot {YEAR} nooit problemen gehad, nu al {QTY} gedoe."),
    ("nl", "survey", "In {YEAR} en {YEAR} ging het ook al mis met de levering."),
    ("nl", "survey", "De {MODEL} met {UNIT} was binnen {RANGE} geleverd, netjes."),
    ("nl", "survey", "Betalingskenmerk {REF} staat er gewoon bij, toch een herinnering gekregen."),
    ("nl", "survey", "Klantenservice is open van {RANGE}, maar om {TIME} nam niemand op."),
    ("nl", "survey", "Na de update naar {VERSION} doet de app het niet meer."),
    ("nl", "survey", "Mijn verbruik was {UNIT} in {YEAR}, het voorschot is {PRICE} per maand."),
    ("nl", "tweet", "SINDS {YEAR} KLANT EN DIT IS HET DANK?? {PRICE} voor een {MODEL} die na {QTY} kapot is"),
    ("en", "survey", "Payment reference {REF} was included, still got a reminder."),
    ("en", "survey", "The {MODEL} ({UNIT}) arrived within {RANGE}."),
    ("en", "survey", "App version {VERSION} crashes at checkout since {DATE}."),
    ("en", "survey", "From {YEAR} to {YEAR} all fine, now {PCT} price increase."),
]  # fmt: skip

_SLOT_RE = re.compile(r"\{(\w+)\}")


def _render(rng: random.Random, lang: str, style: str, template: str) -> CorpusItem:
    """Fill in a template's slots, recording every span."""
    parts: list[str] = []
    gold: list[Gold] = []
    personal: list[tuple[int, int]] = []
    decoys: list[Decoy] = []
    position = 0
    last = 0
    for m in _SLOT_RE.finditer(template):
        literal = template[last : m.start()]
        parts.append(literal)
        position += len(literal)
        last = m.end()
        slot = m.group(1)
        if slot in _DECOYS:
            value = _DECOYS[slot](rng, lang)
            decoys.append(Decoy(slot.lower(), position, position + len(value)))
            parts.append(value)
            position += len(value)
            continue
        frag = _PII[slot](rng, lang)
        gold += [Gold(g.kind, g.start + position, g.end + position) for g in frag.gold]
        personal += [(a + position, b + position) for a, b in frag.personal]
        parts.append(frag.text)
        position += len(frag.text)
    parts.append(template[last:])
    text = "".join(parts)
    if style == "tweet" and rng.random() < 0.5:
        text = _lower_outside(text, gold, decoys)
    return CorpusItem(text, lang, style, tuple(gold), tuple(personal), tuple(decoys))


def _lower_outside(text: str, gold: list[Gold], decoys: list[Decoy]) -> str:
    """Tweets are often typed in lower case; the values keep their own case."""
    keep = sorted([(g.start, g.end) for g in gold] + [(d.start, d.end) for d in decoys])
    out, last = [], 0
    for start, end in keep:
        if start < last:
            continue
        out += [text[last:start].lower(), text[start:end]]
        last = end
    out.append(text[last:].lower())
    return "".join(out)


@cache
def build_corpus(
    seed: int = SEED, per_kind: int = 320, decoy_texts: int = 700
) -> tuple[CorpusItem, ...]:
    """The corpus: ``per_kind`` texts per kind, mixed tickets and decoy texts."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
    items: list[CorpusItem] = []
    by_kind: dict[str, list[_T]] = {}
    for template in TEMPLATES:
        by_kind.setdefault(template[0], []).append(template)
    for kind in KINDS:
        for _ in range(per_kind):
            _, lang, style, text = rng.choice(by_kind[kind])
            items.append(_render(rng, lang, style, text))
    for _ in range(per_kind // 2):
        _, lang, style, text = rng.choice(MIXED)
        items.append(_render(rng, lang, style, text))
    for _ in range(decoy_texts):
        lang, style, text = rng.choice(DECOY_TEMPLATES)
        items.append(_render(rng, lang, style, text))
    rng.shuffle(items)
    return tuple(items)


# ----------------------------------------------------------------- scoring


class Found(NamedTuple):
    """A redaction as the scorer sees it: kind name and span in the original."""

    kind: str
    start: int
    end: int


# A postcode inside a redacted address is redacted as part of that address.
COVERING_KINDS = {kind: {kind} for kind in KINDS} | {
    "POSTCODE": {"POSTCODE", "ADDRESS"}
}


@dataclass
class Score:
    """Per-kind counts over a corpus, and the misses and false redactions."""

    instances: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    missed: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # kind, value, text
    decoys: int = 0
    decoys_redacted: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # label, value, text
    # Redacted characters outside every personal stretch: (kind, value, text).
    over_redacted: list[tuple[str, str, str]] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.instances[kind] if self.instances[kind] else 1.0


def is_found(item: CorpusItem, gold: Gold, redactions: list[Found]) -> bool:
    """Whether every letter and digit of ``gold`` is inside a redaction of its kind.

    Separators at the edges ("+", "(") need not be covered, and a longer
    redaction counts (an address that includes its postcode). A redaction of
    another kind does not, except an ADDRESS for a POSTCODE.
    """
    kinds = COVERING_KINDS[gold.kind]
    spans = [(r.start, r.end) for r in redactions if r.kind in kinds]
    return all(
        any(start <= i < end for start, end in spans)
        for i in range(gold.start, gold.end)
        if item.text[i].isalnum()
    )


def score(corpus: tuple[CorpusItem, ...], results: list[list[Found]]) -> Score:
    """Recall per kind, decoys redacted and redactions outside personal data."""
    out = Score()
    for item, redactions in zip(corpus, results, strict=True):
        for gold in item.gold:
            out.instances[gold.kind] += 1
            if is_found(item, gold, redactions):
                out.found[gold.kind] += 1
            else:
                out.missed.append(
                    (gold.kind, item.text[gold.start : gold.end], item.text)
                )
        for decoy in item.decoys:
            out.decoys += 1
            if any(r.start < decoy.end and decoy.start < r.end for r in redactions):
                value = item.text[decoy.start : decoy.end]
                out.decoys_redacted.append((decoy.label, value, item.text))
        for r in redactions:
            outside = [
                i
                for i in range(r.start, r.end)
                if not any(a <= i < b for a, b in item.personal)
            ]
            if outside:
                out.over_redacted.append(
                    (r.kind, item.text[r.start : r.end], item.text)
                )
    return out
