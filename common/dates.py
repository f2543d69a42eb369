"""Dates for machines (the ``datetime`` attribute of <time>) and for each edition's readers."""

from __future__ import annotations

from datetime import date, datetime

import jdatetime
from django.utils import timezone
from django.utils.formats import date_format

from common import editions


def iso_datetime(value: datetime | None) -> str:
    """2020-02-19T09:30:00+00:00, in the site's time zone, to the second: HTML's <time> accepts
    at most three digits of a fraction, and Django's "c" format writes six."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


# The Solar Hijri calendar's months and the week's days (Saturday first), as Persian readers write them.
PERSIAN_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
PERSIAN_WEEKDAYS = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")


def local_date(value: datetime | None, format_name: str = "DATE_FORMAT", language: str | None = None) -> str:
    """A date (or moment) as the edition's readers write it, by the name of a format of
    alwaght/formats (DATE_FORMAT, DATETIME_FORMAT, SHORT_DATE_FORMAT, SHORT_DATETIME_FORMAT):
    English and Arabic in the Gregorian calendar with their month names, Persian in the Solar
    Hijri calendar with Persian digits; times with their time zone."""
    if not value:
        return ""
    language = language or editions.current()
    local = timezone.localtime(value) if isinstance(value, datetime) else value
    text = persian_date(local, format_name) if language == "fa" else date_format(local, format_name)
    return editions.local_digits(text, language)


def persian_date(value: datetime | date, format_name: str) -> str:
    """``value`` in the Solar Hijri calendar, in Persian words (Western digits: the caller
    turns them into Persian ones)."""
    solar = jdatetime.date.fromgregorian(date=value if not isinstance(value, datetime) else value.date())
    day_month = f"{solar.day} {PERSIAN_MONTHS[solar.month - 1]}"
    weekday = PERSIAN_WEEKDAYS[solar.weekday()]
    clock = f"{value:%H:%M} {value.tzname() or ''}".strip() if isinstance(value, datetime) else ""
    return {
        "DATE_FORMAT": f"{weekday} {day_month} {solar.year}",
        "DATETIME_FORMAT": f"{weekday} {day_month} {solar.year}، {clock}",
        "SHORT_DATE_FORMAT": f"{day_month} {solar.year}",
        "SHORT_DATETIME_FORMAT": f"{day_month}، {clock}",
        "TIME_FORMAT": clock,
    }.get(format_name, f"{day_month} {solar.year}")
