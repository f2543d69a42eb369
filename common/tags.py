"""Tags (django-taggit) that always have an address.

A tag's page lives at /tags/<slug>/, so a tag whose name has no letter or digit ("!!!")
would have an empty slug and break every page linking to it. Forms refuse such names, and
names longer than the database allows, with a message next to the field; tags made in
code get a slug anyway (:func:`clean_tag_before_save`).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from taggit.models import Tag

from common.plain_text import clean_line
from common.slugs import unicode_slug

TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length
# taggit makes slugs unique by appending "_1", "_2"…
_UNIQUE_SUFFIX = re.compile(r"_\d+$")


def validate_tag_name(name: str) -> None:
    """Refuse a tag name that would have no address, or that the database cannot hold."""
    if len(name) > TAG_NAME_MAX_LENGTH:
        raise ValidationError(
            _("The tag “%(start)s…” is too long: at most %(limit)d characters (it has %(length)d)."),
            code="tag_too_long",
            params={"start": name[:30], "limit": TAG_NAME_MAX_LENGTH, "length": len(name)},
        )
    if not unicode_slug(name, TAG_NAME_MAX_LENGTH, fallback=""):
        raise ValidationError(
            _("The tag “%(name)s” has no letter or digit: a tag needs one to have an address."),
            code="tag_without_letters",
            params={"name": name},
        )


class TagListField(TagField):
    """taggit's comma-separated tag field, with control characters removed from every tag name
    and each name checked (see validate_tag_name)."""

    def clean(self, value: Any) -> list[str]:
        names = [clean_line(name).strip() for name in super().clean(value)]
        names = sorted({name for name in names if name})
        errors: list[ValidationError] = []
        for name in names:
            try:
                validate_tag_name(name)
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return names


def has_letters(slug: str) -> bool:
    return any(character.isalnum() for character in _UNIQUE_SUFFIX.sub("", slug))


def clean_tag_before_save(sender: type[Tag], instance: Tag, **kwargs: Any) -> None:
    """pre_save of Tag: no control character in the name, and a name without letters or
    digits gets "tag-<random>" as its slug (taggit would make "" or "_1"); every other slug is
    taggit's."""
    instance.name = clean_line(instance.name)
    if not has_letters(slugify(instance.slug, allow_unicode=True)):
        instance.slug = f"tag-{secrets.token_hex(4)}"
