"""The PII redactor: whole redacted outputs, offsets, overlaps and idempotence."""

from __future__ import annotations

import dataclasses
import random

import pytest

from belofte.text.lexicons.first_names import (
    AMBIGUOUS_FIRST_NAMES,
    FIRST_NAMES,
    NOT_SURNAMES,
)
from belofte.text.redact import PiiKind, Redacted, Redaction, redact_pii

EMAILS = [
    (
        "Bel me op 06-12345678 of mail anna@example.nl",
        "Bel me op [PHONE] of mail [EMAIL]",
    ),
    ("Mail anna+promo@mail.sub.example.co.uk.", "Mail [EMAIL]."),
    ("mail me: Jan.Jansen@Example.COM, ok?", "mail me: [EMAIL], ok?"),
    ("reply to first_last-99@shop-online.be please", "reply to [EMAIL] please"),
    ("@stroomhuis jullie zijn top", "@stroomhuis jullie zijn top"),
    ("a@b is geen adres", "a@b is geen adres"),
]

PHONES = [
    ("Bel 06-12345678", "Bel [PHONE]"),
    ("Bel 06 1234 5678 na vijven", "Bel [PHONE] na vijven"),
    ("Bel 0612345678", "Bel [PHONE]"),
    ("tel 06 12 34 56 78", "tel [PHONE]"),
    ("kantoor 020-1234567", "kantoor [PHONE]"),
    ("kantoor 020 123 4567", "kantoor [PHONE]"),
    ("Rotterdam: 010-1234567.", "Rotterdam: [PHONE]."),
    ("Bel 020 - 123 45 67", "Bel [PHONE]"),
    ("zakelijk 088-1234567", "zakelijk [PHONE]"),
    ("gratis 0800-1234 of 0900 1234567", "gratis [PHONE] of [PHONE]"),
    ("+31 6 12345678", "[PHONE]"),
    ("mobiel: +31(0)6-12345678", "mobiel: [PHONE]"),
    ("0031 6 12345678", "[PHONE]"),
    ("+31612345678 of +31 20 123 4567", "[PHONE] of [PHONE]"),
    ("Call +44 20 7946 0958 today", "Call [PHONE] today"),
    ("Call +1 (555) 123-4567", "Call [PHONE]"),
    ("Bel +32 470 12 34 56", "Bel [PHONE]"),
    ("Call 555-123-4567 or (555) 123-4567", "Call [PHONE] or [PHONE]"),
    ("UK mobile 07700 900123", "UK mobile [PHONE]"),
    ("ordernummer 0123456789", "ordernummer [PHONE]"),
    ("06 12345678 9 stuks", "[PHONE] 9 stuks"),
    ("3 0612345678", "3 [PHONE]"),
    ("call 1-800-433-7300 now", "call [PHONE] now"),
]

NOT_PHONES = [
    "In 2026 kostte het € 1.299,00 of 1299 euro",
    "Op 31-12-2026 om 10:30 bezorgd",
    "Geleverd op 06-12-2026 10 stuks",
    "datum 06.12.2026, tijd 10.30 uur",
    "Bestelling 20261234 geleverd",
    "ordernummer 1234567890123",
    "Prijs: 1.234.567,89 en 12.345",
    "Versie 1.2.3 en IP 192.168.0.1",
    "+31 6 1234567 is te kort",
]

IBANS = [
    ("IBAN NL91ABNA0417164300 graag", "IBAN [IBAN] graag"),
    ("IBAN NL91 ABNA 0417 1643 00 graag", "IBAN [IBAN] graag"),
    ("iban nl91abna0417164300", "iban [IBAN]"),
    (
        "Belgisch: BE68 5390 0754 7034 voor de terugbetaling",
        "Belgisch: [IBAN] voor de terugbetaling",
    ),
    ("DE89 3704 0044 0532 0130 00", "[IBAN]"),
    ("GB29NWBK60161331926819.", "[IBAN]."),
    ("ongeldig: NL91ABNA0417164301", "ongeldig: NL91ABNA0417164301"),
    ("ongeldig: NL91 ABNA 0417 1643 01", "ongeldig: NL91 ABNA 0417 1643 01"),
    ("NL91ABNA0417164300 en NL91ABNA0417164301", "[IBAN] en NL91ABNA0417164301"),
]

