"""The report's words in Dutch and English (the only two languages it speaks)."""

from __future__ import annotations

from typing import Any, Literal

__all__ = ["LABELS", "Language"]

Language = Literal["nl", "en"]

LABELS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Customer experience report",
        "workspace": "Workspace",
        "period": "Period",
        "filters": "Filters",
        "no_filters": "none",
        "generated": "Generated",
        "all_time": "all time",
        "overview": "Overview",
        "overview_lead": "All answers in the period, with 95% intervals and warnings.",
        "metric": "Metric",
        "estimate": "Estimate [95% interval]",
        "warnings": "Warnings",
        "nps": "NPS",
        "csat": "CSAT (top-2-box)",
        "ces": "CES (mean)",
        "sentiment": "Text sentiment (mean)",
        "location": "Location",
        "touchpoint": "Touchpoint",
        "channel": "Channel",
        "segment": "Segment",
        "nps_by_location": "NPS by location",
        "nps_by_touchpoint": "NPS by touchpoint",
        "bars_lead": "Bars show NPS, whiskers its 95% interval; amber bars carry a "
        "warning. Rank by the shrunken NPS, not by the raw one.",
        "nps_shrunken": "NPS shrunken",
        "league": "Locations, best first (shrunken NPS)",
        "league_lead": "Ranked by the empirical-Bayes NPS: a small store is pulled "
        "towards the chain until its answers say otherwise. Whiskers are 95% "
        "intervals; wide ones mean: not enough answers to rank.",
        "journeys": "Customer journeys",
        "journeys_lead": "The most frequent paths through the touchpoints in the 60 "
        "days before an answer. Band width is the number of answers; amber bands "
        "carry more detractors than average. * marks a detractor share that "
        "differs significantly from the other paths (Holm).",
        "path": "Path",
        "answers": "Answers",
        "detractor_share": "Detractors % [95% interval]",
        "vs_rest": "vs other paths (points)",
        "trend_title": "{metric} by {grain}",
        "trend_lead": "The line is {metric}, the band its 95% interval; an amber "
        "point changed significantly from the {grain} before (Holm).",
        "grains": {"week": "week", "month": "month", "quarter": "quarter"},
        "change": "Change",
        "p_adjusted": "p (adjusted)",
        "delivery": "Promise delivery",
        "delivery_lead": "Share of decided mentions that say the promise was kept, "
        "per pillar and touchpoint, with the number of decided mentions (n).",
        "pillar": "Pillar",
        "kept": "Kept",
        "broken": "Broken",
        "kept_rate": "Kept % [95% interval]",
        "across": "Across",
        "units": "Units",
        "tau": "Spread τ (points) [95% interval]",
        "weakest": "Weakest",
        "weakest_links": "Weakest links",
        "weakest_lead": "Per pillar, the touchpoint at a location with the lowest "
        "shrunken kept rate, and what customers said there (redacted).",
        "cell": "Touchpoint @ location",
        "kept_rate_shrunken": "Kept % shrunken [95% interval]",
        "kept_rate_raw": "Kept % raw",
        "drivers": "Key drivers of NPS",
        "drivers_lead": "Importance (share of R²) against performance (mean "
        "rating); bottom right: fix first.",
        "drivers_themes": "What customers write about, as drivers of NPS",
        "drivers_themes_lead": "Each theme's importance (share of R² of "
        "mentioning it) against performance (share of its mentions that say the "
        "promise was kept); bottom right: fix first.",
        "driver": "Driver",
        "importance": "Importance (% of R²)",
        "performance": "Performance",
        "quadrant": "Quadrant",
        "quadrants": {
            "fix first": "fix first",
            "keep it up": "keep it up",
            "low priority": "low priority",
            "maybe over-delivered": "maybe over-delivered",
        },
        "methods": "Methods",
        "methods_lead": "How each number is computed (the same as the API).",
        "warning_codes": {
            "SMALL_SAMPLE": "small sample",
            "NO_RESPONSES": "no responses",
            "ZERO_VARIANCE": "zero variance",
        },
    },
    "nl": {
        "title": "Klantbelevingsrapport",
        "workspace": "Werkruimte",
        "period": "Periode",
        "filters": "Filters",
        "no_filters": "geen",
        "generated": "Gemaakt",
        "all_time": "alle perioden",
        "overview": "Overzicht",
        "overview_lead": "Alle antwoorden in de periode, met 95%-intervallen en "
        "waarschuwingen.",
        "metric": "Maat",
        "estimate": "Schatting [95%-interval]",
        "warnings": "Waarschuwingen",
        "nps": "NPS",
        "csat": "CSAT (top-2-box)",
        "ces": "CES (gemiddelde)",
        "sentiment": "Sentiment van tekst (gemiddelde)",
        "location": "Vestiging",
        "touchpoint": "Contactmoment",
        "channel": "Kanaal",
        "segment": "Segment",
        "nps_by_location": "NPS per vestiging",
        "nps_by_touchpoint": "NPS per contactmoment",
        "bars_lead": "Balken tonen de NPS, de snorren het 95%-interval; oranje "
        "balken hebben een waarschuwing. Rangschik op de gekrompen NPS, niet op "
        "de ruwe.",
        "nps_shrunken": "NPS gekrompen",
        "league": "Vestigingen, beste eerst (gekrompen NPS)",
        "league_lead": "Gerangschikt op de empirisch-Bayesiaanse NPS: een kleine "
        "winkel wordt naar het gemiddelde van de keten getrokken tot zijn "
        "antwoorden anders zeggen. Snorren zijn 95%-intervallen; een brede snor "
        "betekent: te weinig antwoorden om te rangschikken.",
        "journeys": "Klantreizen",
        "journeys_lead": "De vaakste paden langs de contactmomenten in de 60 dagen "
        "voor een antwoord. De breedte is het aantal antwoorden; oranje banden "
        "hebben meer criticasters dan gemiddeld. * markeert een aandeel "
        "criticasters dat significant afwijkt van de andere paden (Holm).",
        "path": "Pad",
        "answers": "Antwoorden",
        "detractor_share": "Criticasters % [95%-interval]",
        "vs_rest": "t.o.v. andere paden (punten)",
        "trend_title": "{metric} per {grain}",
        "trend_lead": "De lijn is de {metric}, de band het 95%-interval; een "
        "oranje punt veranderde significant ten opzichte van de periode ervoor "
        "(Holm).",
        "grains": {"week": "week", "month": "maand", "quarter": "kwartaal"},
        "change": "Verandering",
        "p_adjusted": "p (gecorrigeerd)",
        "delivery": "Nakomen van de belofte",
        "delivery_lead": "Aandeel van de besliste vermeldingen dat zegt dat de "
        "belofte is nagekomen, per pijler en contactmoment, met het aantal (n).",
        "pillar": "Pijler",
        "kept": "Nagekomen",
        "broken": "Gebroken",
        "kept_rate": "Nagekomen % [95%-interval]",
        "across": "Over",
        "units": "Eenheden",
        "tau": "Spreiding τ (punten) [95%-interval]",
        "weakest": "Zwakste",
        "weakest_links": "Zwakste schakels",
        "weakest_lead": "Per pijler het contactmoment op een vestiging met het "
        "laagste gekrompen percentage nagekomen, en wat klanten daar zeiden "
        "(geanonimiseerd).",
        "cell": "Contactmoment @ vestiging",
        "kept_rate_shrunken": "Nagekomen % gekrompen [95%-interval]",
        "kept_rate_raw": "Nagekomen % ruw",
        "drivers": "Belangrijkste drijfveren van de NPS",
        "drivers_lead": "Belang (aandeel in R²) tegenover prestatie (gemiddeld "
        "cijfer); rechtsonder: eerst verbeteren.",
        "drivers_themes": "Waar klanten over schrijven, als drijfveren van de NPS",
        "drivers_themes_lead": "Het belang van elk thema (aandeel in R² van het "
        "noemen) tegenover de prestatie (aandeel van de vermeldingen dat zegt dat "
        "de belofte is nagekomen); rechtsonder: eerst verbeteren.",
        "driver": "Drijfveer",
        "importance": "Belang (% van R²)",
        "performance": "Prestatie",
        "quadrant": "Kwadrant",
        "quadrants": {
            "fix first": "eerst verbeteren",
            "keep it up": "zo houden",
            "low priority": "lage prioriteit",
            "maybe over-delivered": "misschien te veel gedaan",
        },
        "methods": "Methoden",
        "methods_lead": "Hoe elk getal berekend is (gelijk aan de API).",
        "warning_codes": {
            "SMALL_SAMPLE": "kleine steekproef",
            "NO_RESPONSES": "geen antwoorden",
            "ZERO_VARIANCE": "geen spreiding",
        },
    },
}
