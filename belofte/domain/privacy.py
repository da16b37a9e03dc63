"""Privacy values: pseudonymous keys, personal-data records, personal columns."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from enum import StrEnum

KEY_PREFIX = "c_"


def pseudonymous_key(salt: str, source: str, external_id: str) -> str:
    """The customer key used everywhere analytical, from a source's own customer id.

    A keyed hash (HMAC-SHA256 with the workspace's secret salt): stable, so
    re-importing the same customer finds the same key, and not reversible
    without the salt, so the key alone identifies nobody.

    Examples
    --------
    >>> pseudonymous_key("salt", "crm", "42")
    'c_114ccdf069932e4f093b39d5'

    """
    message = f"{source}\x1f{external_id}".encode()
    digest = hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()
    return KEY_PREFIX + digest[:24]


@dataclass(frozen=True, slots=True)
class PersonalData:
    """What we know personally about a customer; stored apart from all feedback."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    consent_survey: bool = False
    consent_marketing: bool = False
    consent_profiling: bool = False


class PersonalKind(StrEnum):
    """A kind of personal data a column can hold."""

    EMAIL = "e-mail address"
    PHONE = "phone number"
    NAME = "name"
    ADDRESS = "address"
    BIRTH_DATE = "birth date"
    BANK_ACCOUNT = "bank account"
    NATIONAL_ID = "national id number"
    IP_ADDRESS = "IP address"


#: Whole column names (normalised: lowercase, words joined by "_") per kind.
_PERSONAL_NAMES: dict[PersonalKind, frozenset[str]] = {
    PersonalKind.NAME: frozenset(
        {
            "naam", "name", "full_name", "fullname", "volledige_naam",
            "contactpersoon", "contact_person", "initialen", "voorletters",
        }
    ),
    PersonalKind.IP_ADDRESS: frozenset({"ip", "ip_address", "ip_adres", "ipadres"}),
    PersonalKind.BIRTH_DATE: frozenset({"dob"}),
}  # fmt: skip
#: Words that mark a column name as personal wherever they occur in it.
_PERSONAL_WORDS: dict[str, PersonalKind] = {
    word: kind
    for kind, words in (
        (PersonalKind.EMAIL, ("email", "mail", "emailadres", "mailadres",
                              "emailaddress", "e_mail")),
        (PersonalKind.PHONE, ("telefoon", "telefoonnummer", "telnr", "tel", "phone",
                              "telephone", "mobiel", "mobile", "mobielnummer", "gsm",
                              "cell", "cellphone", "whatsapp", "fax")),
        (PersonalKind.NAME, ("voornaam", "achternaam", "tussenvoegsel", "roepnaam",
                             "firstname", "lastname", "surname", "givenname",
                             "familyname", "meisjesnaam")),
        (PersonalKind.ADDRESS, ("adres", "address", "straat", "straatnaam", "street",
                                "huisnummer", "huisnr", "postcode", "zip",
                                "zipcode", "postal", "woonplaats")),
        (PersonalKind.BIRTH_DATE, ("geboortedatum", "birthdate", "birthday",
                                   "verjaardag", "geboren", "geboortejaar")),
        (PersonalKind.BANK_ACCOUNT, ("iban", "rekeningnummer", "bankrekening",
                                     "rekening", "bic")),
        (PersonalKind.NATIONAL_ID, ("bsn", "burgerservicenummer", "sofinummer",
                                    "sofi", "ssn", "paspoort", "paspoortnummer",
                                    "passport", "rijbewijs", "identiteitskaart")),
    )
    for word in words
}  # fmt: skip
#: Two-word phrases that are personal though neither word is alone.
_PERSONAL_PAIRS: dict[tuple[str, str], PersonalKind] = {
    ("first", "name"): PersonalKind.NAME,
    ("last", "name"): PersonalKind.NAME,
    ("given", "name"): PersonalKind.NAME,
    ("family", "name"): PersonalKind.NAME,
    ("middle", "name"): PersonalKind.NAME,
    ("birth", "date"): PersonalKind.BIRTH_DATE,
    ("of", "birth"): PersonalKind.BIRTH_DATE,
    ("bank", "account"): PersonalKind.BANK_ACCOUNT,
    ("account", "number"): PersonalKind.BANK_ACCOUNT,
    ("social", "security"): PersonalKind.NATIONAL_ID,
    ("national", "id"): PersonalKind.NATIONAL_ID,
    ("id", "kaart"): PersonalKind.NATIONAL_ID,
    ("e", "mail"): PersonalKind.EMAIL,
    ("ip", "adres"): PersonalKind.IP_ADDRESS,
    ("ip", "address"): PersonalKind.IP_ADDRESS,
}
#: Whose name a "..._naam" / "..._name" column holds when it is a person's.
_PERSONS = frozenset(
    {
        "klant", "customer", "client", "contact", "persoon", "person", "user",
        "gebruiker", "account", "afzender", "sender", "ontvanger", "recipient",
        "koper", "buyer", "auteur", "author", "reviewer", "medewerker", "employee",
    }
)  # fmt: skip
#: Words after which a personal word describes a flag, not the data itself
#: (`email_opt_in`, `telefoon_toestemming`).
_ABOUT = frozenset({"opt", "optin", "consent", "toestemming", "akkoord", "bekend"})


def personal_kind(column: str) -> PersonalKind | None:
    """The kind of personal data a column of this (normalised) name holds, or None.

    Names are compared word by word, Dutch and English: `e_mail_adres`,
    `klant_email`, `mobiel_nummer`, `voornaam`, `iban`, `bsn`,
    `geboortedatum` are personal; `store_name`, `email_opt_in` are not.

    Examples
    --------
    >>> personal_kind("e_mail_adres"), personal_kind("loyalty")
    (<PersonalKind.EMAIL: 'e-mail address'>, None)

    """
    name = column.strip().lower()
    for kind, names in _PERSONAL_NAMES.items():
        if name in names:
            return kind
    words = [w for w in name.replace("-", "_").split("_") if w]
    if any(w in _ABOUT for w in words):
        return None
    for word in words:
        if word in _PERSONAL_WORDS:
            return _PERSONAL_WORDS[word]
    for pair in zip(words, words[1:], strict=False):
        if pair in _PERSONAL_PAIRS:
            return _PERSONAL_PAIRS[pair]
    if len(words) >= 2 and words[-1] in ("naam", "name") and words[0] in _PERSONS:
        return PersonalKind.NAME
    return next(filter(None, map(_compound, words)), None)


#: What a Dutch compound of a person word ends in: klantnaam, klantemail.
_COMPOUND_ENDS = {
    "naam": PersonalKind.NAME,
    "name": PersonalKind.NAME,
    "email": PersonalKind.EMAIL,
    "mail": PersonalKind.EMAIL,
    "telefoon": PersonalKind.PHONE,
    "adres": PersonalKind.ADDRESS,
}


def _compound(word: str) -> PersonalKind | None:
    for person in _PERSONS:
        if word.startswith(person):
            rest = word[len(person) :].removeprefix("s")  # gebruiker-s-naam
            if rest in _COMPOUND_ENDS:
                return _COMPOUND_ENDS[rest]
    return None