BSNS = [
    ("BSN 111222333", "BSN [BSN]"),
    ("Mijn BSN is 111.222.333. Bedankt", "Mijn BSN is [BSN]. Bedankt"),
    ("bsn: 1112.22.333", "bsn: [BSN]"),
    ("bsn 111 222 333", "bsn [BSN]"),
    ("BSN 123456789 klopt niet", "BSN 123456789 klopt niet"),
    ("ordernummer 123456789", "ordernummer 123456789"),
    ("000000000", "000000000"),
    ("1112223334 is geen BSN", "1112223334 is geen BSN"),
    ("a111222333 ook niet", "a111222333 ook niet"),
]

POSTCODES = [
    ("Postcode 1234 AB is niet bereikbaar", "Postcode [POSTCODE] is niet bereikbaar"),
    ("Bezorgen op 1234AB 12a", "Bezorgen op [POSTCODE]"),
    ("1234 ab, 12 graag", "[POSTCODE] graag"),
    ("postcode 9999ZZ", "postcode [POSTCODE]"),
    ("adres: 1234 AB 12", "adres: [POSTCODE]"),
    ("1234 SA en 1234 SS bestaan niet", "1234 SA en 1234 SS bestaan niet"),
    ("0123 AB begint met een nul", "0123 AB begint met een nul"),
    ("In 2026 en 2027", "In 2026 en 2027"),
    ("1000 GB opslag, 1500 km rijden", "1000 GB opslag, 1500 km rijden"),
]

ADDRESSES = [
    ("Dorpsstraat 12, 1234 AB Amsterdam is mijn adres", "[ADDRESS] is mijn adres"),
    ("Ik woon op de Dorpsstraat 12.", "Ik woon op de [ADDRESS]."),
    ("Kerkweg 3-5 en Van Goghlaan 112 bis", "[ADDRESS] en [ADDRESS]"),
    ("Lange Voorhout 9A, Den Haag", "[ADDRESS], Den Haag"),
    ("Prins Hendrikkade 108, 1011 AK Amsterdam", "[ADDRESS]"),
    ("Ik woon aan de Dorpsstraat 12\n1234 AB Den Haag", "Ik woon aan de [ADDRESS]"),
    ("Johan de Wittlaan 7 in Arnhem", "[ADDRESS] in Arnhem"),
    ("winkel op de Markt 5 in Delft", "winkel op de [ADDRESS] in Delft"),
    ("hoofdstraat 12 is het", "[ADDRESS] is het"),
    ("221B Baker Street, London", "[ADDRESS], London"),
    ("She lives at 12 High Street.", "She lives at [ADDRESS]."),
    ("10 Downing St is famous", "[ADDRESS] is famous"),
    ("Kalverstraat 5 minuten lopen", "Kalverstraat 5 minuten lopen"),
    ("op de snelweg 2 uur vast", "op de snelweg 2 uur vast"),
    ("The iPad 2 is fine", "The iPad 2 is fine"),
]

