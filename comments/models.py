"""Reader comments on any content (articles, gallery items) and the rules that keep spam out.

Comments attach through a generic relation: the content models know nothing of
this app. What a content object must offer is described in :mod:`comments.targets`.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import linebreaks, urlize
from django.utils.translation import gettext_lazy as _

from common.plain_text import LineField, LinesField

NAME_MAX_LENGTH = 80
TEXT_MAX_LENGTH = 3000


def render_comment_text(text: str) -> str:
    """Reader text as safe HTML: escaped, paragraphs and line breaks kept, bare URLs
    made links that search engines do not credit. Done once, on save."""
    linked = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    # Django's urlize writes exactly rel="nofollow"; readers' links also get ugc and noopener.
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    return linebreaks(linked, autoescape=False)


def comments_key(model_name: str, object_id: int) -> str:
    """``article:12:comments``: carried by the page showing those comments, purged when they change."""
    return f"{model_name}:{object_id}:comments"


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)

    def for_object(self, obj: models.Model) -> CommentQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")

    name = LineField(_("name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("email"), help_text=_("Never shown to readers."))
    text = LinesField(_("text"), max_length=TEXT_MAX_LENGTH)
    text_html = models.TextField(editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    spam_reason = models.CharField(_("why it was held as spam"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # For moderators only; purged after COMMENTS_KEEP_PERSONAL_DATA_DAYS.
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            # The approved comments of one article, oldest first.
            models.Index(
                fields=["content_type", "object_id", "created_at"],
                name="comment_approved_on_object",
                condition=models.Q(status="approved"),
            ),
            models.Index(fields=["status", "-created_at"], name="comment_moderation_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:60]}"

    def save(self, *args, **kwargs) -> None:
        self.text_html = render_comment_text(self.text)
        super().save(*args, **kwargs)

    @property
    def comments_key(self) -> str:
        """The surrogate key of the comments shown with what this comment is about."""
        return comments_key(ContentType.objects.get_for_id(self.content_type_id).model, self.object_id)


class BlockRule(models.Model):
    """Something moderators never want to see in a comment: a word, an email or a network."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase in the name or text")
        EMAIL = "email", _("Email address, or @domain")
        NETWORK = "network", _("IP address or range (CIDR)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = LineField(
        _("value"),
        max_length=200,
        help_text=_("E.g. “casino”, “spammer@example.com”, “@spam.example”, “203.0.113.0/24”."),
    )
    note = LineField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        verbose_name = _("block rule")
        verbose_name_plural = _("block rules")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="block_rule_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self) -> None:
        self.value = self.value.strip()
        if self.kind == self.Kind.NETWORK:
            try:
                self.value = str(ipaddress.ip_network(self.value, strict=False))
            except ValueError as error:
                raise ValidationError(
                    {"value": _("Enter an IP address or a range such as 203.0.113.0/24.")}
                ) from error
        elif self.kind == self.Kind.EMAIL:
            self.value = self.value.lower()
            if "@" not in self.value:
                raise ValidationError({"value": _("Enter an email address, or @ followed by a domain.")})
        elif not self.value:
            raise ValidationError({"value": _("Enter a word or phrase.")})


class UsedFormToken(models.Model):
    """A comment form token that was used: each is accepted once (purge_comment_personal_data
    forgets those past COMMENTS_TOKEN_MAX_AGE_SECONDS, which could not be used again anyway)."""

    nonce = models.CharField(max_length=32, unique=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.nonce
