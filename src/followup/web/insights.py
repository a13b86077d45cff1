"""Insights drawn as bar charts, in SVG (the figures: service/insights.py)."""

from __future__ import annotations

from html import escape


def bars(title: str, values: dict[str, int], unit: str = "", said: dict[str, str] | None = None) -> str:
    """A horizontal bar chart, as SVG with its title and a text description; `said`: the words
    beside each bar, when more than its value and unit."""
    width, row, label_width = 560, 28, 150
    top = max(values.values(), default=0) or 1
    height = row * max(len(values), 1) + 10
    said = said or {key: f"{value}{unit}" for key, value in values.items()}
    described = "; ".join(f"{key}: {said[key]}" for key in values)
    parts = [
        f'<svg role="img" aria-labelledby="t-{_id(title)} d-{_id(title)}" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg" class="chart">',
        f'<title id="t-{_id(title)}">{escape(title)}</title>',
        f'<desc id="d-{_id(title)}">{escape(described)}</desc>',
    ]
    for index, (label, value) in enumerate(values.items()):
        y = 5 + index * row
        length = (width - label_width - 60) * value / top
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" class="label">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 10}" class="bar"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 6:.1f}" y="{y + 17}" class="value">'
            f"{escape(said[label])}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def shares(title: str, values: dict[str, dict[str, int]]) -> str:
    """The share answered of each group, as bars with the counts beside them."""
    rates = {
        group: round(100 * found.get("answered", 0) / max(sum(found.values()), 1))
        for group, found in values.items()
    }
    said = {
        group: f"{rates[group]}% answered ({found.get('answered', 0)} of {sum(found.values())})"
        for group, found in values.items()
    }
    return bars(title, rates, "% answered", said)


def _id(title: str) -> str:
    return "".join(char if char.isalnum() else "-" for char in title.lower())