NAMES = [
    ("Anna de Vries heeft me geholpen", "[NAME] heeft me geholpen"),
    (
        "Ik ben geholpen door Jan-Willem van der Berg, top!",
        "Ik ben geholpen door [NAME], top!",
    ),
    ("Sarah Johnson was great", "[NAME] was great"),
    ("Super service van Anna!", "Super service van [NAME]!"),
    ("Anne-Sophie kwam langs", "Anne-Sophie kwam langs"),
    ("Daarna kwam Anne-Sophie langs", "Daarna kwam [NAME] langs"),
    ("Beste Frank, bedankt", "Beste [NAME], bedankt"),
    ("Dear Will, thanks", "Dear [NAME], thanks"),
    ("Hoi Roos!", "Hoi [NAME]!"),
    ("mevrouw De Vries belde", "mevrouw [NAME] belde"),
    ("dhr. J. de Vries belde", "dhr. [NAME] belde"),
    ("Mevr. Jansen was vriendelijk", "Mevr. [NAME] was vriendelijk"),
    ("Geachte heer Bakker,", "Geachte heer [NAME],"),
    ("dhr. Van der Berg", "dhr. [NAME]"),
    ("Mr. Smith and Mrs Brown", "Mr. [NAME] and Mrs [NAME]"),
    ("Mijn naam is Pieterse", "Mijn naam is [NAME]"),
    ("ik ben blij en ik ben Anna", "ik ben blij en ik ben [NAME]"),
    ("I'm Grace and I am happy", "I'm [NAME] and I am happy"),
    ("Ik heet Bram 😊", "Ik heet [NAME] 😊"),
    (
        "Medewerker Anna was top, collega Piet ook",
        "Medewerker [NAME] was top, collega [NAME] ook",
    ),
    ("The agent Smith helped me", "The agent [NAME] helped me"),
    ("I was helped by Sarah", "I was helped by [NAME]"),
    (
        "Ik sprak met Frank. Frank Jansen was aardig",
        "Ik sprak met [NAME]. [NAME] was aardig",
    ),
    ("Groeten,\nAnna", "Groeten,\n[NAME]"),
    ("Met vriendelijke groet,\nAnna de Vries", "Met vriendelijke groet,\n[NAME]"),
    ("Met vriendelijke groet, Will", "Met vriendelijke groet, [NAME]"),
    ("Thanks Grace! Cheers, Sue", "Thanks [NAME]! Cheers, [NAME]"),
    ("Graag contact met mevr. Zoë el Amrani", "Graag contact met mevr. [NAME]"),
    ("Great Service From Anna Today", "Great Service From [NAME] Today"),
    ("Ik wil Max spreken, Max Verstappen", "Ik wil Max spreken, [NAME]"),
    ("Ben je er? Ben Jansen hier", "Ben je er? [NAME] hier"),
    ("Beste Wubbo Ockels,", "Beste [NAME],"),
    ("Hi Sarah, thanks!", "Hi [NAME], thanks!"),
    ("Jan-Willem belde, daarna Jan-Willem Smit", "Jan-Willem belde, daarna [NAME]"),
    ("Bedankt, Daan", "Bedankt, [NAME]"),
    ("O'Brien? No: Sean O'Brien", "O'Brien? No: [NAME]"),
    ("Miss Bloom was kind", "Miss [NAME] was kind"),
]

NOT_NAMES = [
    "Mark my words",
    "Will the delivery be late?",
    "frank en vrij",
    "Frank en vrij zei ik",
    "Anna hielp me snel",
    "Will Order Again",
    "Dear Team, Hi Team, Hello World, Beste klantenservice",
    "de beste Service ooit",
    "Bedankt Stroomhuis!",
    "Ik kocht op 5 Jan 2026 een tv bij Albert Heijn",
    "I hope June is sunny, May too",
    "ANNA riep",
    "Ik kocht een Alexa en een Ruby boek",
    "ik ben Blij",
    "Beste Stroomhuis,",
    "Hoi Stroomhuis team",
    "Ik heb een iPad en een MacBook van Apple",
    "We waren er op 12 Jan 2026 en op Jan 5",
    "I'm now your employee. Training was hard",
    "Don't miss Bloom's on your next trip",
    "I flew to San Diego and San Francisco",
    "Ze spraken alleen Frans, geen Nederlands",
    "Preferably with Jet Airways",
]

URLS = [
    ("Check https://example.com/track?id=abc123. Thanks", "Check [URL]. Thanks"),
    ("Bestel via www.example.nl.", "Bestel via [URL]."),
    ("(zie https://nl.wikipedia.org/wiki/Foo_(bar))", "(zie [URL])"),
    ("link: HTTP://EXAMPLE.NL/a?utm=1&id=2!", "link: [URL]!"),
    ("http:// is geen link", "http:// is geen link"),
]

OVERLAPS = [
    # The e-mail address is part of the link: one placeholder, never nested.
    ("www.stroomhuis.nl/x?u=anna@x.nl!", "[URL]!"),
    # The postcode belongs to the address; the first name to the street.
    ("Anna Paulownastraat 5, 2518 BC Den Haag", "[ADDRESS]"),
    ("Anna de Vries, Dorpsstraat 12", "[NAME], [ADDRESS]"),
    # A valid IBAN hides the phone-shaped digits inside it.
    ("NL91 ABNA 0417 1643 00", "[IBAN]"),
]

ALL_CASES = [*EMAILS, *PHONES, *IBANS, *BSNS, *POSTCODES, *ADDRESSES, *NAMES, *URLS]
ALL_TEXTS = [text for text, _ in ALL_CASES + OVERLAPS] + NOT_PHONES + NOT_NAMES


