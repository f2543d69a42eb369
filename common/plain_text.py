"""Plain text people type, without control characters: the one definition.

A title pasted from a word processor may carry U+000B (its line break inside a paragraph),
a reader's comment NUL or escape sequences. XML cannot hold most of them, so one such
character made the feeds answer 500 and the news sitemap invalid. Text is cleaned where it
comes in: :class:`LineField` (names, titles, captions: one line) and :class:`LinesField`
(leads, descriptions, comments: new lines and tabs kept) clean on every save and in every
form made from them; forms not made from a model use :class:`LineFormField` and
:class:`LinesFormField`. What goes out as XML passes :func:`xml_safe` too, for rows stored
before.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db import models

# Line and paragraph breaks of every kind: a space in a line, a new line in lines.
_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# What remains unwanted: C0 controls but tab and new line, DEL, C1 controls, the noncharacters
# U+FFFE and U+FFFF, and lone surrogates (which PostgreSQL cannot store).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# What XML 1.0 cannot hold at all (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_line(text: str) -> str:
    """One line of text: breaks and tabs become spaces, other control characters go."""
    return _CONTROLS.sub("", _BREAKS.sub(" ", text).replace("\t", " "))


def clean_lines(text: str) -> str:
    """Text of several lines: every kind of break becomes a new line, tabs stay, other
    control characters go."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))


def xml_safe(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold (for output: feeds, sitemaps)."""
    return _NOT_XML.sub("", text) if text else text


class LineFormField(forms.CharField):
    """A form's one-line text field that removes control characters before it validates."""

    clean_text = staticmethod(clean_line)

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if "\x00" in value:
            return value  # refused by Django's own validator, with its message
        return self.clean_text(value).strip() if self.strip else self.clean_text(value)


class LinesFormField(LineFormField):
    """A form's multi-line text field that removes control characters before it validates."""

    clean_text = staticmethod(clean_lines)


class _CleanedOnSave:
    clean_text = staticmethod(clean_line)
    form_class: type[forms.CharField] = LineFormField
    # Migrations see Django's own field: cleaning is Python behaviour, nothing in the database.
    migration_path = "django.db.models.CharField"

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = self.clean_text(value)
            setattr(model_instance, self.attname, value)
        return value

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return self.clean_text(value) if isinstance(value, str) else value

    def formfield(self, **kwargs: Any) -> Any:
        if not self.choices:
            kwargs.setdefault("form_class", self.form_class)
        return super().formfield(**kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, _path, args, kwargs = super().deconstruct()
        return name, self.migration_path, args, kwargs


class LineField(_CleanedOnSave, models.CharField):
    """A CharField for one line that readers see (names, titles, captions, credits)."""


class LinesField(_CleanedOnSave, models.TextField):
    """A TextField for plain text of several lines that readers see (leads, descriptions)."""

    clean_text = staticmethod(clean_lines)
    form_class = LinesFormField
    migration_path = "django.db.models.TextField"
