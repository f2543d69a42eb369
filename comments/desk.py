"""The moderation desk: one queue of comments with what a moderator needs beside each one.

For each comment on a page of the queue: the content it was sent on, its place in that
discussion (its number among the page's comments, and the comments just before it), and
the sender's other comments with their statuses. A fixed number of queries per page of the
queue, whatever its length. Blocking a sender (:func:`block_sender`) writes the block rule
the spam check reads, and sends their waiting comments to spam.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from comments.models import BlockRule, Comment

# How much of the discussion and of the sender's history each comment shows.
EARLIER_IN_THREAD = 2
SENDER_HISTORY = 5
DESK_STATUSES = (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM)


@dataclass
class DeskEntry:
    comment: Comment
    position: int = 0  # its number among the comments on the same content, oldest first
    thread_size: int = 0
    earlier: list[Comment] = field(default_factory=list)
    sender_history: list[Comment] = field(default_factory=list)
    sender_total: int = 0

    @property
    def email_domain(self) -> str:
        return self.comment.email.rpartition("@")[2].lower()


def queue(status: str) -> QuerySet[Comment]:
    """The comments of one status, the longest waiting first."""
    return (
        Comment.objects.filter(status=status)
        .select_related("content_type", "moderated_by")
        .prefetch_related("content_object")
        .order_by("created_at", "id")
    )


def with_context(comments: list[Comment]) -> list[DeskEntry]:
    """Each comment with its discussion and its sender's history: two queries for the page."""
    entries = [DeskEntry(comment) for comment in comments]
    if not entries:
        return entries
    targets = {(comment.content_type_id, comment.object_id) for comment in comments}
    on_targets = Q()
    for content_type_id, object_id in targets:
        on_targets |= Q(content_type_id=content_type_id, object_id=object_id)
    discussion: dict[tuple[int, int], list[Comment]] = {}
    for other in (
        Comment.objects.filter(on_targets)
        .only("id", "name", "text", "status", "created_at", "content_type_id", "object_id")
        .order_by("created_at", "id")
    ):
        discussion.setdefault((other.content_type_id, other.object_id), []).append(other)

    emails = {comment.email.lower() for comment in comments}
    history: dict[str, list[Comment]] = {}
    senders = Q()
    for email in emails:
        senders |= Q(email__iexact=email)
    for other in (
        Comment.objects.filter(senders)
        .select_related("content_type")
        .prefetch_related("content_object")
        .order_by("-created_at", "-id")
    ):
        history.setdefault(other.email.lower(), []).append(other)

    for entry in entries:
        comment = entry.comment
        thread = discussion.get((comment.content_type_id, comment.object_id), [])
        ids = [other.pk for other in thread]
        index = ids.index(comment.pk) if comment.pk in ids else 0
        entry.position, entry.thread_size = index + 1, len(thread)
        entry.earlier = thread[max(0, index - EARLIER_IN_THREAD) : index]
        others = [other for other in history.get(comment.email.lower(), []) if other.pk != comment.pk]
        entry.sender_total = len(others)
        entry.sender_history = others[:SENDER_HISTORY]
    return entries


def next_in_queue(comment: Comment, status: str) -> Comment | None:
    """The comment after ``comment`` in the queue of ``status`` (the desk moves on to it)."""
    later = Q(created_at__gt=comment.created_at) | Q(created_at=comment.created_at, id__gt=comment.pk)
    return Comment.objects.filter(later, status=status).order_by("created_at", "id").first()


def block_value(comment: Comment, kind: str) -> tuple[str, str] | None:
    """The block rule (kind, value) that blocks this comment's sender by email, domain or
    address; None when the comment does not have it (an address forgotten after a while)."""
    if kind == "email" and comment.email:
        return BlockRule.Kind.EMAIL, comment.email.lower()
    if kind == "domain" and "@" in comment.email:
        return BlockRule.Kind.EMAIL, "@" + comment.email.rpartition("@")[2].lower()
    if kind == "network" and comment.ip_address:
        return BlockRule.Kind.NETWORK, str(ipaddress.ip_network(comment.ip_address, strict=False))
    return None


def matches(rule: BlockRule) -> Q:
    """The comments a rule of kind email or network blocks."""
    if rule.kind == BlockRule.Kind.EMAIL:
        return Q(email__iendswith=rule.value) if rule.value.startswith("@") else Q(email__iexact=rule.value)
    network = ipaddress.ip_network(rule.value, strict=False)
    if network.num_addresses == 1:
        return Q(ip_address=str(network.network_address))
    return Q(pk__in=[])  # ranges are typed in Block rules; the desk blocks single addresses


@dataclass(frozen=True)
class BlockOutcome:
    rule: BlockRule
    created: bool
    sent_to_spam: int


def block_sender(comment: Comment, kind: str, moderator: Any) -> BlockOutcome | None:
    """Create (or find) the block rule for the sender and mark their waiting comments as spam."""
    wanted = block_value(comment, kind)
    if wanted is None:
        return None
    rule_kind, value = wanted
    rule, created = BlockRule.objects.get_or_create(
        kind=rule_kind,
        value=value,
        defaults={"note": _("Blocked from the moderation desk on comment #%(id)s") % {"id": comment.pk}},
    )
    waiting = Comment.objects.filter(matches(rule), status=Comment.Status.PENDING)
    count = waiting.update(
        status=Comment.Status.SPAM,
        spam_reason=f"blocked by a moderator: {rule.value}"[:200],
        moderated_at=timezone.now(),
        moderated_by=moderator,
    )
    return BlockOutcome(rule, created, count)
