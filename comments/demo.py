"""Demo reader comments for `manage.py seed_demo`: approved, pending and spam, in three languages."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from comments.models import Comment

READERS = [
    ("Ali Rezaei", "ali.rezaei@example.com"),
    ("Sarah Collins", "s.collins@example.org"),
    ("مریم احمدی", "maryam.ahmadi@example.ir"),
    ("أحمد الحسيني", "ahmad.hussaini@example.iq"),
    ("Karim Nasser", "karim.n@example.lb"),
    ("رضا کریمی", "reza.karimi@example.ir"),
]
APPROVED_TEXTS = [
    "A clear and balanced account. Thank you for the background on the talks.",
    "I would like to read more about what this means for ordinary people in the region.",
    "تحلیل دقیقی بود. ممنون از گزارش خوبتان.",
    "شكراً على هذا التقرير المفصل، نأمل أن يستمر وقف إطلاق النار.",
    "The map in your previous report helped a lot; could you publish an updated one?\nThanks.",
    "این گزارش نشان می‌دهد که راه‌حل سیاسی هنوز ممکن است.",
]
PENDING_TEXTS = [
    "Is there any official statement from the UN about this yet?",
    "لطفاً درباره وضعیت پناهندگان هم بنویسید.",
    "هل يمكنكم نشر مقابلة مع أحد المسؤولين؟",
]
SPAM_TEXT = "Cheap pills http://spam.example/a http://spam.example/b http://spam.example/c"


def seed(stream: Callable[[str], random.Random], targets: Sequence[models.Model]) -> None:
    """A few comments on each of the given content objects; nothing twice."""
    now = timezone.now()
    for index, target in enumerate(targets):
        rng = stream(f"comments-{index}")
        content_type = ContentType.objects.get_for_model(target)
        published_at = getattr(target, "published_at", None) or now - timedelta(days=1)
        plan = [(text, Comment.Status.APPROVED) for text in rng.sample(APPROVED_TEXTS, rng.randint(1, 3))]
        if index % 3 == 0:
            plan.append((rng.choice(PENDING_TEXTS), Comment.Status.PENDING))
        if index % 5 == 0:
            plan.append((SPAM_TEXT, Comment.Status.SPAM))
        for number, (text, status) in enumerate(plan):
            name, email = (
                rng.choice(READERS) if status != Comment.Status.SPAM else ("Best Deals", "deals@spam.example")
            )
            sent = min(now, published_at + timedelta(hours=2 + number * 5, minutes=rng.randint(0, 59)))
            if Comment.objects.filter(content_type=content_type, object_id=target.pk, text=text).exists():
                continue
            Comment.objects.create(
                content_type=content_type,
                object_id=target.pk,
                name=name,
                email=email,
                text=text,
                status=status,
                spam_reason="3 links (at most 2)" if status == Comment.Status.SPAM else "",
                created_at=sent,
                ip_address=f"198.51.100.{rng.randint(1, 254)}",
                user_agent="Mozilla/5.0 (demo)",
            )
