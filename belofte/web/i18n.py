"""The pages' words in Dutch and English, and which language a visitor reads.

Section titles and table headers come from `services/report/labels.py` (the
report and the pages share them); this module adds the app's own words. The
choice is remembered in a cookie; without one, the browser's Accept-Language
decides, and Dutch is the default (belofte is Dutch-first).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

from belofte.services.report.labels import LABELS, Language

__all__ = ["LANGUAGES", "LANGUAGE_COOKIE", "language_of", "words"]

LANGUAGES: tuple[Language, ...] = ("nl", "en")
LANGUAGE_COOKIE = "belofte_lang"

_PAGES: dict[str, dict[str, Any]] = {
    "en": {
        "skip": "Skip to content",
        "nav": {
            "dashboard": "Dashboard",
            "text": "Texts",
            "drivers": "Drivers",
            "journeys": "Journeys",
            "locations": "Locations",
            "settings": "Settings",
            "jobs": "Jobs",
        },
        "language_name": "English",
        "switch_to": "Nederlands",
        "signed_in_as": "Signed in as",
        "sign_out": "Sign out",
        "sign_in": "Sign in",
        "login_expired": "This form has expired; please sign in again.",
        "login_blocked": "Too many failed attempts; try again in 15 minutes.",
        "login_wrong": "Wrong username or password.",
        "jobs_title": "Background jobs",
        "jobs_lead": "Work that runs after an import or on a schedule: the "
        "analysis of new texts, the nightly refresh of the figures. A failed job "
        "is tried again later; after its last attempt it is dead and can be "
        "retried here.",
        "job_states": {
            "queued": "waiting",
            "retrying": "failed, tried again later",
            "running": "running",
            "done": "done",
            "dead": "dead (failed every attempt)",
            "cancelled": "cancelled",
        },
        "job_kinds": {
            "listen.enrich": "Analyse the texts of an import",
            "measure.refresh": "Bring the figures up to date",
            "jobs.purge": "Clear away old finished jobs",
        },
        "job_kind": "Job",
        "job_status": "State",
        "job_attempts": "Attempts",
        "job_attempts_of": "{done} of {most}",
        "job_due": "Due",
        "job_error": "Last error",
        "job_retry": "Retry",
        "job_cancel": "Cancel",
        "job_retried": "Job {id} is queued again.",
        "job_cancelled": "Job {id} is cancelled.",
        "all_states": "all",
        "no_jobs": "No jobs in this state.",
        "stale": "These figures may be behind: the analysis copy could not be "
        "updated ({reason}). They show the data of its last update.",
        "username": "Username",
        "password": "Password",
        "filters": "Filters",
        "since": "From",
        "until": "Up to",
        "location": "Location",
        "channel": "Channel",
        "segment": "Segment",
        "grain": "Trend by",
        "all": "all",
        "apply": "Apply",
        "reset": "Reset",
        "problem": "These filters cannot be used",
        "no_data": "No answers match these filters.",
        "dashboard_title": "How the promise is kept",
        "drivers_title": "What drives NPS",
        "journeys_title": "Customer journeys",
        "locations_title": "Locations",
        "locations_lead": "Each location's page shows its scores, trend and "
        "promise delivery.",
        "open": "Open",
        "text_title": "What customers say",
        "text_lead": "Redacted texts, newest first; highlighted phrases gave a "
        "label. Correct a label and the next `belofte text learn` uses it.",
        "search": "Words",
        "theme": "Theme",
        "pillar": "Pillar",
        "touchpoint": "Touchpoint",
        "sentiment": "Sentiment",
        "emotion": "Emotion",
        "language": "Language",
        "found": "{total} texts",
        "previous": "Previous",
        "next": "Next",
        "page": "Page {page} of {pages}",
        "correct": "Correct the labels",
        "corrected": "Corrected",
        "keep": "keep",
        "absent": "not about this",
        "save": "Save correction",
        "saved": "Correction saved: the next `belofte text learn` uses it.",
        "not_enriched": "not analysed yet",
        "sentiments": {
            "positive": "positive",
            "neutral": "neutral",
            "negative": "negative",
            "mixed": "mixed",
        },
        "emotions": {
            "joy": "joy",
            "surprise": "surprise",
            "gratitude": "gratitude",
            "relief": "relief",
            "trust": "trust",
            "anger": "anger",
            "frustration": "frustration",
            "disappointment": "disappointment",
            "worry": "worry",
            "sadness": "sadness",
        },
        "settings_title": "Settings: the promise blueprint",
        "settings_lead": "The blueprint (belofte.yaml) defines the promise, its "
        "pillars and themes, the journey and the locations. Saving checks it "
        "as `belofte blueprint check` does and applies it to the store.",
        "blueprint": "Blueprint (YAML)",
        "save_apply": "Check, save and apply",
        "applied": "Saved and applied: {changes} changes.",
        "unchanged": "Saved; the store already matched it.",
        "problems": "The blueprint was not saved: fix these problems",
        "read_only": "Only admins can edit the blueprint.",
        "promise": "Promise",
        "pillars_themes": "Pillars and their themes",
        "touchpoints_word": "Touchpoints and the pillars they deliver",
        "why": "Why",
        "how": "How",
        "what": "What",
        "forbidden": "You may not do this.",
        "form_expired": "This form has expired; reload the page and try again.",
    },
    "nl": {
        "skip": "Naar de inhoud",
        "nav": {
            "dashboard": "Dashboard",
            "text": "Teksten",
            "drivers": "Drijfveren",
            "journeys": "Klantreizen",
            "locations": "Vestigingen",
            "settings": "Instellingen",
            "jobs": "Taken",
        },
        "language_name": "Nederlands",
        "switch_to": "English",
        "signed_in_as": "Aangemeld als",
        "sign_out": "Afmelden",
        "sign_in": "Aanmelden",
        "login_expired": "Dit formulier is verlopen; meld u opnieuw aan.",
        "login_blocked": "Te veel mislukte pogingen; probeer het over 15 minuten "
        "opnieuw.",
        "login_wrong": "Onjuiste gebruikersnaam of wachtwoord.",
        "jobs_title": "Achtergrondtaken",
        "jobs_lead": "Werk dat na een import of op een vast tijdstip loopt: de "
        "analyse van nieuwe teksten, het nachtelijk bijwerken van de cijfers. Een "
        "mislukte taak wordt later opnieuw geprobeerd; na de laatste poging is "
        "hij opgegeven en kunt u hem hier opnieuw starten.",
        "job_states": {
            "queued": "wacht",
            "retrying": "mislukt, wordt later opnieuw geprobeerd",
            "running": "loopt",
            "done": "klaar",
            "dead": "opgegeven (elke poging mislukt)",
            "cancelled": "geannuleerd",
        },
        "job_kinds": {
            "listen.enrich": "De teksten van een import analyseren",
            "measure.refresh": "De cijfers bijwerken",
            "jobs.purge": "Oude afgeronde taken opruimen",
        },
        "job_kind": "Taak",
        "job_status": "Status",
        "job_attempts": "Pogingen",
        "job_attempts_of": "{done} van {most}",
        "job_due": "Gepland",
        "job_error": "Laatste fout",
        "job_retry": "Opnieuw",
        "job_cancel": "Annuleren",
        "job_retried": "Taak {id} staat weer in de wachtrij.",
        "job_cancelled": "Taak {id} is geannuleerd.",
        "all_states": "alle",
        "no_jobs": "Geen taken met deze status.",
        "stale": "Deze cijfers kunnen achterlopen: de analysekopie kon niet "
        "worden bijgewerkt ({reason}). Ze tonen de gegevens van de laatste "
        "bijwerking.",
        "username": "Gebruikersnaam",
        "password": "Wachtwoord",
        "filters": "Filters",
        "since": "Vanaf",
        "until": "Tot en met",
        "location": "Vestiging",
        "channel": "Kanaal",
        "segment": "Segment",
        "grain": "Trend per",
        "all": "alle",
        "apply": "Toepassen",
        "reset": "Wissen",
        "problem": "Deze filters zijn niet bruikbaar",
        "no_data": "Geen antwoorden bij deze filters.",
        "dashboard_title": "Hoe de belofte wordt nagekomen",
        "drivers_title": "Wat de NPS drijft",
        "journeys_title": "Klantreizen",
        "locations_title": "Vestigingen",
        "locations_lead": "De pagina van een vestiging toont haar scores, trend "
        "en het nakomen van de belofte.",
        "open": "Openen",
        "text_title": "Wat klanten zeggen",
        "text_lead": "Geanonimiseerde teksten, nieuwste eerst; gemarkeerde "
        "woorden gaven een label. Verbeter een label en de volgende `belofte "
        "text learn` gebruikt het.",
        "search": "Woorden",
        "theme": "Thema",
        "pillar": "Pijler",
        "touchpoint": "Contactmoment",
        "sentiment": "Sentiment",
        "emotion": "Emotie",
        "language": "Taal",
        "found": "{total} teksten",
        "previous": "Vorige",
        "next": "Volgende",
        "page": "Pagina {page} van {pages}",
        "correct": "Labels verbeteren",
        "corrected": "Verbeterd",
        "keep": "laten",
        "absent": "gaat hier niet over",
        "save": "Verbetering opslaan",
        "saved": "Verbetering opgeslagen: de volgende `belofte text learn` "
        "gebruikt haar.",
        "not_enriched": "nog niet geanalyseerd",
        "sentiments": {
            "positive": "positief",
            "neutral": "neutraal",
            "negative": "negatief",
            "mixed": "gemengd",
        },
        "emotions": {
            "joy": "vreugde",
            "surprise": "verrassing",
            "gratitude": "dankbaarheid",
            "relief": "opluchting",
            "trust": "vertrouwen",
            "anger": "boosheid",
            "frustration": "frustratie",
            "disappointment": "teleurstelling",
            "worry": "zorg",
            "sadness": "verdriet",
        },
        "settings_title": "Instellingen: de blauwdruk van de belofte",
        "settings_lead": "De blauwdruk (belofte.yaml) legt de belofte vast, met "
        "pijlers en thema's, de klantreis en de vestigingen. Opslaan controleert "
        "haar zoals `belofte blueprint check` en past haar toe op de opslag.",
        "blueprint": "Blauwdruk (YAML)",
        "save_apply": "Controleren, opslaan en toepassen",
        "applied": "Opgeslagen en toegepast: {changes} wijzigingen.",
        "unchanged": "Opgeslagen; de opslag kwam al overeen.",
        "problems": "De blauwdruk is niet opgeslagen: los deze problemen op",
        "read_only": "Alleen beheerders kunnen de blauwdruk wijzigen.",
        "promise": "Belofte",
        "pillars_themes": "Pijlers en hun thema's",
        "touchpoints_word": "Contactmomenten en de pijlers die ze waarmaken",
        "why": "Waarom",
        "how": "Hoe",
        "what": "Wat",
        "forbidden": "Dit mag u niet doen.",
        "form_expired": "Dit formulier is verlopen; laad de pagina opnieuw.",
    },
}


def words(language: Language) -> dict[str, Any]:
    """Every word of the pages in `language` (report labels included)."""
    return {**LABELS[language], **_PAGES[language]}


def language_of(request: Request) -> Language:
    """The cookie's language, else the browser's first nl/en, else Dutch."""
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "nl"
