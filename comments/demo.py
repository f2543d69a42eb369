"""Demo reader comments for `manage.py seed_demo`: approved, pending and spam, each in the
language of the edition it is written in."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from comments.models import Comment

# Readers, approved and pending comments of each edition, in its language.
READERS = {
    "en": [
        ("Ali Rezaei", "ali.rezaei@example.com"),
        ("Sarah Collins", "s.collins@example.org"),
        ("Karim Nasser", "karim.n@example.lb"),
    ],
    "ar": [
        ("أحمد الحسيني", "ahmad.hussaini@example.iq"),
        ("ليلى منصور", "layla.mansour@example.lb"),
        ("يوسف العلي", "yousef.alali@example.sy"),
    ],
    "fa": [
        ("مریم احمدی", "maryam.ahmadi@example.ir"),
        ("رضا کریمی", "reza.karimi@example.ir"),
        ("زهرا موسوی", "zahra.mousavi@example.ir"),
    ],
}
APPROVED_TEXTS = {
    "en": [
        "A clear and balanced account. Thank you for the background on the talks.",
        "I would like to read more about what this means for ordinary people in the region.",
        "The map in your previous report helped a lot; could you publish an updated one?\nThanks.",
        "Good to see a report that quotes people on the ground, not only officials.",
    ],
    "ar": [
        "شكراً على هذا التقرير المفصل، نأمل أن يستمر وقف إطلاق النار.",
        "تحليل متوازن، لكن ماذا عن موقف دول الجوار؟",
        "نتمنى أن تتابعوا هذه القضية في تقارير قادمة.\nمع الشكر.",
        "أخيراً تقرير ينقل صوت الناس لا صوت المسؤولين فقط.",
    ],
    "fa": [
        "تحلیل دقیقی بود. ممنون از گزارش خوبتان.",
        "این گزارش نشان می‌دهد که راه‌حل سیاسی هنوز ممکن است.",
        "کاش درباره‌ی پیامدهای اقتصادی این تصمیم هم بیشتر بنویسید.",
        "گزارشی که صدای مردم را می‌رساند، نه فقط صدای مقام‌ها را.\nسپاس.",
    ],
}
PENDING_TEXTS = {
    "en": ["Is there any official statement from the UN about this yet?"],
    "ar": ["هل يمكنكم نشر مقابلة مع أحد المسؤولين؟"],
    "fa": ["لطفاً درباره‌ی وضعیت پناهندگان هم بنویسید."],
}
SPAM_TEXT = "Cheap pills http://spam.example/a http://spam.example/b http://spam.example/c"


def seed(stream: Callable[[str], random.Random], targets: Sequence[models.Model]) -> None:
    """A few comments on each of the given content objects; nothing twice."""
    now = timezone.now()
    for index, target in enumerate(targets):
        rng = stream(f"comments-{index}")
        content_type = ContentType.objects.get_for_model(target)
        published_at = getattr(target, "published_at", None) or now - timedelta(days=1)
        language = getattr(target, "language", "en")
        plan = [
            (text, Comment.Status.APPROVED)
            for text in rng.sample(APPROVED_TEXTS[language], rng.randint(1, 3))
        ]
        if index % 3 == 0:
            plan.append((rng.choice(PENDING_TEXTS[language]), Comment.Status.PENDING))
        if index % 5 == 0:
            plan.append((SPAM_TEXT, Comment.Status.SPAM))
        for number, (text, status) in enumerate(plan):
            name, email = (
                rng.choice(READERS[language])
                if status != Comment.Status.SPAM
                else ("Best Deals", "deals@spam.example")
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
