"""Site-wide pages editors write in admin: About us, Contact, Privacy policy, one per edition.

Django's flatpages would not fit: a flat page is found by its whole address and belongs to
sites, not editions, so the three editions' About pages would be three unrelated pages with
hand-typed addresses, none of them known to the footer or the language menu.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common import editions
from common.plain_text import LineField, LinesField
from common.publishing import can_preview
from common.reversing import cached_reverse
from common.sanitize import sanitize_html


class SitePageQuerySet(models.QuerySet):
    def published(self) -> SitePageQuerySet:
        """What readers may see."""
        return self.filter(published=True)

    def visible_to(self, user: Any) -> SitePageQuerySet:
        """Published pages, plus unpublished ones for staff who may view them in admin."""
        return self if can_preview(user, self.model) else self.published()

    def versions(self, slug: str) -> dict[str, SitePage]:
        """The page in each edition that has it, by language (one query)."""
        return {page.language: page for page in self.filter(slug=slug)}


class SitePage(models.Model):
    """A page of the newsroom about itself, at the same address in every edition."""

    class Slug(models.TextChoices):
        # Each has a fixed address (/about/…), reserved so that no section can take it.
        ABOUT = "about", _("About us")
        CONTACT = "contact", _("Contact")
        PRIVACY = "privacy", _("Privacy policy")

    language = editions.edition_field()
    slug = models.CharField(
        _("page"),
        max_length=20,
        choices=Slug.choices,
        help_text=_("Which page of the footer this is; its address is the same in every edition."),
    )
    title = LineField(_("title"), max_length=200)
    description = LinesField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for search engines and link previews."),
    )
    body = models.TextField(_("body"), blank=True, help_text=_("Cleaned on save like article bodies."))
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Readers see only a published page. Where an edition has none, its address shows the "
            "English page (or another edition's), with a note saying so."
        ),
    )
    modified_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = SitePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        ordering = ["slug", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "language"],
                name="sitepage_one_per_edition",
                violation_error_message=_("This edition already has this page: edit that one instead."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return cached_reverse("site_page", language=self.language, slug=self.slug)

    @staticmethod
    def version_for(versions: dict[str, SitePage], language: str) -> SitePage | None:
        """The version to show in an edition: its own, else the default edition's, else the
        first other edition's that has one."""
        for code in (language, settings.LANGUAGE_CODE, *editions.codes()):
            if code in versions:
                return versions[code]
        return None

    @property
    def is_public(self) -> bool:
        return self.published

    @property
    def is_right_to_left(self) -> bool:
        return editions.is_right_to_left(self.language)
