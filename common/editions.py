"""The site's editions: English at ``/``, Arabic at ``/ar/``, Persian at ``/fa/``.

An edition is a language of ``settings.LANGUAGES``; the default one (``LANGUAGE_CODE``) has no
prefix, each other one the first segment of its addresses. A reader page's language comes from
its address alone, never from the reader's browser, so one copy of each page serves everyone
(alwaght/middleware.py activates it). Content belongs to one edition (its ``language``);
sections and In Focus topics exist once, with their words in every language (``translated``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _


def edition_field() -> models.CharField:
    """The one definition of the edition an item belongs to (its ``language`` field)."""
    return models.CharField(
        _("edition"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The edition it belongs to: its readers see it there, and only there."),
    )


def codes() -> list[str]:
    """Every edition's language code, the default first."""
    return [code for code, _ in settings.LANGUAGES]


def prefixed() -> list[str]:
    """The editions whose addresses start with their code."""
    return [code for code in codes() if code != settings.LANGUAGE_CODE]


def edition_of_path(path: str) -> str | None:
    """The edition a path's first segment names (``/ar/news/`` → ``ar``), or None."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in prefixed() else None


def path_without_edition(path: str) -> str:
    """The path as the default edition would have it: ``/ar/comments/post/`` → ``/comments/post/``."""
    edition = edition_of_path(path)
    return path[len(edition) + 1 :] if edition else path


def current() -> str:
    """The edition being shown now (the active language, or the default one)."""
    language = get_language() or settings.LANGUAGE_CODE
    return language if language in codes() else settings.LANGUAGE_CODE


def edition_name(language: str) -> str:
    """The edition's language named in the active language ("Arabic" in English, "عربی" in Persian)."""
    return str(get_language_info(language)["name_translated"])


# Open Graph's name of each edition's locale (og:locale), as the sites that read it know them.
OPEN_GRAPH_LOCALES = {"en": "en_US", "ar": "ar_AR", "fa": "fa_IR"}


def open_graph_locale(language: str | None = None) -> str:
    language = language or current()
    return OPEN_GRAPH_LOCALES.get(language, language)


def is_right_to_left(language: str) -> bool:
    return language.split("-")[0] in settings.LANGUAGES_BIDI


def translated(obj: Any, field: str, language: str | None = None) -> str:
    """An object's words in the edition's language: ``field_ar`` for Arabic, the field itself
    for the default language or when the translation is empty (sections and topics)."""
    language = language or current()
    if language != settings.LANGUAGE_CODE:
        value = getattr(obj, f"{field}_{language}", "")
        if value:
            return value
    return getattr(obj, field)


class LocalNames:
    """For models with a name and description in each edition's language (``name_ar``,
    ``description_fa``…: sections and topics): the ones of the edition shown."""

    @property
    def local_name(self) -> str:
        return translated(self, "name")

    @property
    def local_description(self) -> str:
        return translated(self, "description")


# Digits of each edition's script, for counts, page numbers and dates. Persian writes its own;
# the Arabic edition writes 0-9, as its articles do and most Arabic news sites.
_DIGITS = {"fa": "۰۱۲۳۴۵۶۷۸۹"}


def local_digits(value: Any, language: str | None = None) -> str:
    """``value`` as text with the edition's digits (Persian ۱۲۳); others unchanged."""
    text = str(value)
    digits = _DIGITS.get(language or current())
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def site_name(language: str | None = None) -> str:
    """The site's name in an edition (settings.SITE_NAMES; SITE_NAME where none is set)."""
    return settings.SITE_NAMES.get(language or current(), settings.SITE_NAME)


def site_tagline(language: str | None = None) -> str:
    return settings.SITE_TAGLINES.get(language or current(), settings.SITE_TAGLINE)
