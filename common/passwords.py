"""A password rule Django's own validators miss: no password built from the user's own names.

Django's UserAttributeSimilarityValidator compares whole strings, so "editoreditor" passes
for the user "editor" (a similarity of 0.67, under its 0.7). This one refuses any password
that contains, in any case, forwards or backwards, the username, the first or last name or
the email address's parts, when the part has at least three characters.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _

DEFAULT_ATTRIBUTES = ("username", "first_name", "last_name", "email")


class ContainsUserAttributeValidator:
    def __init__(
        self, user_attributes: tuple[str, ...] = DEFAULT_ATTRIBUTES, min_part_length: int = 3
    ) -> None:
        self.user_attributes = user_attributes
        self.min_part_length = min_part_length

    def validate(self, password: str, user: Any = None) -> None:
        if user is None:
            return
        lowered = password.lower()
        for attribute in self.user_attributes:
            value = getattr(user, attribute, None)
            if not value or not isinstance(value, str):
                continue
            parts = {value.lower(), *re.split(r"[\W_]+", value.lower())}
            for part in parts:
                if len(part) >= self.min_part_length and (part in lowered or part[::-1] in lowered):
                    try:
                        name = user._meta.get_field(attribute).verbose_name
                    except FieldDoesNotExist:
                        name = attribute
                    raise ValidationError(
                        _("The password is too similar to the %(verbose_name)s."),
                        code="password_too_similar",
                        params={"verbose_name": name},
                    )

    def get_help_text(self) -> str:
        return capfirst(_("your password can’t contain your username, your name or your email address."))
