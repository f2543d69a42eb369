"""In Focus: the topic tree, topic pages, the home block and the tree admin."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from focus.models import Topic
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    FilmFactory,
    PhotoFactory,
    TopicFactory,
    library_image,
)

pytestmark = pytest.mark.django_db


def tree_shape() -> list[tuple]:
    """Every node's place in the tree, with trees numbered by order rather than id."""
    nodes = list(
        Topic.objects.order_by("tree_id", "lft").values_list(
            "slug", "parent__slug", "level", "lft", "rght", "tree_id"
        )
    )
    tree_rank = {tree_id: rank for rank, tree_id in enumerate(sorted({node[5] for node in nodes}))}
    return [(*node[:5], tree_rank[node[5]]) for node in nodes]


@pytest.fixture
def middle_east() -> dict[str, Topic]:
    resistance = TopicFactory(name="Resistance", slug="resistance")
    hezbollah = TopicFactory(name="Hezbollah", slug="hezbollah", parent=resistance)
    hamas = TopicFactory(name="Hamas", slug="hamas", parent=resistance)
    qassam = TopicFactory(name="Qassam Brigades", slug="qassam-brigades", parent=hamas)
    nato = TopicFactory(name="NATO", slug="nato")
    return {topic.slug: topic for topic in (resistance, hezbollah, hamas, qassam, nato)}


def test_topic_index_shows_the_whole_tree_nested(client: Client, middle_east) -> None:
    html = client.get("/focus/").content.decode()
    resistance = html.index('href="/focus/resistance/"')
    hamas = html.index('href="/focus/hamas/"')
    qassam = html.index('href="/focus/qassam-brigades/"')
    nato = html.index('href="/focus/nato/"')
    assert resistance < hamas < qassam < nato
    nested = html[resistance:nato]
    assert nested.count('<ul class="topic-tree__children">') == 2


