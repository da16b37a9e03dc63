"""Phrase banks for the Stroomhuis demo: what synthetic customers say, as data.

Stroomhuis is a FICTIONAL Dutch electronics chain (blueprint template
``retail-nl``). For every theme of that blueprint, each polarity and each
language there are several wordings of the same idea, in the lowercase,
unpolished language customers really use, so that the analyses have to
recognise an idea and cannot match one fixed string. ``{i}`` in a wording marks
where an intensifier ("echt", "really") may go; ``verbatims.realisations``
lists the forms a wording can take. Negative banks include negated positives
("niet echt vriendelijk", "not very helpful"), because those are what naive
keyword sentiment gets wrong.

No wording contains a contrast connector: a connector in a generated text is
always one that ``verbatims.compose`` put between two aspects.

The names below are fictional combinations of common Dutch first names and
surnames; the first names are in the redactor's list (and none is ambiguous
with an ordinary word), so redacting a demo text is a fair test of the redactor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = [
    "CONTEXT_SENTENCES",
    "CONTRAST_CONNECTORS",
    "CONTRAST_OPENERS",
    "EMAIL_DOMAINS",
    "EMOJI",
    "EMOTION_PHRASES",
    "FIRST_NAMES",
    "IBAN_BANKS",
    "INTENSIFIERS",
    "INTENSIFIER_SLOT",
    "JOINERS",
    "LANGUAGES",
    "NAME_SIGNOFFS",
    "PII_KINDS",
    "PII_TEMPLATES",
    "POLARITIES",
    "SHORT_TEXTS",
    "SURNAMES",
    "THEME_PHRASES",
]

LANGUAGES: Final = ("nl", "en")
POLARITIES: Final = ("positive", "negative")
INTENSIFIER_SLOT: Final = "{i}"

_Bank = Mapping[str, tuple[str, ...]]  # language -> wordings

# theme id -> polarity -> language -> wordings
THEME_PHRASES: Final[Mapping[str, Mapping[str, _Bank]]] = {
    # ---- Vertrouwd dichtbij ------------------------------------------------
    "vriendelijk-personeel": {
        "positive": {
            "nl": (
                "{i} vriendelijk personeel",
                "de medewerkers waren {i} vriendelijk",
                "ik werd met een glimlach geholpen",
                "de verkoper was {i} behulpzaam",
                "supervriendelijke medewerker",
                "ze waren heel erg behulpzaam",
                "geduldig en vriendelijk geholpen",
                "het personeel was {i} aardig",
                "ik werd meteen vriendelijk begroet",
                "prettige en behulpzame mensen in de winkel",
            ),
            "en": (
                "{i} friendly staff",
                "the staff were {i} helpful",
                "greeted with a smile",
                "the salesperson was patient and kind",
                "the people in the store were {i} nice",
                "everyone was super welcoming",
                "staff went out of their way to help",
            ),
        },
        "negative": {
            "nl": (
                "het personeel was niet echt vriendelijk",
                "de medewerker was {i} onvriendelijk",
                "ik werd compleet genegeerd in de winkel",
                "niemand keek op toen ik binnenkwam",
                "chagrijnige verkoper",
                "arrogante houding van het personeel",
                "de verkoper was {i} kortaf",
                "niet bepaald behulpzaam personeel",
                "ze hadden duidelijk geen zin om te helpen",
                "nogal onbeschofte medewerker aan de kassa",
            ),
            "en": (
                "the staff were not very friendly",
                "{i} rude staff",
                "i was ignored in the store",
                "nobody even looked up when i came in",
                "the salesperson was {i} unfriendly",
                "not very helpful at all",
                "they clearly could not be bothered to help",
            ),
        },
    },
    "persoonlijk-contact": {
        "positive": {
            "nl": (
                "ze namen echt de tijd voor me",
                "{i} persoonlijk contact",
                "ik had een vaste contactpersoon",
                "ik werd teruggebeld zoals beloofd",
                "ze dachten echt met me mee",
                "{i} persoonlijke aandacht",
                "ze wisten nog precies wat ik de vorige keer had gekocht",
                "het voelde als een winkel waar ze je kennen",
                "fijn dat dezelfde medewerker me steeds hielp",
            ),
            "en": (
                "they really took time for me",
                "{i} personal service",
                "called back as promised",
                "they thought along with me",
                "i had one contact person the whole way",
                "they remembered me from last time",
            ),
        },
        "negative": {
            "nl": (
                "ik voelde me een nummer",
                "steeds iemand anders aan de lijn",
                "ik ben niet teruggebeld",
                "ik moest alles opnieuw uitleggen",
                "er werd niet echt met me meegedacht",
                "echt een lopendebandgevoel",
                "ze hadden {i} weinig aandacht voor mij",
                "geen persoonlijke aandacht",
                "niemand voelde zich verantwoordelijk voor mijn vraag",
            ),
            "en": (
                "i felt like just a number",
                "never called back",
                "i had to explain everything again",
                "a different person every time i called",
                "not very personal at all",
                "{i} impersonal service",
            ),
        },
    },
    "winkel-in-de-buurt": {
        "positive": {
            "nl": (
                "fijn dat er een winkel in de buurt is",
                "winkel om de hoek",
                "de winkel is {i} goed bereikbaar",
                "gratis parkeren voor de deur",
                "ruime openingstijden",
                "handig dat ik het in de winkel kon ophalen",
                "de winkel is {i} dichtbij",
                "lekker dichtbij, even binnenlopen",
                "fijne koopavond, na het werk nog even langs geweest",
            ),
            "en": (
                "store just around the corner",
                "the store is {i} easy to get to",
                "free parking right outside",
                "convenient opening hours",
                "handy to have a store nearby",
                "picked it up in the store down the road",
            ),
        },
        "negative": {
            "nl": (
                "de winkel bij mij in de buurt is gesloten",
                "de winkel is {i} slecht bereikbaar",
                "geen parkeerplek te vinden",
                "de dichtstbijzijnde winkel is te ver weg",
                "de winkel is niet echt makkelijk te bereiken",
                "jammer dat de winkel in het centrum is verdwenen",
                "de openingstijden zijn {i} beperkt",
                "de winkel is niet rolstoeltoegankelijk",
                "ik moest een half uur rijden naar de winkel",
            ),
            "en": (
                "the local store closed down",
                "the store is {i} far away",
                "no parking anywhere",
                "the store is not very easy to get to",
                "opening hours are {i} limited",
                "had to drive half an hour to the nearest store",
            ),
        },
    },
    "retour-en-reparatie": {
        "positive": {
            "nl": (
                "retourneren ging {i} soepel",
                "mijn geld was snel teruggestort",
                "netjes gerepareerd",
                "garantie probleemloos geregeld",
                "ik kreeg meteen een vervangend toestel",
                "ruilen was geen probleem",
                "de reparatie was binnen een week klaar",
                "de retourzending was {i} makkelijk geregeld",
                "ze hebben het zonder gedoe omgeruild",
            ),
            "en": (
                "returning it was {i} easy",
                "the refund came through quickly",
                "repaired properly",
                "got a replacement device straight away",
                "exchange was no problem",
                "the warranty was sorted without any hassle",
            ),
        },
        "negative": {
            "nl": (
                "mijn retour werd geweigerd",
                "de reparatie duurt {i} lang",
                "mijn laptop is al weken in reparatie",
                "garantie afgewezen terwijl het apparaat nog geen jaar oud is",
                "het apparaat kwam nog steeds kapot terug",
                "ik moest zelf het retourlabel betalen",
                "terugbetalen duurde eeuwen",
                "retourneren ging niet echt soepel",
                "de reparatie was {i} slecht uitgevoerd",
            ),
            "en": (
                "my return was refused",
                "the repair took weeks",
                "the refund took ages",
                "warranty claim rejected",
                "it came back from repair still broken",
                "returning it was not very easy",
                "the repair was {i} slow",
            ),
        },
    },
    # ---- Snel geregeld -----------------------------------------------------
    "levertijd": {
        "positive": {
            "nl": (
                "keurig op tijd geleverd",
                "{i} snel bezorgd",
                "de volgende dag al in huis",
                "binnen een dag geleverd",
                "supersnelle levering",
                "de levering was {i} vlot",
                "eerder bezorgd dan verwacht",
                "de bestelling kwam precies op de beloofde dag",
            ),
            "en": (
                "delivered {i} quickly",
                "it arrived right on time",
                "next-day delivery as promised",
                "it came a day earlier than expected",
                "{i} fast delivery",
                "delivery was spot on",
            ),
        },
        "negative": {
            "nl": (
                "de bezorging was twee dagen te laat",
                "mijn pakket kwam veel later dan beloofd",
                "levering liet lang op zich wachten",
                "de levering werd steeds uitgesteld",
                "{i} lange levertijd",
                "ik wacht nog steeds op mijn bestelling",
                "niet echt snel geleverd",
                "de levertijd was {i} lang",
                "een week later geleverd dan afgesproken",
            ),
            "en": (
                "the delivery was two days late",
                "my parcel arrived much later than promised",
                "the delivery kept getting postponed",
                "still waiting for my order",
                "{i} long delivery time",
                "delivery was not very fast",
                "it arrived a week late",
            ),
        },
    },
    "bezorgafspraak": {
        "positive": {
            "nl": (
                "de bezorger belde een half uur van tevoren",
                "ze kwamen netjes binnen het tijdvak",
                "{i} duidelijke updates over de bezorging",
                "track en trace werkte prima",
                "de bezorgers waren {i} vriendelijk",
                "ik kon zelf een handig tijdvak kiezen",
                "de bezorgers hebben alles netjes binnengezet",
                "keurig een bericht de avond ervoor",
            ),
            "en": (
                "the driver called ahead",
                "delivered within the time slot",
                "{i} clear delivery updates",
                "the drivers were {i} friendly",
                "tracking worked perfectly",
                "i could pick a delivery slot that suited me",
            ),
        },
        "negative": {
            "nl": (
                "ik heb de hele dag thuis gewacht",
                "ze kwamen niet binnen het tijdvak",
                "geen bericht over de bezorging",
                "track en trace werkte niet",
                "pakket bij de buren afgegeven zonder bericht",
                "de bezorger kwam niet opdagen",
                "de afspraak werd zonder overleg verzet",
                "de communicatie over de bezorging was {i} slecht",
                "niet echt duidelijk wanneer ze zouden komen",
            ),
            "en": (
                "i waited at home all day",
                "they missed the delivery slot",
                "no updates about the delivery",
                "tracking did not work",
                "the driver never showed up",
                "the delivery updates were not very clear",
                "parcel left with the neighbours without a note",
            ),
        },
    },
    "klantenservice": {
        "positive": {
            "nl": (
                "snel geholpen door de klantenservice",
                "mijn probleem was in één keer opgelost",
                "de chat reageerde {i} snel",
                "mijn klacht werd netjes afgehandeld",
                "de klantenservice nam het serieus",
                "de klantenservice was {i} behulpzaam",
                "binnen een paar minuten iemand aan de lijn",
                "ze hebben het meteen voor me geregeld",
            ),
            "en": (
                "customer service sorted it in one call",
                "the chat replied {i} quickly",
                "my complaint was handled well",
                "customer service was {i} helpful",
                "someone picked up within minutes",
                "they took my problem seriously",
            ),
        },
        "negative": {
            "nl": (
                "ik hing een uur in de wacht",
                "de klantenservice was onbereikbaar",
                "van het kastje naar de muur gestuurd",
                "geen reactie op mijn mail",
                "na drie telefoontjes nog steeds niets geregeld",
                "de klantenservice was niet echt behulpzaam",
                "de wachttijd was {i} lang",
                "ze beloven van alles en er gebeurt niets",
                "{i} slechte klantenservice",
            ),
            "en": (
                "i was on hold for an hour",
                "customer service was unreachable",
                "passed from pillar to post",
                "no reply to my email",
                "customer service was not very helpful",
                "{i} poor customer service",
                "three calls and still nothing sorted",
            ),
        },
    },
    "voorraad": {
        "positive": {
            "nl": (
                "het lag gewoon op voorraad",
                "ik kon het direct meenemen",
                "alles was er",
                "de voorraad op de website klopte",
                "{i} snel weer op voorraad",
                "ze hadden het nog in het magazijn liggen",
                "fijn dat de winkel alles op voorraad had",
                "nog net de laatste kunnen kopen",
            ),
            "en": (
                "it was in stock in the store",
                "i could take it home straight away",
                "{i} well stocked",
                "the stock shown on the website was right",
                "back in stock quickly",
                "they had everything i needed",
            ),
        },
        "negative": {
            "nl": (
                "het was niet op voorraad",
                "alweer uitverkocht",
                "de voorraad op de website klopte niet",
                "online stond het op voorraad, in de winkel was het er niet",
                "ik moest het bestellen en weken wachten",
                "nabestellen duurt weken",
                "het is nooit meer leverbaar",
                "de voorraad is {i} beperkt",
                "ze hadden niet echt iets van wat ik zocht",
            ),
            "en": (
                "it was out of stock",
                "sold out again",
                "the stock on the website was wrong",
                "had to order it and wait for weeks",
                "the store was not very well stocked",
                "{i} limited stock",
            ),
        },
    },
    "webshop-gebruiksgemak": {
        "positive": {
            "nl": (
                "{i} makkelijk besteld",
                "de webshop werkt prima",
                "bestellen ging vlot",
                "duidelijke productinformatie online",
                "de website is {i} overzichtelijk",
                "afrekenen ging in een paar klikken",
                "de app werkt {i} fijn",
                "alles makkelijk te vinden op de site",
            ),
            "en": (
                "{i} easy to order online",
                "smooth checkout",
                "the website is {i} clear",
                "the app works great",
                "found everything quickly on the site",
                "clear product information online",
            ),
        },
        "negative": {
            "nl": (
                "de website is {i} onoverzichtelijk",
                "betalen lukte niet",
                "de filters werken niet",
                "de app loopt steeds vast",
                "winkelmandje leeg na het inloggen",
                "de zoekfunctie vindt niks",
                "bestellen was niet echt makkelijk",
                "ik moest verplicht een account aanmaken",
                "de site is {i} traag",
            ),
            "en": (
                "the website is {i} confusing",
                "payment failed",
                "the filters do not work",
                "the app keeps crashing",
                "the search finds nothing",
                "ordering online was not very easy",
                "my basket emptied after logging in",
            ),
        },
    },
    # ---- Eerlijke prijs ----------------------------------------------------
    "prijs-kwaliteit": {
        "positive": {
            "nl": (
                "goede prijs-kwaliteitverhouding",
                "waar voor je geld",
                "{i} scherp geprijsd",
                "prima prijs",
                "betaalbaar en goede kwaliteit",
                "de prijs is {i} redelijk",
                "voor die prijs een prima apparaat",
                "goedkoper dan bij de concurrent",
            ),
            "en": (
                "good value for money",
                "{i} fair price",
                "affordable and good quality",
                "worth every cent",
                "cheaper than the competition",
                "the price was {i} reasonable",
            ),
        },
        "negative": {
            "nl": (
                "{i} duur",
                "elders goedkoper",
                "de kwaliteit valt tegen voor die prijs",
                "overprijsd",
                "de prijs viel tegen",
                "niet echt waar voor je geld",
                "het apparaat is {i} duur voor wat je krijgt",
                "voor dat geld verwacht je meer kwaliteit",
            ),
            "en": (
                "{i} expensive",
                "cheaper elsewhere",
                "overpriced",
                "not really worth the money",
                "quality is disappointing for the price",
                "the price was {i} steep",
            ),
        },
    },
    "transparante-kosten": {
        "positive": {
            "nl": (
                "duidelijke prijs vooraf",
                "geen extra kosten",
                "alles was vooraf {i} duidelijk",
                "geen verrassingen op de factuur",
                "de bezorgkosten stonden er meteen bij",
                "de factuur klopte precies",
                "de installatiekosten waren vooraf bekend",
                "{i} transparant over de kosten",
            ),
            "en": (
                "clear price upfront",
                "no extra costs",
                "everything was {i} clear about the costs",
                "no surprises on the invoice",
                "the delivery fee was shown straight away",
                "the invoice was exactly right",
            ),
        },
        "negative": {
            "nl": (
                "verborgen kosten",
                "bezorgkosten pas bij het afrekenen",
                "onverwachte installatiekosten",
                "de voorrijkosten werden nergens vermeld",
                "de factuur klopte niet",
                "een hogere rekening dan afgesproken",
                "niet echt duidelijk over de kosten",
                "{i} vage administratiekosten",
                "opeens kosten voor het afvoeren van het oude apparaat",
            ),
            "en": (
                "hidden costs",
                "delivery fee added at checkout",
                "an unexpected installation charge",
                "the invoice was wrong",
                "a higher bill than agreed",
                "not very clear about the costs",
                "{i} vague admin fees",
            ),
        },
    },
    "acties-en-prijsgarantie": {
        "positive": {
            "nl": (
                "prijsgarantie netjes toegepast",
                "het prijsverschil werd netjes terugbetaald",
                "{i} mooie aanbieding",
                "de actie werd zonder gedoe verrekend",
                "cashback was snel binnen",
                "de korting werd gewoon aan de kassa verrekend",
                "goede deal tijdens de actieweek",
                "een {i} scherpe actieprijs",
            ),
            "en": (
                "price match applied without fuss",
                "they refunded the price difference",
                "{i} great deal",
                "the discount was applied straight away",
                "cashback arrived quickly",
                "a {i} good promotion",
            ),
        },
        "negative": {
            "nl": (
                "mijn prijsgarantie werd geweigerd",
                "de actie gold opeens niet",
                "de korting werd niet verrekend",
                "gewoon een nepkorting",
                "cashback nooit ontvangen",
                "de actieprijs klopte niet aan de kassa",
                "een dag na aankoop was de prijs verlaagd",
                "de actievoorwaarden waren {i} onduidelijk",
                "niet echt een aanbieding",
            ),
            "en": (
                "price match refused",
                "the discount was not applied",
                "a fake discount",
                "cashback never received",
                "the price dropped the day after i bought it",
                "the promotion was not honoured",
                "the offer terms were {i} unclear",
                "not really a bargain",
            ),
        },
    },
    # ---- Deskundig advies --------------------------------------------------
    "productkennis": {
        "positive": {
            "nl": (
                "goed advies gekregen",
                "hij wist er echt alles van",
                "{i} deskundig geholpen",
                "vakkundige uitleg",
                "goed uitgelegd wat het verschil is",
                "een echte specialist",
                "{i} kundig personeel",
                "ze konden al mijn vragen beantwoorden",
            ),
            "en": (
                "good advice",
                "{i} knowledgeable staff",
                "they explained the differences well",
                "a real expert",
                "answered all my questions",
                "the advice was {i} helpful",
            ),
        },
        "negative": {
            "nl": (
                "de verkoper had geen idee",
                "hij kon mijn vraag niet beantwoorden",
                "ik moest het zelf opzoeken",
                "ze wist niet waar ze het over had",
                "niet echt deskundig",
                "{i} weinig productkennis",
                "verkeerde informatie gekregen over de aansluitingen",
                "ze moesten alles op hun telefoon opzoeken",
            ),
            "en": (
                "the salesperson was clueless",
                "could not answer my question",
                "had to look it up myself",
                "not very knowledgeable",
                "got the wrong information about the connections",
                "{i} poor product knowledge",
            ),
        },
    },
    "eerlijk-advies": {
        "positive": {
            "nl": (
                "eerlijk advies",
                "ze raadden een goedkoper alternatief aan",
                "geen verkooppraatje",
                "ik voelde me niet onder druk gezet",
                "eerlijk gezegd dat het niet nodig was",
                "ze raadden af wat ik niet nodig had",
                "{i} eerlijk advies zonder poespas",
                "het advies was {i} eerlijk",
            ),
            "en": (
                "honest advice",
                "they recommended a cheaper option",
                "no sales pitch",
                "they talked me out of what i did not need",
                "never felt pressured",
                "the advice was {i} honest",
            ),
        },
        "negative": {
            "nl": (
                "ze probeerden me iets aan te smeren",
                "ze wilden me een duurder model verkopen",
                "de verzekering werd me opgedrongen",
                "{i} opdringerige verkoper",
                "het advies was niet echt eerlijk",
                "ik voelde me onder druk gezet",
                "puur een verkooppraatje",
                "ze verkochten me dingen die ik niet nodig had",
            ),
            "en": (
                "i was upsold",
                "{i} pushy salesperson",
                "they pushed an extended warranty",
                "tried to sell me a more expensive model",
                "the advice was not very honest",
                "i felt pressured to buy",
            ),
        },
    },
    "installatie": {
        "positive": {
            "nl": (
                "netjes geïnstalleerd",
                "de tv hangt keurig aan de muur",
                "alles aangesloten en uitgelegd",
                "ze hebben de verpakking meegenomen",
                "de monteur was {i} vakkundig",
                "de installatie ging {i} snel",
                "ze namen het oude apparaat meteen mee",
                "de wasmachine was binnen een half uur aangesloten",
            ),
            "en": (
                "installed properly",
                "the tv was mounted neatly",
                "the installer was {i} skilled",
                "they took the packaging away",
                "everything connected and explained",
                "the installation was {i} quick",
            ),
        },
        "negative": {
            "nl": (
                "de installatie ging mis",
                "de monteur wist niet wat hij deed",
                "de wasmachine lekt na de installatie",
                "ze lieten een rommel achter",
                "de installatie duurde uren",
                "beschadiging aan de muur bij het ophangen",
                "het oude apparaat werd niet meegenomen",
                "niet echt netjes geïnstalleerd",
                "de monteur was {i} slordig",
            ),
            "en": (
                "the installation went wrong",
                "the washing machine leaks since the install",
                "they left a mess",
                "damaged the wall while mounting the tv",
                "not very neatly installed",
                "the installer was {i} careless",
            ),
        },
    },
}

INTENSIFIERS: Final[_Bank] = {
    "nl": ("super", "heel", "erg", "echt", "heel erg", "ontzettend", "zeer"),
    "en": ("really", "extremely", "super", "very", "so", "incredibly"),
}

# emotion -> language -> phrases
EMOTION_PHRASES: Final[Mapping[str, _Bank]] = {
    "joy": {
        "nl": (
            "ik ben er {i} blij mee",
            "wat een plezier om zo geholpen te worden",
            "we zijn er ontzettend blij mee",
            "ik ben helemaal happy",
            "echt een blije klant",
        ),
        "en": (
            "i am {i} happy with it",
            "absolutely delighted",
            "it made my day",
            "we love it",
            "so pleased",
        ),
    },
    "surprise": {
        "nl": (
            "dat had ik niet verwacht",
            "wat een verrassing",
            "ik was echt verbaasd",
            "daar keek ik van op",
            "ik stond er versteld van",
        ),
        "en": (
            "i did not expect that",
            "what a surprise",
            "i was genuinely surprised",
            "that caught me off guard",
            "i could hardly believe it",
        ),
    },
    "gratitude": {
        "nl": (
            "heel erg bedankt",
            "dank jullie wel",
            "top, bedankt daarvoor",
            "ik ben jullie {i} dankbaar",
            "nogmaals dank",
        ),
        "en": (
            "thanks so much",
            "thank you for the help",
            "{i} grateful",
            "many thanks",
            "much appreciated",
        ),
    },
    "relief": {
        "nl": (
            "gelukkig was alles snel opgelost",
            "wat een opluchting",
            "pff, gelukkig is het goed gekomen",
            "ik was blij dat het toch nog geregeld werd",
            "gelukkig viel het mee",
        ),
        "en": (
            "what a relief",
            "luckily it was sorted quickly",
            "glad it all worked out in the end",
            "phew, it got sorted",
            "thankfully it was fixed",
        ),
    },
    "trust": {
        "nl": (
            "ik kom hier zeker terug",
            "ik weet dat ik op jullie kan rekenen",
            "hier kun je op vertrouwen",
            "een zaak die je kunt vertrouwen",
            "ik bestel hier met een gerust hart",
        ),
        "en": (
            "i know i can count on you",
            "a store you can trust",
            "i will definitely be back",
            "i order here with peace of mind",
            "reliable as always",
        ),
    },
    "anger": {
        "nl": (
            "ik ben {i} boos",
            "dit is gewoon schandalig",
            "ik ben woedend",
            "belachelijk hoe dit gaat",
            "dit slaat echt nergens op",
        ),
        "en": (
            "i am {i} angry",
            "this is outrageous",
            "absolutely furious",
            "ridiculous how this was handled",
            "this is unacceptable",
        ),
    },
    "frustration": {
        "nl": (
            "ik word hier zo moe van",
            "wat een gedoe",
            "het is zo frustrerend",
            "ik ben het echt zat",
            "waarom moet dit zo moeilijk",
        ),
        "en": (
            "so frustrating",
            "what a hassle",
            "i am fed up with this",
            "why does this have to be so hard",
            "i am tired of chasing this",
        ),
    },
    "disappointment": {
        "nl": (
            "ik ben {i} teleurgesteld",
            "jammer, had meer verwacht",
            "dit valt echt tegen",
            "zonde",
            "van jullie had ik beter verwacht",
        ),
        "en": (
            "{i} disappointed",
            "i expected better",
            "such a shame",
            "what a letdown",
            "not what i hoped for",
        ),
    },
    "worry": {
        "nl": (
            "ik maak me zorgen of het nog goed komt",
            "ik hoop dat het nu wel werkt",
            "ik ben bang dat het weer misgaat",
            "ik weet niet of ik mijn geld terugkrijg",
            "spannend of het nog op tijd komt",
        ),
        "en": (
            "i am worried it will go wrong again",
            "i hope it works this time",
            "not sure i will get my money back",
            "i am nervous about the next delivery",
            "anxious to see if it arrives in time",
        ),
    },
    "sadness": {
        "nl": (
            "ik ben er {i} verdrietig over",
            "jammer dat het zo gelopen is",
            "het voelt gewoon triest",
            "ik had me er zo op verheugd",
            "het was een cadeau voor mijn moeder, echt zonde",
        ),
        "en": (
            "it makes me sad",
            "such a pity it turned out like this",
            "i was really looking forward to it",
            "it was a gift for my mum, such a shame",
            "feeling really down about it",
        ),
    },
}

# polarity -> language -> whole texts; "neutral" is for a response without aspects.
SHORT_TEXTS: Final[Mapping[str, _Bank]] = {
    "positive": {
        "nl": (
            "prima",
            "top",
            "ok",
            "super!",
            "goed",
            "helemaal top",
            "tevreden",
            "prima service",
            "aanrader",
            "dik tevreden",
        ),
        "en": (
            "great",
            "good",
            "ok",
            "super!",
            "excellent",
            "all good",
            "happy",
            "top",
        ),
    },
    "negative": {
        "nl": (
            "slecht",
            "waardeloos",
            "nooit meer",
            "teleurgesteld",
            "slechte service",
            "niet goed",
            "bagger",
            "dramatisch",
        ),
        "en": (
            "terrible",
            "meh",
            "bad",
            "awful",
            "never again",
            "poor service",
            "disappointing",
        ),
    },
    "neutral": {
        "nl": (
            "geen opmerkingen",
            "n.v.t.",
            "niets",
            "geen",
            "niets aan toe te voegen",
        ),
        "en": ("no comment", "nothing to add", "n/a", "none"),
    },
}

EMOJI: Final[Mapping[str, tuple[str, ...]]] = {
    "positive": ("😊", "👍", "🙂", "😀", "👌", "❤️", "⭐", "🙏"),
    "negative": ("😡", "👎", "😞", "😤", "🙁", "😠", "😒"),
}

# Between two aspects of different polarity in one sentence: ", maar ...".
CONTRAST_CONNECTORS: Final[_Bank] = {
    "nl": ("maar", "alleen", "echter"),
    "en": ("but", "however", "although"),
}
# At the start of a second sentence that turns the polarity: "Maar ...".
CONTRAST_OPENERS: Final[_Bank] = {
    "nl": ("maar", "alleen", "echter"),
    "en": ("but", "however,"),
}
# Before the last of several aspects of the same polarity: "..., ... en ...".
JOINERS: Final[_Bank] = {"nl": ("en", "en ook"), "en": ("and", "and also")}

CONTEXT_SENTENCES: Final[_Bank] = {
    "nl": (
        "ik had de tv besteld voor het weekend",
        "we hadden de koelkast twee weken geleden besteld",
        "de wasmachine moest onze oude vervangen die kapot was gegaan",
        "ik kocht een nieuwe laptop voor mijn studie",
        "het was mijn eerste bestelling bij jullie",
        "ik ben al jaren klant",
        "we waren net verhuisd en hadden alles tegelijk nodig",
        "de telefoon was een verjaardagscadeau voor mijn zoon",
    ),
    "en": (
        "we ordered the fridge two weeks ago",
        "i had ordered the tv for the weekend",
        "the washing machine replaced our old one that broke down",
        "i bought a new laptop for my studies",
        "it was my first order with you",
        "i have been a customer for years",
        "we had just moved and needed everything at once",
    ),
}

# ---- Personal data (fictional) ---------------------------------------------
PII_KINDS: Final = ("name", "email", "phone", "iban", "postcode")

FIRST_NAMES: Final = (
    "Anna", "Jan", "Sanne", "Daan", "Lisa", "Pieter", "Fleur", "Thijs", "Emma",
    "Ruben", "Fatima", "Mohamed", "Sophie", "Bram", "Lotte", "Kevin", "Esra",
    "Mehmet", "Ingrid", "Willem",
)  # fmt: skip
SURNAMES: Final = (
    "de Vries", "Jansen", "de Jong", "Bakker", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "van der Meer",
    "van den Berg", "van Dijk", "Yilmaz", "Kaya",
)  # fmt: skip
# Reserved for documentation (RFC 2606): no real mailbox gets demo mail.
EMAIL_DOMAINS: Final = ("example.com", "example.org", "example.net", "mail.example.com")
IBAN_BANKS: Final = ("ABNA", "INGB", "RABO", "TRIO", "SNSB")

# kind -> language -> sentences; "{pii}" is where the personal detail goes.
PII_TEMPLATES: Final[Mapping[str, _Bank]] = {
    "name": {
        "nl": (
            "mijn naam is {pii}",
            "ik werd geholpen door {pii}",
            "ik heb gesproken met {pii}",
        ),
        "en": ("my name is {pii}", "i was helped by {pii}", "i spoke to {pii}"),
    },
    "email": {
        "nl": (
            "mail me op {pii}",
            "mijn e-mailadres is {pii}",
            "reageer graag via {pii}",
        ),
        "en": ("email me at {pii}", "my email is {pii}", "please reply to {pii}"),
    },
    "phone": {
        "nl": ("bel me op {pii}", "mijn nummer is {pii}", "graag terugbellen op {pii}"),
        "en": (
            "call me on {pii}",
            "my number is {pii}",
            "please call me back on {pii}",
        ),
    },
    "iban": {
        "nl": (
            "stort het bedrag terug op {pii}",
            "mijn rekeningnummer is {pii}",
            "graag terugbetalen op {pii}",
        ),
        "en": (
            "please refund to {pii}",
            "my account number is {pii}",
            "send the refund to {pii}",
        ),
    },
    "postcode": {
        "nl": ("mijn adres is {pii}", "bezorgadres {pii}", "ik woon op {pii}"),
        "en": ("my postcode is {pii}", "delivery address {pii}", "i live at {pii}"),
    },
}
# A name as a sign-off: these only ever end a text.
NAME_SIGNOFFS: Final[_Bank] = {
    "nl": ("groeten, {pii}", "met vriendelijke groet, {pii}", "groetjes, {pii}"),
    "en": ("regards, {pii}", "kind regards, {pii}", "cheers, {pii}"),
}
