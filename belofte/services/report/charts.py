"""Inline SVG charts for the self-contained report: no script, no external URL.

Every function returns markup (`markupsafe.Markup`) built here, with every
label passed through `escape`, so the report's template can insert it as is.
Numbers arrive already formatted for the report's language (`fmt`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = [
    "Bar",
    "Flow",
    "HeatCell",
    "Point",
    "bars",
    "heat_map",
    "sankey",
    "scatter",
    "trend",
]

INK, MUTED, GRID, ACCENT, BAND = "#1f2933", "#66788a", "#d9e2ec", "#2f6fb0", "#c6dcf2"
WARN = "#b7791f"
#: A heat-map cell with fewer decided mentions than this is drawn faded.
SMALL_CELL = 30


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: a label, a value with its interval, and whether it is flagged."""

    label: str
    value: float
    low: float | None
    high: float | None
    note: str = ""
    flagged: bool = False


@dataclass(frozen=True, slots=True)
class HeatCell:
    """One cell of a heat map: a kept rate, its n and its interval."""

    rate: float
    n: int
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True, slots=True)
class Flow:
    """One path of a Sankey: its steps, how many answers took it, their detractors."""

    steps: tuple[str, ...]
    count: int
    detractor_share: float


@dataclass(frozen=True, slots=True)
class Point:
    """One point of a scatter: importance (x) vs performance (y)."""

    label: str
    x: float
    y: float


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    # Every text and attribute in `body` went through `escape` (`_text` and callers).
    return Markup(  # noqa: S704
        f'<svg viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        'font-family="inherit" font-size="12">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", **extra: str) -> str:
    attrs = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in extra.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{attrs}>'
        f"{escape(text)}</text>"
    )