@pytest.mark.parametrize("count", [1, 200])
def test_topic_index_runs_one_query_whatever_the_size(
    client: Client, django_assert_num_queries, count: int
) -> None:
    parents = [TopicFactory() for _ in range(max(1, count // 10))]
    for index in range(count - len(parents)):
        TopicFactory(parent=parents[index % len(parents)])
    client.get("/focus/")  # the menu and the purge log, in memory on a running site
    with django_assert_num_queries(1):
        response = client.get("/focus/")
    assert response.content.decode().count('href="/focus/topic-') == count


def test_topic_page_lists_articles_of_the_topic_and_its_subtopics_newest_first(
    client: Client, middle_east
) -> None:
    now = timezone.now()
    on_topic = ArticleFactory(title="Resistance axis meets", published_at=now - timedelta(hours=3))
    on_topic.topics.set([middle_east["resistance"]])
    on_grandchild = ArticleFactory(title="Qassam statement", published_at=now - timedelta(hours=1))
    on_grandchild.topics.set([middle_east["qassam-brigades"]])
    on_both = ArticleFactory(title="Filed twice", published_at=now - timedelta(hours=2))
    on_both.topics.set([middle_east["resistance"], middle_east["hamas"]])
    draft = ArticleFactory(title="Draft on topic", status=Article.Status.DRAFT)
    draft.topics.set([middle_east["hezbollah"]])
    elsewhere = ArticleFactory(title="NATO summit")
    elsewhere.topics.set([middle_east["nato"]])

    response = client.get("/focus/resistance/")
    assert response.status_code == 200
    assert [str(entry) for entry in response.context["items"]] == [
        "Qassam statement",
        "Filed twice",
        "Resistance axis meets",
    ]


def test_topic_page_lists_albums_and_films_beside_articles_newest_first(client: Client, middle_east) -> None:
    now = timezone.now()
    article = ArticleFactory(title="Gaza talks", published_at=now - timedelta(hours=4))
    article.topics.set([middle_east["hamas"]])
    album = AlbumFactory(title="Gaza's fishermen", published_at=now - timedelta(hours=1))
    album.topics.set([middle_east["qassam-brigades"]])
    PhotoFactory(album=album)
    film = FilmFactory(title="Inside the tunnels", published_at=now - timedelta(hours=2))
    film.topics.set([middle_east["resistance"]])
    AlbumFactory(title="Draft album", status="draft").topics.set([middle_east["hamas"]])
    FilmFactory(title="Elsewhere").topics.set([middle_east["nato"]])

    response = client.get("/focus/resistance/")
    entries = response.context["items"]
    assert [(entry.kind, str(entry)) for entry in entries] == [
        ("album", "Gaza's fishermen"),
        ("film", "Inside the tunnels"),
        ("article", "Gaza talks"),
    ]
    page = parse_html(response.content.decode())
    for item in (album, film, article):
        assert page.count(parse_html(f'<a href="{item.get_absolute_url()}">{item.title}</a>')) >= 1 or (
            item.get_absolute_url() in response.content.decode()
        )
    listing = response.content.decode().split('id="topic-items-heading"')[1]
    assert "Draft album" not in listing and "Elsewhere" not in listing


def test_topic_page_leads_with_its_newest_article_on_the_first_page_only(client: Client, middle_east) -> None:
    now = timezone.now()
    for hours in range(25):
        ArticleFactory(title=f"Story {hours}", published_at=now - timedelta(hours=hours + 1)).topics.set(
            [middle_east["hamas"]]
        )
    first = client.get("/focus/hamas/").content.decode().split('id="topic-items-heading"')[1]
    assert first.count("card--listing-lead") == 1
    assert first.index("card--listing-lead") < first.index(">Story 0<") < first.index(">Story 1<")
    assert "card--listing-lead" not in client.get("/focus/hamas/?page=2").content.decode()
    # An album newest: no article card leads (albums have no lead card), nothing breaks.
    album = AlbumFactory(title="Newest album", published_at=now)
    album.topics.set([middle_east["hamas"]])
    PhotoFactory(album=album)
    assert "card--listing-lead" not in client.get("/focus/hamas/").content.decode()


def test_topic_page_shows_image_description_introduction_breadcrumb_and_subtopics(
    client: Client, middle_east
) -> None:
    hamas = middle_east["hamas"]
    hamas.image = library_image("hamas.jpg", size=(800, 600), description="Hamas leaders at a rally")
    hamas.introduction = "<p>Founded in 1987.</p><script>alert(1)</script>"
    hamas.description = "A Palestinian movement."
    hamas.save()
    html = client.get("/focus/hamas/").content.decode()
    assert "A Palestinian movement." in html
    assert "<p>Founded in 1987.</p>" in html and "alert(1)" not in html
    assert 'srcset="/media/renditions/images/' in html and 'alt="Hamas leaders at a rally"' in html
    breadcrumb = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert 'href="/focus/"' in breadcrumb and 'href="/focus/resistance/"' in breadcrumb
    assert 'aria-current="page">Hamas<' in breadcrumb
    assert 'href="/focus/qassam-brigades/"' in html.split('id="subtopics-heading"')[1]


def test_topic_without_articles_says_so(client: Client, middle_east) -> None:
    html = client.get("/focus/nato/").content.decode()
    assert "Nothing has been filed under this topic yet." in html


def test_unknown_topic_and_bad_pages_are_404(client: Client, middle_east) -> None:
    assert client.get("/focus/no-such-topic/").status_code == 404
    for page in ("0", "abc", "2", "-3", "9" * 30):
        assert client.get(f"/focus/resistance/?page={page}").status_code == 404, page


def test_unicode_topic_slug(client: Client) -> None:
    topic = TopicFactory(name="انصارالله", slug="انصارالله")
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert "انصارالله" in response.content.decode()


# Topic (with its image), its ancestors and subtopics, one page of what is filed, then each
# kind present: its titles and addresses, then its stored cards (articles, albums, films). The
# count is known on a running site until something is filed under the topic or taken away.
TOPIC_PAGE_QUERIES = 9


@pytest.mark.parametrize("count", [1, 30])
def test_topic_page_queries_do_not_grow(
    client: Client, django_assert_num_queries, middle_east, count: int
) -> None:
    picture = library_image("shared.jpg", size=(640, 480))
    for index in range(count):
        filed_under = [middle_east["qassam-brigades" if index % 2 else "hamas"]]
        ArticleFactory(tags=["x"], hero_image=picture, authors=[AuthorFactory()]).topics.set(filed_under)
        album = AlbumFactory()
        album.topics.set(filed_under)
        PhotoFactory(album=album, image=picture)
        FilmFactory(poster=picture).topics.set(filed_under)
    client.get("/focus/hamas/")  # the menu and the content generation, in memory on a running site
    with django_assert_num_queries(TOPIC_PAGE_QUERIES):
        response = client.get("/focus/hamas/")
    assert response.status_code == 200
    assert {entry.kind for entry in response.context["items"]} == {"article", "album", "film"}


def test_home_page_in_focus_block_shows_featured_topics_in_the_trees_order(client: Client) -> None:
    taliban = TopicFactory(name="Taliban", featured=True, description="A Sunni movement in Afghanistan.")
    ansarullah = TopicFactory(name="Ansarullah", featured=True, image=library_image("a.jpg"))
    TopicFactory(name="Not on the home page", featured=False)
    # Dragged before Taliban in the tree: first on the home page and on the topic index alike.
    Topic.objects.move_node(ansarullah, taliban, "left")
    response = client.get("/")
    assert [topic.name for topic in response.context["featured_topics"]] == ["Ansarullah", "Taliban"]
    index = client.get("/focus/").content.decode()
    assert index.index("Ansarullah") < index.index("Taliban")
    block = response.content.decode().split('id="in-focus-heading"')[1].split("</section>")[0]
    # Compact: names with small pictures; the descriptions are on the topics' own pages.
    assert block.index(">Ansarullah</a>") < block.index(">Taliban</a>")
    assert block.count("<img") == 1
    assert "A Sunni movement in Afghanistan." not in block
    assert "A Sunni movement in Afghanistan." in client.get(taliban.get_absolute_url()).content.decode()
    assert "Not on the home page" not in block


def test_article_page_links_its_topics(client: Client, middle_east) -> None:
    article = ArticleFactory()
    article.topics.set([middle_east["hamas"]])
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/focus/hamas/"' in html


def test_related_content_includes_articles_sharing_a_topic(middle_east) -> None:
    article = ArticleFactory()
    article.topics.set([middle_east["nato"]])
    sharing = ArticleFactory(title="Same topic, no shared tag")
    sharing.topics.set([middle_east["nato"]])
    ArticleFactory(title="Unrelated")
    assert article.related_content() == [sharing]


# --- the tree admin ---------------------------------------------------------------------


def move(client: Client, cut: Topic, pasted_on: Topic, position: str):
    return client.post(
        "/admin/focus/topic/",
        {"cmd": "move_node", "cut_item": cut.pk, "pasted_on": pasted_on.pk, "position": position},
    )


def test_editor_reorders_and_reparents_topics_by_drag_and_drop(editor_client: Client, middle_east) -> None:
    response = move(editor_client, middle_east["nato"], middle_east["hezbollah"], "left")
    assert response.content == b"OK, moved."
    nato = Topic.objects.get(slug="nato")
    assert nato.parent.slug == "resistance"
    assert [child.slug for child in nato.parent.get_children()] == ["nato", "hezbollah", "hamas"]


def test_moving_a_topic_under_its_own_descendant_is_refused_and_tree_is_intact(
    editor_client: Client, middle_east
) -> None:
    before = tree_shape()
    response = move(editor_client, middle_east["resistance"], middle_east["qassam-brigades"], "last-child")
    assert response.content == b"FAIL, invalid move."
    assert any(
        str(m) == "“Resistance” cannot be moved under itself or under one of its own subtopics."
        for m in get_messages(response.wsgi_request)
    )
    assert tree_shape() == before


@pytest.mark.parametrize(
    "cut, pasted_on, position",
    [("abc", "1", "left"), ("", "", "last-child"), ("1", "2", "inside"), ("99999", "1", "left")],
)
def test_malformed_move_requests_are_refused_without_error(
    editor_client: Client, middle_east, cut, pasted_on, position
) -> None:
    before = tree_shape()
    response = editor_client.post(
        "/admin/focus/topic/",
        {"cmd": "move_node", "cut_item": cut, "pasted_on": pasted_on, "position": position},
    )
    assert response.status_code == 200
    assert response.content.startswith(b"FAIL")
    assert tree_shape() == before


def test_change_form_refuses_a_descendant_as_parent_in_plain_words(
    editor_client: Client, middle_east
) -> None:
    resistance = middle_east["resistance"]
    response = editor_client.post(
        f"/admin/focus/topic/{resistance.pk}/change/",
        {
            "name": "Resistance",
            "slug": "resistance",
            "parent": middle_east["hamas"].pk,
            "description": "Axis.",
            "introduction": "",
        },
    )
    assert response.status_code == 200
    assert "cannot be placed under itself or under one of its own subtopics" in str(
        response.context["adminform"].form.errors["parent"]
    )
    assert Topic.objects.get(slug="resistance").parent is None


def test_a_series_of_admin_moves_leaves_a_consistent_tree(editor_client: Client, middle_east) -> None:
    extra = [TopicFactory(name=f"Extra {index}", slug=f"extra-{index}") for index in range(4)]
    moves = [
        (middle_east["nato"], middle_east["hamas"], "last-child"),
        (extra[0], middle_east["resistance"], "left"),
        (middle_east["hamas"], extra[1], "last-child"),
        (extra[2], middle_east["qassam-brigades"], "right"),
        (middle_east["hezbollah"], extra[3], "left"),
        (middle_east["qassam-brigades"], middle_east["resistance"], "right"),
    ]
    for cut, pasted_on, position in moves:
        assert (
            move(
                editor_client, Topic.objects.get(pk=cut.pk), Topic.objects.get(pk=pasted_on.pk), position
            ).content
            == b"OK, moved."
        )
    moved = tree_shape()
    Topic.objects.rebuild()
    assert tree_shape() == moved


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_topic_inserts_keep_the_tree_consistent() -> None:
    root = Topic.objects.create(name="Root", slug="root", description="Root.")

    def add_children(prefix: str) -> None:
        try:
            for index in range(8):
                Topic.objects.create(
                    name=f"{prefix} {index}",
                    slug=f"{prefix}-{index}",
                    description="Child.",
                    parent=Topic.objects.get(pk=root.pk),
                )
        finally:
            connection.close()

    threads = [threading.Thread(target=add_children, args=(prefix,)) for prefix in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    shape = tree_shape()
    assert len(shape) == 17
    Topic.objects.rebuild()
    assert tree_shape() == shape


def test_topic_with_subtopics_or_articles_cannot_be_deleted(editor_client: Client, middle_east) -> None:
    article = ArticleFactory(title="Filed under NATO")
    article.topics.set([middle_east["nato"]])
    for slug in ("hamas", "nato"):
        topic = middle_east[slug]
        page = editor_client.get(f"/admin/focus/topic/{topic.pk}/delete/")
        assert "would require deleting the following protected related objects" in page.content.decode()
        editor_client.post(f"/admin/focus/topic/{topic.pk}/delete/", {"post": "yes"})
        assert Topic.objects.filter(slug=slug).exists()
    assert Article.objects.get(pk=article.pk).topics.get().slug == "nato"


def test_bulk_delete_removes_free_topics_and_refuses_the_others(editor_client: Client, middle_east) -> None:
    before = tree_shape()
    ids = [middle_east["hezbollah"].pk, middle_east["hamas"].pk]
    response = editor_client.post(
        "/admin/focus/topic/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
        follow=True,
    )
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert "1 topic was deleted." in texts
    assert any("Hamas" in text and "still have subtopics or articles" in text for text in texts)
    assert not Topic.objects.filter(slug="hezbollah").exists()
    assert Topic.objects.filter(slug="hamas").exists()
    shape = tree_shape()
    assert len(shape) == len(before) - 1
    Topic.objects.rebuild()
    assert tree_shape() == shape


def test_topic_admin_counts_what_is_published_under_each_topic(editor_client: Client, middle_east) -> None:
    for status in (Article.Status.PUBLISHED, Article.Status.PUBLISHED, Article.Status.DRAFT):
        ArticleFactory(status=status).topics.set([middle_east["hamas"]])
    AlbumFactory().topics.set([middle_east["hamas"]])
    FilmFactory(status="draft").topics.set([middle_east["hamas"]])
    response = editor_client.get("/admin/focus/topic/")
    rows = {topic.slug: topic for topic in response.context["cl"].result_list}
    assert (rows["hamas"].article_count, rows["hamas"].album_count, rows["hamas"].film_count) == (2, 1, 0)
    assert (rows["nato"].article_count, rows["nato"].album_count, rows["nato"].film_count) == (0, 0, 0)
    assert "2 articles, 1 photo album" in response.content.decode()


def test_editor_files_an_article_under_a_topic_in_the_article_admin(
    editor_client: Client, middle_east
) -> None:
    from tests.articles.test_admin import article_form

    form = article_form(**{"topic_links-TOTAL_FORMS": "1", "topic_links-0-topic": middle_east["hamas"].pk})
    response = editor_client.post("/admin/articles/article/add/", form)
    assert response.status_code == 302
    assert Article.objects.get(title="Ceasefire holds in Daraa").topics.get().slug == "hamas"
    suggestions = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "articletopic", "field_name": "topic", "term": "ham"},
    )
    assert [result["text"] for result in suggestions.json()["results"]] == ["Hamas"]


def test_moderators_cannot_edit_topics(client: Client, moderator) -> None:
    client.force_login(moderator)
    assert client.get("/admin/focus/topic/").status_code == 403
