"""Small SVG charts drawn by the site itself (no chart library, nothing from another host)."""

from __future__ import annotations

from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH, HEIGHT, BAR_GAP, LABEL_SPACE = 600, 160, 2, 18


def daily_views_chart(series: list[tuple[date, int]]) -> SafeString:
    """A bar chart of views per day, with a text alternative and a tooltip per bar."""
    highest = max((views for _, views in series), default=0) or 1
    bar_width = WIDTH / max(len(series), 1)
    plot_height = HEIGHT - LABEL_SPACE
    bars = []
    for index, (day, views) in enumerate(series):
        height = round(plot_height * views / highest, 1)
        bars.append(
            (
                round(index * bar_width, 1),
                round(plot_height - height, 1),
                round(bar_width - BAR_GAP, 1),
                height,
                f"{day:%d %b}: {views}",
            )
        )
    total = sum(views for _, views in series)
    summary = _(
        "Views per day over the last %(days)d days: %(total)d in all, at most %(highest)d in one day."
    ) % {
        "days": len(series),
        "total": total,
        "highest": highest if total else 0,
    }
    first, last = (series[0][0], series[-1][0]) if series else (None, None)
    return format_html(
        '<svg class="views-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">'
        '<rect x="0" y="0" width="{}" height="{}" fill="#f8f8f8"/>{}'
        '<text x="0" y="{}" font-size="11" fill="#555">{}</text>'
        '<text x="{}" y="{}" font-size="11" fill="#555" text-anchor="end">{}</text></svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        summary,
        WIDTH,
        plot_height,
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="#9b1c1c"><title>{}</title></rect>',
            bars,
        ),
        HEIGHT - 4,
        f"{first:%d %b}" if first else "",
        WIDTH,
        HEIGHT - 4,
        f"{last:%d %b}" if last else "",
    )
