"""Publishing rules, slugs, Related Content and Editor's Choice at the model level."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, EditorsPick, RelatedArticle, Section
from focus.models import Topic
from tests.factories import (
    ArticleFactory,
    EditorsPickFactory,
    RelatedArticleFactory,
    SectionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_draft_article_is_not_public() -> None:
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert draft not in Article.objects.published()
    assert not draft.is_public


def test_scheduled_article_appears_by_itself_when_its_time_comes() -> None:
    with time_machine.travel(timezone.now(), tick=False) as clock:
        scheduled = ArticleFactory(published_at=timezone.now() + timedelta(hours=2))
        assert scheduled not in Article.objects.published()
        clock.shift(timedelta(hours=2, seconds=1))
        assert scheduled in Article.objects.published()


def test_publishing_without_a_date_dates_the_article_now() -> None:
    before = timezone.now()
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert article.published_at is None
    article.status = Article.Status.PUBLISHED
    article.save()
    assert before <= article.published_at <= timezone.now()
    assert article in Article.objects.published()


def test_database_refuses_a_published_article_without_date() -> None:
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(published_at=None)


@pytest.mark.parametrize(
    "title, expected_slug",
    [
        ("Will Idlib Push Shatter Fledgling Russian-Turkish Alliance?", "will-idlib-push-shatter-fledgling-russian-turkish-alliance"),
        ("حمله پهپادی به فرودگاه صنعا", "حمله-پهپادی-به-فرودگاه-صنعا"),
        ("الجيش السوري يتقدم في إدلب", "الجيش-السوري-يتقدم-في-إدلب"),
        ("ایران می\u200cخواهد مذاکره کند", "ایران-می-خواهد-مذاکره-کند"),
        ("Breaking 🚨 news \u200f from Gaza", "breaking-news-from-gaza"),
        ("🚨🚨🚨", "article"),
    ],
)  # fmt: skip
def test_slug_is_made_readable_from_title_in_any_script(title: str, expected_slug: str) -> None:
    article = ArticleFactory(title=title)
    assert article.slug == expected_slug


def test_editor_given_slug_is_kept() -> None:
    assert ArticleFactory(title="Long title", slug="short").slug == "short"


def test_body_is_sanitised_on_save() -> None:
    article = ArticleFactory(body='<p onclick="steal()">Text</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>Text</p>"


@pytest.mark.parametrize(
    "slug", ["tags", "focus", "gallery", "most-viewed", "search", "feed", "admin", "media"]
)
def test_section_slug_may_not_take_a_reserved_first_segment(slug: str) -> None:
    section = Section(name="Clash", slug=slug)
    with pytest.raises(ValidationError) as error:
        section.full_clean()
    assert "already used by another part of the site" in str(error.value)


def test_editors_choice_lists_active_picks_in_the_editors_order() -> None:
    first, second, lapsed, draft = ArticleFactory.create_batch(4)
    draft.status = Article.Status.DRAFT
    draft.save()
    EditorsPickFactory(article=second, position=2)
    EditorsPickFactory(article=first, position=1)
    EditorsPickFactory(article=lapsed, position=0, ends_at=timezone.now() - timedelta(minutes=1))
    EditorsPickFactory(article=draft, position=3)
    assert list(Article.objects.published().editors_choice()) == [first, second]


def test_editors_pick_lapses_by_itself_at_its_end() -> None:
    with time_machine.travel(timezone.now(), tick=False) as clock:
        pick = EditorsPickFactory(ends_at=timezone.now() + timedelta(hours=1))
        assert pick.article in Article.objects.published().editors_choice()
        assert EditorsPick.objects.next_lapse() == pick.ends_at
        clock.shift(timedelta(hours=1, seconds=1))
        assert pick.article not in Article.objects.published().editors_choice()
        assert not EditorsPick.objects.active().exists()
        assert EditorsPick.objects.next_lapse() is None
        assert EditorsPick.objects.with_activity().get().is_active is False


def test_related_content_puts_editors_picks_first_in_their_order() -> None:
    article = ArticleFactory(tags=["Syria"])
    picked_second, picked_first = ArticleFactory.create_batch(2)
    RelatedArticleFactory(article=article, related=picked_second, position=2)
    RelatedArticleFactory(article=article, related=picked_first, position=1)
    related = article.related_content()
    assert related[:2] == [picked_first, picked_second]


def test_related_content_fills_remaining_slots_from_shared_tags_newest_first() -> None:
    now = timezone.now()
    article = ArticleFactory(tags=["Syria", "Turkey"])
    picked = ArticleFactory()
    RelatedArticleFactory(article=article, related=picked, position=1)
    older = ArticleFactory(tags=["Syria"], published_at=now - timedelta(days=3))
    newer = ArticleFactory(tags=["Turkey"], published_at=now - timedelta(days=1))
    both_tags = ArticleFactory(tags=["Syria", "Turkey"], published_at=now - timedelta(days=2))
    ArticleFactory(tags=["Yemen"])  # nothing in common
    assert article.related_content() == [picked, newer, both_tags, older]


def test_related_content_never_shows_the_article_itself_or_unpublished_ones() -> None:
    article = ArticleFactory(tags=["Syria"])
    draft = ArticleFactory(tags=["Syria"], status=Article.Status.DRAFT)
    scheduled = ArticleFactory(tags=["Syria"], published_at=timezone.now() + timedelta(days=1))
    picked_draft = ArticleFactory(status=Article.Status.DRAFT)
    RelatedArticleFactory(article=article, related=picked_draft)
    visible = ArticleFactory(tags=["Syria"])
    assert article.related_content() == [visible]
    assert not {article, draft, scheduled, picked_draft} & set(article.related_content())


def test_related_content_is_limited_to_five_by_default() -> None:
    article = ArticleFactory(tags=["Syria"])
    ArticleFactory.create_batch(8, tags=["Syria"])
    assert len(article.related_content()) == 5
    assert len(article.related_content(limit=3)) == 3


def test_an_article_cannot_be_related_to_itself() -> None:
    article = ArticleFactory()
    with pytest.raises(ValidationError):
        RelatedArticle(article=article, related=article).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedArticle.objects.create(article=article, related=article)


def test_default_sections_exist_in_order() -> None:
    slugs = list(Section.objects.values_list("slug", flat=True))
    assert slugs[:5] == ["news", "analysis", "interviews", "opinion", "reports"]


def test_search_keeps_the_filters_applied_before_it_and_runs_nothing_until_read(
    django_assert_num_queries,
) -> None:
    news = ArticleFactory(title="Ceasefire holds in Daraa")
    other = ArticleFactory(
        title="Ceasefire talks in Sana'a", section=SectionFactory(name="Analysis", slug="analysis")
    )
    with django_assert_num_queries(0):
        results = Article.objects.published().in_section("news").search("ceasefire")
    with django_assert_num_queries(1):
        assert list(results) == [news]
    assert set(Article.objects.published().search("ceasefire")) == {news, other}


@pytest.mark.parametrize("many", [False, True])
def test_tagged_and_filed_under_find_the_same_articles_whichever_way_they_are_read(many: bool) -> None:
    """Lists of a thousand items or more are read by walking the newest articles instead of
    gathering the matches first (PublishableQuerySet.among): the articles are the same."""
    topic = TopicFactory()
    subtopic = TopicFactory(parent=topic)
    tagged_and_filed = [ArticleFactory(tags=["Yemen"]) for _ in range(3)]
    tagged_and_filed[0].topics.set([topic])
    tagged_and_filed[1].topics.set([subtopic])
    ArticleFactory(tags=["Syria"])
    ArticleFactory(tags=["Yemen"], status=Article.Status.DRAFT)
    yemen = Tag.objects.get(name="Yemen")
    newest_first = sorted(
        tagged_and_filed, key=lambda article: (article.published_at, article.pk), reverse=True
    )
    assert list(Article.objects.published().tagged(yemen, many).newest_first()) == newest_first
    topic = Topic.objects.get(pk=topic.pk)  # its nested-set range, after the subtopic was added
    filed = [article for article in newest_first if article in tagged_and_filed[:2]]
    assert list(Article.objects.published().filed_under(topic, many).newest_first()) == filed