@pytest.mark.parametrize(("text", "expected"), EMAILS)
def test_emails(text: str, expected: str) -> None:
    assert redact_pii(text).text == expected


@pytest.mark.parametrize(("text", "expected"), PHONES)
def test_phones(text: str, expected: str) -> None:
    assert redact_pii(text).text == expected


@pytest.mark.parametrize("text", NOT_PHONES)
def test_dates_times_prices_years_and_order_numbers_are_not_phones(text: str) -> None:
    assert redact_pii(text).text == text


@pytest.mark.parametrize(("text", "expected"), IBANS)
def test_ibans_only_with_a_valid_checksum(text: str, expected: str) -> None:
    assert redact_pii(text).text == expected


@pytest.mark.parametrize(("text", "expected"), BSNS)
def test_bsns_only_when_they_pass_the_eleven_proof(text: str, expected: str) -> None:
    assert redact_pii(text).text == expected


@pytest.mark.parametrize(("text", "expected"), POSTCODES)
def test_postcodes(text: str, expected: str) -> None:
    assert redact_pii(text).text == expected


@pytest.mark.parametrize(("text", "expected"), ADDRESSES)
def test_addresses(text: str, expected: str) -> None:
    assert redact_pii(text).text == expected


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_names(text: str, expected: str) -> None:
    assert redact_pii(text).text == expected


@pytest.mark.parametrize("text", NOT_NAMES)
def test_words_that_only_look_like_names_stay(text: str) -> None:
    assert redact_pii(text).text == text


@pytest.mark.parametrize(("text", "expected"), URLS)
def test_urls(text: str, expected: str) -> None:
    assert redact_pii(text).text == expected


@pytest.mark.parametrize(("text", "expected"), OVERLAPS)
def test_overlaps_keep_the_longer_span(text: str, expected: str) -> None:
    assert redact_pii(text).text == expected


def test_redactions_report_kinds_and_offsets_in_the_original_text() -> None:
    text = (
        "Beste Anna de Vries, bel 06-12345678 of mail anna@example.nl (BSN 111222333)."
    )
    result = redact_pii(text)
    assert result == Redacted(
        text="Beste [NAME], bel [PHONE] of mail [EMAIL] (BSN [BSN]).",
        redactions=(
            Redaction(PiiKind.NAME, 6, 19),
            Redaction(PiiKind.PHONE, 25, 36),
            Redaction(PiiKind.EMAIL, 45, 60),
            Redaction(PiiKind.BSN, 66, 75),
        ),
    )
    assert [text[r.start : r.end] for r in result.redactions] == [
        "Anna de Vries",
        "06-12345678",
        "anna@example.nl",
        "111222333",
    ]


def test_an_address_with_its_postcode_is_one_redaction() -> None:
    text = "Ik woon op Dorpsstraat 12, 1234 AB Amsterdam!"
    assert redact_pii(text).redactions == (Redaction(PiiKind.ADDRESS, 11, 44),)


def test_redactions_are_sorted_by_start() -> None:
    result = redact_pii("anna@example.nl, 06-12345678, NL91ABNA0417164300, www.x.nl")
    assert [r.kind for r in result.redactions] == [
        PiiKind.EMAIL,
        PiiKind.PHONE,
        PiiKind.IBAN,
        PiiKind.URL,
    ]
    starts = [r.start for r in result.redactions]
    assert starts == sorted(starts) == [0, 17, 30, 50]


def test_text_without_pii_is_returned_unchanged() -> None:
    text = "Snelle levering 🚚\n\n  en  vriendelijk   personeel!\tTop 👍"
    assert redact_pii(text) == Redacted(text=text, redactions=())


def test_everything_outside_the_spans_is_kept_byte_for_byte() -> None:
    text = "  Hoi 👋\r\nBel   06-12345678\t\t(of niet) 😅 — groetjes  "
    assert (
        redact_pii(text).text
        == "  Hoi 👋\r\nBel   [PHONE]\t\t(of niet) 😅 — groetjes  "
    )


def test_empty_text() -> None:
    assert redact_pii("") == Redacted(text="", redactions=())


def test_placeholders_are_never_redacted_again() -> None:
    text = "Meneer [NAME] belde [PHONE] over [IBAN] en [ADDRESS], [POSTCODE] [URL]"
    assert redact_pii(text) == Redacted(text=text, redactions=())


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_redacting_twice_changes_nothing(text: str) -> None:
    once = redact_pii(text).text
    assert redact_pii(once).text == once


