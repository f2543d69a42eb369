"""Dates for machines: the ``datetime`` attribute of <time> and the like."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def iso_datetime(value: datetime | None) -> str:
    """2020-02-19T09:30:00+00:00, in the site's time zone, to the second: HTML's <time> accepts
    at most three digits of a fraction, and Django's "c" format writes six."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
