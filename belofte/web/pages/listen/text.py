"""The text explorer: search texts, see why each label was given, correct one.

Texts are the redacted verbatims; a correction feeds the next `belofte text
learn`.

The phrases that gave a label are marked in the text (`<mark>`, their labels
in its title); the text itself is only ever the redacted one and is escaped.
A correction is a plain form POST with the session's CSRF token; it goes
through the same service as `belofte text correct` and the API.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from belofte.domain.access import Permission, Principal
from belofte.errors import InvalidInput
from belofte.services.listen.enrichment import correct_labels
from belofte.services.listen.verbatims import (
    VerbatimFilters,
    VerbatimPage,
    corrections_of,
    search_verbatims,
)
from belofte.services.report.sections import Formats
from belofte.web.auth import SESSION_COOKIE, SESSION_CSRF, secret_key, workspace_of
from belofte.web.i18n import language_of, words
from belofte.web.pages.common import (
    Viewer,
    attempt,
    filter_choices,
    forbidden,
    query_value,
    render,
    require_page,
)
from belofte.web.security import csrf_ok

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
#: Filters of the explorer, in the form's order; each takes one value.
FIELDS = (
    "q",
    "theme",
    "pillar",
    "touchpoint",
    "sentiment",
    "emotion",
    "language",
    "location",
    "since",
    "until",
)
VerbatimId = Annotated[int, Path(ge=1, le=2**62)]
#: The most labels one correction form may carry (one per theme).
MAX_FORM_FIELDS = 200


def _values(request: Request) -> dict[str, str]:
    return {name: query_value(request, name) for name in FIELDS}


def _day(name: str, value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _page_number(request: Request) -> int:
    text = request.query_params.get("page", "1")
    if not text.isdigit() or not 1 <= int(text) <= 100_000:
        raise InvalidInput("page: a whole number from 1 to 100000")
    return int(text)


def _search(request: Request, principal: Principal) -> tuple[dict[str, str], Any]:
    values = _values(request)

    def one(name: str) -> tuple[str, ...]:
        return (values[name],) if values[name] else ()

    filters = VerbatimFilters(
        themes=one("theme"),
        pillars=one("pillar"),
        touchpoints=one("touchpoint"),
        sentiments=one("sentiment"),
        emotions=one("emotion"),
        languages=one("language"),
        locations=one("location"),
        since=_day("since", values["since"]),
        until=_day("until", values["until"]),
        text=values["q"] or None,
    )
    found = search_verbatims(
        workspace_of(request),
        principal,
        filters,
        page=_page_number(request),
        size=PAGE_SIZE,
    )
    return values, found


def highlight(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """`text` cut into (part, why) pieces; `why` names the labels of a marked part.

    >>> highlight("late delivery", [(5, 13, "delivery: negative")])
    [('late ', ''), ('delivery', 'delivery: negative')]
    """
    cuts = {0, len(text)}
    for start, end, _ in spans:
        if 0 <= start < end <= len(text):
            cuts |= {start, end}
    points = sorted(cuts)
    parts = []
    for start, end in zip(points, points[1:], strict=False):
        why = sorted(
            {label for s, e, label in spans if s <= start and end <= e and s < e}
        )
        parts.append((text[start:end], "; ".join(why)))
    return parts


def _labelled_spans(
    item: dict[str, Any], t: dict[str, Any]
) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    sentiment = item.get("sentiment")
    if sentiment:
        label = f"{t['sentiment']}: {t['sentiments'].get(sentiment['label'], '')}"
        spans += [(int(s), int(e), label) for s, e in sentiment["spans"]]
    for emotion in item["emotions"]:
        label = f"{t['emotion']}: {t['emotions'].get(emotion['name'], '')}"
        spans += [(int(s), int(e), label) for s, e in emotion["spans"]]
    for aspect in item["aspects"]:
        label = f"{aspect['theme']}: {t['sentiments'].get(aspect['sentiment'], '')}"
        spans += [(int(s), int(e), label) for s, e in aspect["spans"]]
    return spans


@router.get("/text")
def explorer(request: Request, principal: Viewer) -> Response:
    """Verbatims matching the filters, newest first, with their evidence marked."""
    denied = require_page(request, principal, Permission.READ_VERBATIMS)
    if denied is not None:
        return denied
    language = language_of(request)
    t, fmt = words(language), Formats(language)
    outcome = attempt(lambda: _search(request, principal))
    values, found = outcome.value or (dict.fromkeys(FIELDS, ""), None)
    page: VerbatimPage | None = found
    items = list(page.items) if page else []
    corrected = corrections_of(workspace_of(request), [i["id"] for i in items])
    shown = [
        {
            **item,
            "parts": highlight(item["text"], _labelled_spans(item, t)),
            "day": fmt.day(date.fromisoformat(item["occurred_at"][:10])),
            "corrected": corrected.get(item["id"]),
        }
        for item in items
    ]
    pages = max(1, -(-page.total // PAGE_SIZE)) if page else 1
    kept = {k: v for k, v in values.items() if v}
    return render(
        request,
        principal,
        "text.html",
        {
            "values": values,
            "choices": filter_choices(request, principal),
            "items": shown,
            "total": page.total if page else 0,
            "page": page.page if page else 1,
            "pages": pages,
            "query": urlencode(kept),
            "problem": outcome.problem,
            "saved": request.query_params.get("saved", ""),
            "may_correct": principal.role.value != "staff",
        },
        status=outcome.status,
    )


@router.post("/text/{verbatim_id}/labels")
async def correct(
    request: Request, principal: Viewer, verbatim_id: VerbatimId
) -> Response:
    """Record the form's corrections, then show the same list again."""
    denied = require_page(request, principal, Permission.CORRECT_LABELS)
    if denied is not None:
        return denied
    t = words(language_of(request))
    form = await request.form(max_fields=MAX_FORM_FIELDS, max_files=0)
    session = request.cookies.get(SESSION_COOKIE)
    token = form.get("csrf")
    if not csrf_ok(
        secret_key(request),
        SESSION_CSRF,
        session,
        token if isinstance(token, str) else "",
    ):
        return forbidden(request, principal, t["form_expired"])
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    sentiment = fields.get("sentiment") or None
    aspects = {
        name.removeprefix("aspect:"): label
        for name, label in fields.items()
        if name.startswith("aspect:") and label
    }
    outcome = attempt(
        lambda: correct_labels(
            workspace_of(request),
            verbatim_id,
            sentiment=sentiment,
            aspects=aspects,
            by=principal.actor,
            principal=principal,
        )
    )
    if outcome.problem:
        return render(
            request,
            principal,
            "problem.html",
            {"problem": outcome.problem},
            status=outcome.status,
        )
    back = fields.get("back", "")
    # Only a query string of this page (never a header break or another URL).
    safe = back.startswith("?") and len(back) <= 2000
    query = back if safe and not any(ord(c) < 32 or c == "#" for c in back) else ""
    joiner = "&" if query else "?"
    return RedirectResponse(
        f"/text{query}{joiner}saved={verbatim_id}#v{verbatim_id}", status_code=303
    )