def test_a_long_mixed_text() -> None:
    text = (
        "Beste Stroomhuis,\n\nIk ben Eva Bakker (BSN 111222333) en woon op "
        "Kerkstraat 5, 1234 AB Utrecht. Mijn tv kwam niet op 12-03-2026; bel me op "
        "+31 6 12345678 of mail eva.bakker+tv@gmail.com. Terugbetalen op "
        "NL91 ABNA 0417 1643 00 graag, zie www.stroomhuis.nl/order?id=42.\n\n"
        "Groeten,\nEva"
    )
    assert redact_pii(text).text == (
        "Beste Stroomhuis,\n\nIk ben [NAME] (BSN [BSN]) en woon op [ADDRESS]. "
        "Mijn tv kwam niet op 12-03-2026; bel me op [PHONE] of mail [EMAIL]. "
        "Terugbetalen op [IBAN] graag, zie [URL].\n\nGroeten,\n[NAME]"
    )


def test_a_long_english_text() -> None:
    text = (
        "Dear Sir, my name is Johnson and I was helped by Grace at your store on "
        "12 High Street. Call me on +44 20 7946 0958 or email j.johnson@example.co.uk."
        " Will you refund me? May is too late. Mark my words!"
    )
    assert redact_pii(text).text == (
        "Dear Sir, my name is [NAME] and I was helped by [NAME] at your store on "
        "[ADDRESS]. Call me on [PHONE] or email [EMAIL]."
        " Will you refund me? May is too late. Mark my words!"
    )


def test_a_neighbouring_placeholder_is_taken_into_account() -> None:
    # "00 Jan" reads as a date, but once the IBAN is a placeholder "Jan" is a
    # name: the redactor settles that itself, so a second pass changes nothing.
    text = "NL91 ABNA 0417 1643 00 Jan"
    result = redact_pii(text)
    assert result.text == "[IBAN] [NAME]"
    assert result.redactions == (
        Redaction(PiiKind.IBAN, 0, 22),
        Redaction(PiiKind.NAME, 23, 26),
    )


def test_glued_texts_are_redacted_to_a_fixed_point() -> None:
    rng = random.Random(13)  # noqa: S311 - a seeded sample, not a secret
    for _ in range(1500):
        text = rng.choice(["", " ", "\n", ". "]).join(rng.sample(ALL_TEXTS, 3))
        once = redact_pii(text).text
        assert redact_pii(once).text == once, text


def test_letters_that_lower_case_to_two_letters() -> None:
    # str.lower() lengthens "İ"; the trigger search then runs on the original.
    text = "İstanbul: ik ben Anna de Vries, bel 06-12345678"
    assert redact_pii(text).text == "İstanbul: ik ben [NAME], bel [PHONE]"
    assert redact_pii("İ mſ Anna").text == "İ mſ [NAME]"


@pytest.mark.parametrize(
    "text",
    ["1 " * 5000, "06-1" * 2500, "1.2." * 4000, "Dhr. " * 3000, "Anna " * 3000],
)
def test_long_repetitive_inputs_are_handled(text: str) -> None:
    once = redact_pii(text).text
    assert redact_pii(once).text == once


def test_pii_kinds_are_the_placeholder_names() -> None:
    assert [str(kind) for kind in PiiKind] == [
        "EMAIL",
        "PHONE",
        "IBAN",
        "BSN",
        "POSTCODE",
        "ADDRESS",
        "NAME",
        "URL",
    ]
    assert f"[{PiiKind.EMAIL}]" == "[EMAIL]"


def test_results_are_frozen() -> None:
    result = redact_pii("anna@example.nl")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.redactions[0].start = 3  # type: ignore[misc]


def test_the_first_name_list_is_lowercase_data() -> None:
    assert len(FIRST_NAMES) >= 1000
    assert {"jan-willem", "anna", "sarah", "mohammed", "sem"} <= FIRST_NAMES
    assert all(name == name.lower() and " " not in name for name in FIRST_NAMES)
    assert AMBIGUOUS_FIRST_NAMES <= FIRST_NAMES
    assert {"will", "may", "june", "mark", "frank", "roos", "bas", "eva"} <= (
        AMBIGUOUS_FIRST_NAMES
    )
    assert all(word == word.lower() for word in NOT_SURNAMES)