def _scale(
    low: float, high: float, start: float, end: float
) -> Callable[[float], float]:
    span = (high - low) or 1.0
    return lambda v: start + (v - low) / span * (end - start)


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round ticks (1, 2, 2.5 or 5 x 10^k apart) inside [low, high]."""
    raw = (high - low) / count or 1.0
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    count_ = int((high - first) / step + 1e-9) + 1
    return [round(first + i * step, 10) + 0.0 for i in range(count_)]


def bars(
    items: Sequence[Bar], title: str, fmt: Callable[[float], str], *, width: int = 940
) -> Markup:
    """Horizontal bars with interval whiskers, on a shared axis including 0."""
    row, left, right, top = 24, 190, 90, 26
    height = top + row * len(items) + 24
    values = [v for b in items for v in (b.value, b.low, b.high) if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    pad = (high - low) * 0.05 or 0.1
    x = _scale(low - pad, high + pad, left, width - right)
    body = []
    for tick in _ticks(low - pad, high + pad, 8):
        body.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top - 6}" '
            f'y2="{height - 22}" stroke="{GRID}"/>'
        )
        body.append(_text(x(tick), height - 8, fmt(tick), "middle", fill=MUTED))
    zero = x(0.0)
    for i, item in enumerate(items):
        y = top + i * row
        start, end = sorted((zero, x(item.value)))
        colour = WARN if item.flagged else ACCENT
        body.append(
            f'<rect x="{start:.1f}" y="{y + 4}" width="{max(end - start, 1):.1f}" '
            f'height="{row - 8}" fill="{colour}" fill-opacity="0.75"/>'
        )
        if item.low is not None and item.high is not None:
            a, b, mid = x(item.low), x(item.high), y + row / 2
            body.append(
                f'<path d="M{a:.1f},{mid:.1f}H{b:.1f}M{a:.1f},{mid - 6:.1f}'
                f'V{mid + 6:.1f}M{b:.1f},{mid - 6:.1f}V{mid + 6:.1f}" '
                f'stroke="{INK}" stroke-width="1.3" fill="none"/>'
            )
        label = item.label if len(item.label) <= 28 else item.label[:27] + "…"
        body.append(_text(left - 8, y + row / 2 + 4, label, "end", fill=INK))
        body.append(_text(width - right + 6, y + row / 2 + 4, item.note, fill=MUTED))
    body.append(
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{top - 6}" y2="{height - 22}" '
        f'stroke="{INK}"/>'
    )
    return _svg(width, height, title, body)


def _heat(rate: float) -> str:
    """Red (broken) through amber to green (kept), light enough for dark text."""
    hue = max(0.0, min(1.0, (rate - 0.5) / 0.5)) * 125
    return f"hsl({hue:.0f},65%,{72 + 10 * (1 - abs(rate - 0.75) * 2):.0f}%)"


def heat_map(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: dict[tuple[str, str], HeatCell],
    title: str,
    fmt: Callable[[float], str],
) -> Markup:
    """Pillar x touchpoint: colour by kept rate, with the rate and n in each cell.

    Hovering a cell (its SVG `<title>`) shows the rate, its interval and n.
    """
    left, top, cw, ch = 170, 110, 76, 38
    width, height = left + cw * len(columns) + 110, top + ch * len(rows) + 10
    body = []
    for j, column in enumerate(columns):
        cx = left + j * cw + cw / 2
        label = column if len(column) <= 22 else column[:21] + "…"
        body.append(
            f'<text transform="translate({cx:.1f},{top - 8}) rotate(-40)" '
            f'fill="{INK}">{escape(label)}</text>'
        )
    for i, name in enumerate(rows):
        y = top + i * ch
        label = name if len(name) <= 24 else name[:23] + "…"
        body.append(_text(left - 8, y + ch / 2 + 4, label, "end", fill=INK))
        for j, column in enumerate(columns):
            x = left + j * cw
            cell = cells.get((name, column))
            if cell is None:
                body.append(
                    f'<rect x="{x + 1}" y="{y + 1}" width="{cw - 2}" height="{ch - 2}" '
                    f'fill="#f4f6f8"/>'
                )
                continue
            rate, n = cell.rate, cell.n
            interval = (
                f" [{fmt(cell.low)} – {fmt(cell.high)}]"
                if cell.low is not None and cell.high is not None
                else ""
            )
            # Few mentions: the colour fades, so a 100% of one does not shout.
            faded = ' fill-opacity="0.4"' if n < SMALL_CELL else ""
            body.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cw - 2}" height="{ch - 2}" '
                f'fill="{_heat(rate)}"{faded}><title>{escape(name)} × '
                f"{escape(column)}: {escape(fmt(rate) + interval)} (n={n})"
                "</title></rect>"
            )
            body.append(
                _text(
                    x + cw / 2, y + 16, fmt(rate), "middle", fill=INK, font_weight="600"
                )
            )
            body.append(
                _text(x + cw / 2, y + 30, f"n={n}", "middle", fill=INK, font_size="10")
            )
    return _svg(width, height, title, body)


def trend(
    points: Sequence[Bar], title: str, fmt: Callable[[float], str], *, width: int = 940
) -> Markup:
    """A line over periods with its interval as a band."""
    left, right, top, bottom = 60, 40, 16, 34
    height = 240
    values = [v for p in points for v in (p.value, p.low, p.high) if v is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    pad = (high - low) * 0.08 or 0.1
    y = _scale(low - pad, high + pad, height - bottom, top)
    step = (width - left - right) / max(len(points) - 1, 1)
    x = [
        left + i * step if len(points) > 1 else (width / 2) for i in range(len(points))
    ]
    body = []
    for tick in _ticks(low - pad, high + pad, 4):
        body.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}" stroke="{GRID}"/>'
        )
        body.append(_text(left - 6, y(tick) + 4, fmt(tick), "end", fill=MUTED))
    banded = [(xi, p) for xi, p in zip(x, points, strict=True) if p.low is not None]
    if banded:
        upper = " ".join(f"{xi:.1f},{y(p.high or 0):.1f}" for xi, p in banded)
        lower = " ".join(f"{xi:.1f},{y(p.low or 0):.1f}" for xi, p in reversed(banded))
        body.append(f'<polygon points="{upper} {lower}" fill="{BAND}" opacity="0.8"/>')
    line = " ".join(
        f"{xi:.1f},{y(p.value):.1f}" for xi, p in zip(x, points, strict=True)
    )
    body.append(
        f'<polyline points="{line}" fill="none" stroke="{ACCENT}" stroke-width="2"/>'
    )
    for xi, p in zip(x, points, strict=True):
        colour = WARN if p.flagged else ACCENT
        body.append(
            f'<circle cx="{xi:.1f}" cy="{y(p.value):.1f}" r="4" fill="{colour}"/>'
        )
        body.append(_text(xi, height - 12, p.label, "middle", fill=INK))
    return _svg(width, height, title, body)


def scatter(
    points: Sequence[Point],
    title: str,
    x_label: str,
    y_label: str,
    fmt_x: Callable[[float], str],
    fmt_y: Callable[[float], str],
    *,
    width: int = 560,
) -> Markup:
    """Importance (x) vs performance (y), split into quadrants at the means."""
    left, right, top, bottom, height = 64, 24, 16, 42, 320
    if not points:
        return _svg(width, 40, title, [_text(10, 24, "–", fill=MUTED)])
    xs, ys = [p.x for p in points], [p.y for p in points]
    x_pad = (max(xs) - min(xs)) * 0.12 or 1.0
    y_pad = (max(ys) - min(ys)) * 0.12 or 0.1
    x = _scale(min(xs) - x_pad, max(xs) + x_pad, left, width - right)
    y = _scale(min(ys) - y_pad, max(ys) + y_pad, height - bottom, top)
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    body = [
        f'<rect x="{left}" y="{top}" width="{width - left - right}" '
        f'height="{height - top - bottom}" fill="none" stroke="{GRID}"/>',
        f'<line x1="{x(mx):.1f}" x2="{x(mx):.1f}" y1="{top}" y2="{height - bottom}" '
        f'stroke="{MUTED}" stroke-dasharray="4 3"/>',
        f'<line x1="{left}" x2="{width - right}" y1="{y(my):.1f}" y2="{y(my):.1f}" '
        f'stroke="{MUTED}" stroke-dasharray="4 3"/>',
        _text((left + width - right) / 2, height - 6, x_label, "middle", fill=INK),
        f'<text transform="translate(14,{(top + height - bottom) / 2:.1f}) '
        'rotate(-90)" '
        f'text-anchor="middle" fill="{INK}">{escape(y_label)}</text>',
    ]
    for tick in _ticks(min(xs) - x_pad, max(xs) + x_pad, 4):
        body.append(
            _text(x(tick), height - bottom + 14, fmt_x(tick), "middle", fill=MUTED)
        )
    for tick in _ticks(min(ys) - y_pad, max(ys) + y_pad, 4):
        body.append(_text(left - 6, y(tick) + 4, fmt_y(tick), "end", fill=MUTED))
    for p in points:
        colour = WARN if p.x >= mx and p.y < my else ACCENT
        body.append(
            f'<circle cx="{x(p.x):.1f}" cy="{y(p.y):.1f}" r="5" fill="{colour}"/>'
        )
        anchor = "end" if x(p.x) > width - 150 else "start"
        dx = -8 if anchor == "end" else 8
        body.append(
            _text(x(p.x) + dx, y(p.y) + 4, p.label, anchor, fill=INK, font_size="11")
        )
    return _svg(width, height, title, body)


def sankey(
    flows: Sequence[Flow],
    title: str,
    fmt_share: Callable[[float], str],
    *,
    width: int = 940,
    max_steps: int = 5,
) -> Markup:
    """Paths as bands between step columns; a band's width is its answers.

    A band is amber when its answers hold more detractors than all shown
    answers together; hovering it (`<title>`) gives both counts.
    """
    height, top, node_w, gap, label_w = 360, 10, 14, 10, 150
    steps = [f.steps[:max_steps] for f in flows]
    columns = max(len(s) for s in steps)
    nodes: dict[tuple[int, str], float] = {}
    links: dict[tuple[int, str, str], list[float]] = {}
    for flow, path in zip(flows, steps, strict=True):
        for i, name in enumerate(path):
            nodes[(i, name)] = nodes.get((i, name), 0) + flow.count
            if i + 1 < len(path):
                link = links.setdefault((i, name, path[i + 1]), [0.0, 0.0])
                link[0] += flow.count
                link[1] += flow.count * flow.detractor_share
    total = sum(f.count for f in flows) or 1
    overall = sum(f.count * f.detractor_share for f in flows) / total
    per_column = [
        sorted(((n, v) for (c, n), v in nodes.items() if c == i), key=lambda x: -x[1])
        for i in range(columns)
    ]
    # One scale for every column: the fullest column (with its gaps) fits.
    unit = (height - 2 * top - gap * max(len(c) - 1 for c in per_column)) / max(
        max(sum(v for _, v in col) for col in per_column), 1
    )
    step_x = (width - label_w - node_w - 10) / max(columns - 1, 1)
    place: dict[tuple[int, str], list[float]] = {}  # x, y, next out y, next in y
    body: list[str] = []
    for i, col in enumerate(per_column):
        y = float(top)
        x = 10 + i * step_x
        for name, value in col:
            h = max(value * unit, 2)
            place[(i, name)] = [x, y, y, y]
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{node_w}" height="{h:.1f}" '
                f'fill="{INK}"><title>{escape(name)}: {int(value)}</title></rect>'
            )
            if h >= 10:  # a thin node's label would overlap its neighbours'
                body.append(_text(x + node_w + 4, y + min(h, 24) / 2 + 4, name))
            y += h + gap
    for (i, a, b), (count, detractors) in sorted(
        links.items(), key=lambda item: -item[1][0]
    ):
        source, target = place[(i, a)], place[(i + 1, b)]
        h = max(count * unit, 1)
        x0, x1 = source[0] + node_w, target[0]
        y0, y1 = source[2], target[3]
        source[2] += h
        target[3] += h
        share = detractors / count if count else 0.0
        colour = WARN if share > overall else ACCENT
        mid = (x0 + x1) / 2
        body.append(
            f'<path d="M{x0:.1f},{y0:.1f}C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} '
            f"{x1:.1f},{y1:.1f}V{y1 + h:.1f}C{mid:.1f},{y1 + h:.1f} {mid:.1f},"
            f'{y0 + h:.1f} {x0:.1f},{y0 + h:.1f}Z" fill="{colour}" '
            f'fill-opacity="0.35"><title>{escape(a)} → {escape(b)}: {int(count)} '
            f"({escape(fmt_share(share))})</title></path>"
        )
    return _svg(width, height, title, body)
