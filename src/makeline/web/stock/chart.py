"""Projected stock of one item over time, and its drawing as inline SVG (no JS library).

The series starts with what is on hand now, then steps by each expected receipt (+, at the
PO row's arrival or the MO's deadline) and each commitment (−, at the sales order's
delivery date or the consuming MO's deadline). Anything due in the past, or undated,
counts today: it is still open, so it is still ahead of us. Receipts count before
demands of the same day.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from makeline.web.stock.intel import Event

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40


@dataclass(frozen=True, slots=True)
class Step:
    day: date
    change: Decimal
    balance: Decimal
    event: Event | None  # None: the starting point (on hand now)


def projection(on_hand: Decimal, events: list[Event], *, today: date) -> list[Step]:
    """The stock after each event, in date order (see the module docstring)."""
    dated = sorted(events, key=lambda e: (max(e.when or today, today), e.quantity < 0))
    steps = [Step(today, Decimal(0), on_hand, None)]
    balance = on_hand
    for event in dated:
        balance += event.quantity
        steps.append(Step(max(event.when or today, today), event.quantity, balance, event))
    return steps


def svg(steps: list[Step]) -> SafeString:
    """A step line of the projection with a zero line, axis labels and a dot per event."""
    first, last = steps[0].day, max(s.day for s in steps)
    end = max(last, first + timedelta(days=14)) + timedelta(days=3)
    low = min(min(s.balance for s in steps), Decimal(0))
    high = max(max(s.balance for s in steps), Decimal(0))
    if high == low:
        high = low + 1

    def x(day: date) -> float:
        span = (end - first).days or 1
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span

    def y(value: Decimal) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * float((high - value) / (high - low))

    path = f"M {x(first):.1f} {y(steps[0].balance):.1f}"
    for step in steps[1:]:
        path += f" H {x(step.day):.1f} V {y(step.balance):.1f}"
    path += f" H {x(end):.1f}"
    parts = [
        f'<svg class="stock-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Projected stock over time</title>',
        _axes(first, end, low, high, x, y),
        f'<path class="stock-chart-line" d="{path}" fill="none"/>',
    ]
    parts += [_dot(s, x(s.day), y(s.balance)) for s in steps]
    parts.append("</svg>")
    # Safe: every dynamic text above went through escape().
    return mark_safe("".join(parts))


def _axes(
    first: date,
    end: date,
    low: Decimal,
    high: Decimal,
    x: Callable[[date], float],
    y: Callable[[Decimal], float],
) -> str:
    zero = y(Decimal(0))
    bottom = HEIGHT - BOTTOM
    out = [
        f'<line class="stock-chart-zero" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
        f'y1="{zero:.1f}" y2="{zero:.1f}"/>',
        f'<line class="stock-chart-axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}"/>',
    ]
    for value in sorted({low, Decimal(0), high}):
        out.append(
            f'<text class="stock-chart-label" x="{LEFT - 6}" y="{y(value) + 4:.1f}" '
            f'text-anchor="end">{escape(_plain(value))}</text>'
        )
    for day, anchor in ((first, "start"), (end, "end")):
        out.append(
            f'<text class="stock-chart-label" x="{x(day):.1f}" y="{bottom + 18}" '
            f'text-anchor="{anchor}">{escape(_date(day))}</text>'
        )
    return "".join(out)


def _dot(step: Step, cx: float, cy: float) -> str:
    if step.event is None:
        label = f"On hand now: {_plain(step.balance)}"
    else:
        sign = "+" if step.change > 0 else "−"
        e = step.event
        label = (
            f"{_date(step.day)}: {sign}{_plain(abs(step.change))} {e.kind} {e.order_no} "
            f"→ {_plain(step.balance)}"
        )
    tone = "neg" if step.balance < 0 else "pos"
    return (
        f'<circle class="stock-chart-dot {tone}" cx="{cx:.1f}" cy="{cy:.1f}" r="4">'
        f"<title>{escape(label)}</title></circle>"
    )


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def _date(day: date) -> str:
    return f"{day.day} {day:%b}"
