"""The search page's filters: one section of the edition, and when the articles were published
(a recent period, or dates from and to).

Read from the query string of a plain GET form. A value the page cannot use (an unknown
section, a date that is no date, a year no archive has) is left out and the reader is told
why, in a sentence next to the form; nothing a reader types can fail the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import jdatetime
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import ArticleQuerySet, Section

# The query parameters, as the form names them (and the page cache keys the page by them).
PARAMETERS = ("section", "period", "from", "to")

PERIODS = {
    "day": timedelta(days=1),
    "week": timedelta(days=7),
    "month": timedelta(days=31),
    "year": timedelta(days=366),
}
PERIOD_LABELS = {
    "": gettext_lazy("Any time"),
    "day": gettext_lazy("Past 24 hours"),
    "week": gettext_lazy("Past week"),
    "month": gettext_lazy("Past month"),
    "year": gettext_lazy("Past year"),
}
# No archive holds articles outside these years; beyond them a date is a typing slip.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
# A Solar Hijri year (a Persian reader's 1403) is below this; a Gregorian one above.
SOLAR_HIJRI_BEFORE = 1700
MAX_VALUE_LENGTH = 40

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def section_choices() -> list[tuple[str, str]]:
    """(slug, name in the edition's language) of every section, in the sections' order."""
    return [(slug, section.local_name) for slug, section in Section.objects.cached().items()]


def parse_date(text: str) -> date | None:
    """2025-03-15 (or 2025/3/15), in Western, Arabic or Persian digits; a year below 1700 is
    read in the Solar Hijri calendar (۱۴۰۳/۰۱/۱۵). None when it is no date."""
    match = _DATE.fullmatch(text.strip().translate(_DIGITS))
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        if year < SOLAR_HIJRI_BEFORE:
            return jdatetime.date(year, month, day).togregorian()
        return date(year, month, day)
    except ValueError:
        return None


@dataclass
class SearchFilters:
    """What the reader narrowed the search to, and what of it could not be used (``problems``,
    sentences for the page)."""

    section: str = ""
    period: str = ""
    start: date | None = None
    end: date | None = None
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict) -> SearchFilters:
        filters = cls()
        section = query.get("section", "").strip()
        if section:
            if Section.objects.by_slug(section) is not None:
                filters.section = section
            else:
                filters.problems.append(_("There is no such section, so every section was searched."))
        period = query.get("period", "").strip()
        if period:
            if period in PERIODS:
                filters.period = period
            else:
                filters.problems.append(
                    _("That period is not one of the list, so articles of any time were searched.")
                )
        filters.start = filters._date(query.get("from", ""), _("From"))
        filters.end = filters._date(query.get("to", ""), _("To"))
        if filters.start and filters.end and filters.start > filters.end:
            filters.start, filters.end = filters.end, filters.start
            filters.problems.append(_("The first date was after the second, so they were swapped."))
        if filters.period and (filters.start or filters.end):
            filters.period = ""
            filters.problems.append(_("Your dates were used instead of the period."))
        return filters

    def _date(self, raw: str, label: str) -> date | None:
        text = raw.strip()
        if not text:
            return None
        value = parse_date(text) if len(text) <= MAX_VALUE_LENGTH else None
        if value is None:
            self.problems.append(
                _(
                    "“%(field)s” is not a date the search understands (write it like 2025-03-15), so it was left out."
                )
                % {"field": label}
            )
        elif not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            self.problems.append(
                _("“%(field)s” must be a date between %(first)s and %(last)s, so it was left out.")
                % {"field": label, "first": EARLIEST_YEAR, "last": LATEST_YEAR}
            )
            value = None
        return value

    @property
    def active(self) -> bool:
        return bool(self.section or self.period or self.start or self.end)

    def parameters(self) -> dict[str, str]:
        """The filters in use, as query parameters (for links that keep them)."""
        values = {
            "section": self.section,
            "period": self.period,
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
        }
        return {name: value for name, value in values.items() if value}

    def apply(self, articles: ArticleQuerySet) -> ArticleQuerySet:
        """The articles narrowed to the section and the publication moments asked for."""
        if self.section:
            articles = articles.in_section(self.section)
        zone = timezone.get_current_timezone()
        start = end = None
        if self.period:
            start = timezone.now() - PERIODS[self.period]
        if self.start:
            start = datetime.combine(self.start, time.min, tzinfo=zone)
        if self.end:  # the whole of the last day
            end = datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone)
        return articles.published_between(start, end)
