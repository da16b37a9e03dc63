"""What each kind of record holds: fields, types, scales and usual column names.

Column names are matched loosely (see `formats.normalise_header`) against the
aliases, in Dutch and English, so most exports import without a mapping file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RecordKind(StrEnum):
    """The kinds of record `belofte import` and the ingest API accept."""

    RESPONSES = "responses"
    REVIEWS = "reviews"
    SOCIAL = "social"
    TICKETS = "tickets"
    EVENTS = "events"
    ORDERS = "orders"
    CUSTOMERS = "customers"
    PULSE = "pulse"


class FieldType(StrEnum):
    """How a field's raw value is parsed."""

    ID = "id"
    TEXT = "text"
    LONG_TEXT = "long_text"
    INT = "int"
    FLOAT = "float"
    DECIMAL = "decimal"
    BOOL = "bool"
    DATETIME = "datetime"
    PERIOD = "period"
    LANGUAGE = "language"
    TOUCHPOINT = "touchpoint"
    LOCATION = "location"
    CHANNEL = "channel"
    TEAM = "team"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a record kind."""

    name: str
    type: FieldType
    required: bool = False
    low: float | None = None
    high: float | None = None
    aliases: tuple[str, ...] = ()
    help: str = ""
    #: Personal data: stored only on the personal-data side, and never quoted
    #: in an error report.
    personal: bool = False


@dataclass(frozen=True, slots=True)
class KindSpec:
    """A record kind: its fields and what happens to columns it does not name."""

    kind: RecordKind
    fields: tuple[FieldSpec, ...]
    keeps_attributes: bool = False  # unmapped columns are kept as attributes
    has_questions: bool = False  # mapped custom questions become answers
    verbatim: str | None = None  # the verbatim kind its text is stored as
    text_field: str | None = None

    def field(self, name: str) -> FieldSpec:
        """The field called `name`."""
        return next(f for f in self.fields if f.name == name)


def _f(name: str, kind: FieldType, *aliases: str, **options: object) -> FieldSpec:
    return FieldSpec(name, kind, aliases=(name, *aliases), **options)  # type: ignore[arg-type]


_ID = ("external_id", "record_id", "nummer", "nr")
_CUSTOMER = (
    "customer_id",
    "klant_id",
    "klantnummer",
    "klant",
    "customer_key",
    "client_id",
)
_TOUCHPOINT = ("touchpoint", "contactmoment", "moment")
_LOCATION = ("location", "locatie", "store", "winkel", "vestiging", "filiaal", "shop")
_CHANNEL = ("kanaal", "channel_id")
_LANGUAGE = ("taal", "lang", "locale")
_WHEN = ("datum", "date", "datetime", "timestamp", "created_at", "aangemaakt")


def _where() -> tuple[FieldSpec, ...]:
    return (
        _f("touchpoint", FieldType.TOUCHPOINT, *_TOUCHPOINT),
        _f("location", FieldType.LOCATION, *_LOCATION),
        _f("channel", FieldType.CHANNEL, *_CHANNEL),
    )


def _verbatim(kind: RecordKind, verbatim: str, *extra: str) -> KindSpec:
    return KindSpec(
        kind,
        (
            _f("id", FieldType.ID, *_ID, f"{verbatim}_id", "post_id", "tweet_id"),
            _f(
                "customer",
                FieldType.ID,
                *_CUSTOMER,
                "author",
                "auteur",
                "user",
                "handle",
            ),
            _f(
                "occurred_at",
                FieldType.DATETIME,
                *_WHEN,
                f"{verbatim}_date",
                "tweet_created",
                "posted_at",
                "review_creation_date",
                required=True,
            ),
            *_where(),
            _f(
                "rating",
                FieldType.FLOAT,
                "stars",
                "sterren",
                "score",
                "review_score",
                low=1,
                high=5,
            ),
            _f(
                "title", FieldType.TEXT, "titel", "subject", "onderwerp", "review_title"
            ),
            _f(
                "text",
                FieldType.LONG_TEXT,
                "tekst",
                "review",
                "body",
                "message",
                "bericht",
                "comment",
                "opmerking",
                *extra,
                required=True,
            ),
            _f("language", FieldType.LANGUAGE, *_LANGUAGE),
        ),
        keeps_attributes=True,
        verbatim=verbatim,
        text_field="text",
    )


SPECS: dict[RecordKind, KindSpec] = {
    RecordKind.RESPONSES: KindSpec(
        RecordKind.RESPONSES,
        (
            _f(
                "id",
                FieldType.ID,
                *_ID,
                "response_id",
                "respons_id",
                "antwoord_id",
                "survey_response_id",
            ),
            _f("customer", FieldType.ID, *_CUSTOMER),
            _f(
                "responded_at",
                FieldType.DATETIME,
                *_WHEN,
                "submitted_at",
                "ingevuld_op",
                "response_date",
                required=True,
            ),
            *_where(),
            _f(
                "nps",
                FieldType.INT,
                "aanbeveling",
                "likelihood_to_recommend",
                "recommend",
                "nps_score",
                low=0,
                high=10,
            ),
            _f(
                "csat",
                FieldType.INT,
                "tevredenheid",
                "satisfaction",
                "csat_score",
                low=1,
                high=5,
            ),
            _f("ces", FieldType.INT, "effort", "moeite", "ces_score", low=1, high=7),
            _f(
                "comment",
                FieldType.LONG_TEXT,
                "opmerking",
                "toelichting",
                "feedback",
                "text",
                "tekst",
                "open_antwoord",
                "verbatim",
            ),
            _f("language", FieldType.LANGUAGE, *_LANGUAGE),
        ),
        has_questions=True,
        verbatim="survey",
        text_field="comment",
    ),
    RecordKind.REVIEWS: _verbatim(RecordKind.REVIEWS, "review", "review_text"),
    RecordKind.SOCIAL: _verbatim(RecordKind.SOCIAL, "social", "tweet", "post"),
    RecordKind.TICKETS: _verbatim(
        RecordKind.TICKETS, "ticket", "description", "omschrijving", "instruction"
    ),
    RecordKind.EVENTS: KindSpec(
        RecordKind.EVENTS,
        (
            _f("id", FieldType.ID, *_ID, "event_id"),
            _f("customer", FieldType.ID, *_CUSTOMER),
            _f(
                "kind",
                FieldType.TEXT,
                "event",
                "event_type",
                "type",
                "soort",
                "gebeurtenis",
                required=True,
            ),
            _f(
                "occurred_at",
                FieldType.DATETIME,
                *_WHEN,
                "event_time",
                "tijdstip",
                required=True,
            ),
            *_where(),
            _f(
                "rating",
                FieldType.FLOAT,
                "stars",
                "sterren",
                "beoordeling",
                "touchpoint_rating",
                low=1,
                high=5,
            ),
        ),
        keeps_attributes=True,
    ),
    RecordKind.ORDERS: KindSpec(
        RecordKind.ORDERS,
        (
            _f("id", FieldType.ID, *_ID, "order_id", "ordernummer", "bestelnummer"),
            _f("customer", FieldType.ID, *_CUSTOMER),
            _f(
                "ordered_at",
                FieldType.DATETIME,
                *_WHEN,
                "order_date",
                "besteldatum",
                "order_purchase_timestamp",
                required=True,
            ),
            _f("location", FieldType.LOCATION, *_LOCATION),
            _f("channel", FieldType.CHANNEL, *_CHANNEL),
            _f(
                "revenue",
                FieldType.DECIMAL,
                "omzet",
                "amount",
                "bedrag",
                "total",
                "totaal",
                "order_value",
                required=True,
            ),
            _f("margin", FieldType.DECIMAL, "marge", "brutomarge"),
            _f(
                "items",
                FieldType.INT,
                "aantal",
                "quantity",
                "qty",
                "order_items_qty",
                low=0,
                high=1_000_000,
            ),
            _f("currency", FieldType.TEXT, "valuta"),
        ),
    ),
    RecordKind.CUSTOMERS: KindSpec(
        RecordKind.CUSTOMERS,
        (
            _f("id", FieldType.ID, *_ID, *_CUSTOMER, "customerid", required=True),
            _f("segment", FieldType.TEXT, "klantsegment", "customer_segment"),
            _f(
                "name",
                FieldType.TEXT,
                "naam",
                "full_name",
                "volledige_naam",
                "klantnaam",
                "klant_naam",
                "customer_name",
                personal=True,
            ),
            # A name in parts (voornaam, tussenvoegsel, achternaam) is joined
            # into `name` on the personal-data side.
            _f(
                "first_name",
                FieldType.TEXT,
                "voornaam",
                "roepnaam",
                "given_name",
                personal=True,
            ),
            _f(
                "name_prefix",
                FieldType.TEXT,
                "tussenvoegsel",
                "tussenvoegsels",
                personal=True,
            ),
            _f(
                "last_name",
                FieldType.TEXT,
                "achternaam",
                "surname",
                "family_name",
                personal=True,
            ),
            _f(
                "email",
                FieldType.TEXT,
                "e_mail",
                "emailadres",
                "e_mailadres",
                "e_mail_adres",
                "email_adres",
                "mailadres",
                "email_address",
                "klant_email",
                "customer_email",
                "mail",
                personal=True,
            ),
            _f(
                "phone",
                FieldType.TEXT,
                "telefoon",
                "telefoonnummer",
                "telefoon_nummer",
                "phone_number",
                "mobiel",
                "mobiel_nummer",
                "mobielnummer",
                "mobile",
                "mobile_number",
                "gsm",
                personal=True,
            ),
            _f(
                "street",
                FieldType.TEXT,
                "straat",
                "adres",
                "address",
                "straatnaam",
                personal=True,
            ),
            _f(
                "house_number",
                FieldType.TEXT,
                "huisnummer",
                "huisnr",
                "nummer_huis",
                personal=True,
            ),
            _f(
                "postcode",
                FieldType.TEXT,
                "zip",
                "zip_code",
                "postal_code",
                personal=True,
            ),
            _f("city", FieldType.TEXT, "plaats", "woonplaats", "stad", personal=True),
            _f("country", FieldType.TEXT, "land"),
            _f(
                "consent_survey", FieldType.BOOL, "toestemming_enquete", "survey_opt_in"
            ),
            _f(
                "consent_marketing",
                FieldType.BOOL,
                "toestemming_marketing",
                "marketing_opt_in",
                "nieuwsbrief",
            ),
            _f(
                "consent_profiling",
                FieldType.BOOL,
                "toestemming_profilering",
                "profiling_opt_in",
            ),
        ),
        keeps_attributes=True,
    ),
    RecordKind.PULSE: KindSpec(
        RecordKind.PULSE,
        (
            _f("id", FieldType.ID, *_ID, "respondent_id", "pulse_id"),
            _f("location", FieldType.LOCATION, *_LOCATION, required=True),
            _f("team", FieldType.TEAM, "afdeling"),
            _f(
                "period",
                FieldType.PERIOD,
                "periode",
                "maand",
                "month",
                "datum",
                "date",
                required=True,
            ),
            _f(
                "enps",
                FieldType.INT,
                "e_nps",
                "employee_nps",
                "aanbeveling_werkgever",
                low=0,
                high=10,
            ),
            _f(
                "room_to_act",
                FieldType.INT,
                "ruimte_om_te_handelen",
                "ruimte",
                "empowerment",
                low=1,
                high=5,
            ),
        ),
        has_questions=True,
    ),
}
