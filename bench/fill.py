"""The Django side of `python -m bench.generate`: fill the benchmark database fast (SQL
generate_series, not the ORM). Deterministic: setseed() fixes PostgreSQL's random(), and the
few pictures are drawn with Pillow into the image library.

Run by bench/generate.py (and bench/measure.py when the database is empty), never directly.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import django

from bench.database import BENCH_DATABASE, refuse_other_databases

# Django is set up here, once, before the project's models are imported.
refuse_other_databases()
django.setup()

from django.core.management import call_command
from django.db import connection

from articles.models import Article, Section
from articles.search_index import rebuild_search_words
from common.demo_images import demo_image
from common.models import Image
from common.publishing import PublicationStatus
from focus.models import Topic

FULL = {
    "articles": 100_000,
    "years": 10,
    "sections": 8,
    "authors": 300,
    "tags": 20_000,
    "topics": 500,
    "albums": 5_000,
    "photos": 50_000,
    "films": 1_000,
    "comments": 300_000,
    "view_days": 365,
    "articles_read_per_day": 1_500,
}
SMALL = {
    key: max(1, value // 10) if key not in {"years", "sections", "view_days"} else value
    for key, value in FULL.items()
}


def step(label: str):
    class Timer:
        def __enter__(self):
            self.started = time.perf_counter()
            print(f"  {label}…", end="", flush=True)

        def __exit__(self, *exc):
            print(f" {time.perf_counter() - self.started:.1f} s", flush=True)

    return Timer()


def make_images() -> list[Image]:
    """A few generated library pictures shared by every item; their renditions are made once."""
    return [
        demo_image(f"bench-{number}", random.Random(number), description=f"A city skyline, picture {number}")
        for number in range(1, 9)
    ]


def fill(size: dict[str, int]) -> None:
    """Everything at ``size``, in an empty, migrated database."""
    pictures = make_images()
    image_array = "ARRAY[" + ",".join(str(picture.pk) for picture in pictures) + "]"
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.2020)")
        with step("sections and authors"):
            for index in range(Section.objects.count(), size["sections"]):
                Section.objects.get_or_create(
                    slug=f"desk-{index}", defaults={"name": f"Desk {index}", "position": 100 + index}
                )
            cursor.execute(
                """INSERT INTO articles_author (name, slug, bio, photo_id)
                   SELECT 'Reporter ' || n, 'reporter-' || n, 'Writes for the desk.', NULL
                   FROM generate_series(1, %s) AS n""",
                [size["authors"]],
            )
        with step(f"{size['articles']:,} articles over {size['years']} years"):
            cursor.execute(
                f"""INSERT INTO articles_article
                    (title, slug, section_id, lead, body, body_text, search_extra, hero_image_id, language, status,
                     published_at, updated_at, comments_enabled, created_at, modified_at)
                SELECT 'Report ' || n || ': talks, ceasefires and the road ahead in region ' || (n %% 97),
                       'report-' || n || '-talks-ceasefires-and-the-road-ahead',
                       -- Half the articles in News (the first section), so News has well over 2,000 pages.
                       CASE WHEN n %% 2 = 0 THEN sections.ids[1]
                            ELSE sections.ids[2 + n %% (array_length(sections.ids, 1) - 1)] END,
                       'What happened, why it matters, and what comes next: report number ' || n || '.',
                       repeat('<p>Officials met on Sunday to discuss the ceasefire and the reconstruction of '
                              || 'the region, as aid agencies warned of shortages before the winter.</p>', 12),
                       (ARRAY['Officials in the capital', 'Diplomats close to the talks', 'Residents of the old city',
                              'Aid agencies', 'Analysts in the region'])[1 + n %% 5]
                       || ' spoke about ' || (ARRAY['the ceasefire', 'prisoner exchanges', 'reconstruction',
                              'border security', 'oil exports', 'refugees returning home', 'sanctions',
                              'water rights', 'the electricity crisis', 'elections'])[1 + n %% 10]
                       || ' in region ' || (n %% 97) || ', report ' || n || '. '
                       || repeat('Talks continued as aid agencies warned of shortages before the winter. ', 10),
                       '',
                       ({image_array})[1 + n %% {len(pictures)}], 'en', 'published',
                       now() - (n * interval '{size["years"] * 365} days' / %(articles)s), NULL, true, now(), now()
                FROM generate_series(1, %(articles)s) AS n,
                     (SELECT array_agg(id ORDER BY id) AS ids FROM articles_section) AS sections""",  # noqa: S608
                {"articles": size["articles"]},
            )
            cursor.execute(
                """INSERT INTO articles_article_authors (article_id, author_id)
                   SELECT a.id, 1 + (a.id * 7) %% (SELECT count(*) FROM articles_author) + (SELECT min(id) - 1 FROM articles_author)
                   FROM articles_article a""",
                [],
            )
        with step(f"{size['tags']:,} tags and their links"):
            cursor.execute(
                """INSERT INTO taggit_tag (name, slug)
                   SELECT 'Tag ' || n, 'tag-' || n FROM generate_series(1, %s) AS n""",
                [size["tags"]],
            )
            cursor.execute(
                "SELECT id FROM django_content_type WHERE app_label='articles' AND model='article'"
            )
            article_type = cursor.fetchone()[0]
            # Four tags an article; popular tags are popular (a square makes low numbers common).
            cursor.execute(
                """INSERT INTO taggit_taggeditem (object_id, content_type_id, tag_id)
                   SELECT DISTINCT a.id, %(type)s, tags.first_id + floor(power(random(), 2) * %(tags)s)::int
                   FROM articles_article a, generate_series(1, 4) AS k,
                        (SELECT min(id) AS first_id FROM taggit_tag) AS tags
                   ON CONFLICT DO NOTHING""",
                {"type": article_type, "tags": size["tags"]},
            )
        with step("tag names into the articles' search text"):
            cursor.execute(
                """UPDATE articles_article AS article SET search_extra = names.joined
                   FROM (SELECT item.object_id, string_agg(tag.name, ' ') AS joined
                           FROM taggit_taggeditem AS item JOIN taggit_tag AS tag ON tag.id = item.tag_id
                          WHERE item.content_type_id = %s GROUP BY item.object_id) AS names
                   WHERE names.object_id = article.id""",
                [article_type],
            )
        with step(f"{size['topics']} topics in a tree"):
            roots = max(10, size["topics"] // 25)
            topics = []
            for index in range(size["topics"]):
                parent_index = None if index < roots else (index - roots) % roots
                topics.append(
                    Topic(
                        name=f"Topic {index}",
                        slug=f"topic-{index}",
                        description="A subject the newsroom follows closely.",
                        featured=index < 10,
                        status=PublicationStatus.PUBLISHED,
                        parent_id=None,
                        lft=0,
                        rght=0,
                        tree_id=0,
                        level=0,
                    )
                )
                topics[-1]._parent_index = parent_index
            Topic.objects.bulk_create(topics, batch_size=1000)
            for topic in topics:
                if topic._parent_index is not None:
                    topic.parent_id = topics[topic._parent_index].pk
            Topic.objects.bulk_update(topics, ["parent_id"], batch_size=1000)
            Topic.objects.rebuild()
            cursor.execute(
                """INSERT INTO articles_articletopic (article_id, topic_id)
                   SELECT a.id, topics.ids[1 + (a.id * 13) %% array_length(topics.ids, 1)]
                   FROM articles_article a, (SELECT array_agg(id ORDER BY id) AS ids FROM focus_topic) AS topics""",
                [],
            )
        with step(f"{size['albums']:,} albums, {size['photos']:,} photos, {size['films']:,} films"):
            cursor.execute(
                """INSERT INTO gallery_album (title, slug, description, status, published_at, comments_enabled,
                                              created_at, modified_at, cover_id, language)
                   SELECT 'Album ' || n, 'album-' || n, 'Pictures from the region.', 'published',
                          now() - (n * interval '3650 days' / %(albums)s), true, now(), now(), NULL, 'en'
                   FROM generate_series(1, %(albums)s) AS n""",
                {"albums": size["albums"]},
            )
            photos_per_album = max(1, size["photos"] // size["albums"])
            cursor.execute(
                f"""INSERT INTO gallery_photo (album_id, image_id, position)
                   SELECT album.id, ({image_array})[1 + (album.id + k) %% {len(pictures)}], k
                   FROM gallery_album album, generate_series(1, %s) AS k""",  # noqa: S608
                [photos_per_album],
            )
            cursor.execute(
                f"""INSERT INTO gallery_film (title, slug, description, status, published_at, comments_enabled,
                                              created_at, modified_at, poster_id, video, embed_url, embed_provider,
                                              embed_player_url, language)
                   SELECT 'Film ' || n, 'film-' || n, 'A short film.', 'published',
                          now() - (n * interval '3650 days' / %(films)s), true, now(), now(),
                          ({image_array})[1 + n %% {len(pictures)}], '',
                          'https://youtu.be/AbCdEfGh' || lpad((n %% 1000)::text, 3, '0'), 'youtube',
                          'https://www.youtube-nocookie.com/embed/AbCdEfGh' || lpad((n %% 1000)::text, 3, '0'), 'en'
                   FROM generate_series(1, %(films)s) AS n""",  # noqa: S608
                {"films": size["films"]},
            )
        with step(f"{size['comments']:,} comments"):
            cursor.execute(
                """INSERT INTO comments_comment (content_type_id, object_id, name, email, text, text_html, status,
                                                 spam_reason, created_at, moderated_at, moderated_by_id, ip_address,
                                                 user_agent)
                   SELECT %(type)s, articles.ids[1 + floor(power(random(), 3) * array_length(articles.ids, 1))::int],
                          'Reader ' || n, 'reader' || n || '@example.com', 'A thoughtful comment, number ' || n || '.',
                          '<p>A thoughtful comment, number ' || n || '.</p>',
                          CASE WHEN n %% 10 = 0 THEN 'pending' WHEN n %% 37 = 0 THEN 'spam' ELSE 'approved' END,
                          '', now() - (n * interval '1 minute'), NULL, NULL, NULL, ''
                   FROM generate_series(1, %(comments)s) AS n,
                        (SELECT array_agg(id ORDER BY published_at DESC) AS ids FROM articles_article) AS articles""",
                {"type": article_type, "comments": size["comments"]},
            )
        with step(f"a year of view buckets ({size['articles_read_per_day']:,} articles read a day)"):
            # Daily buckets before the last two days, hourly ones for them; newer articles read more.
            cursor.execute(
                """INSERT INTO articles_dailyviews (article_id, day, views)
                   SELECT DISTINCT ON (article_id, day) article_id, day, views FROM (
                       SELECT articles.ids[1 + floor(power(random(), 4) * array_length(articles.ids, 1))::int] AS article_id,
                              (now() AT TIME ZONE 'UTC')::date - d AS day,
                              1 + floor(random() * 400)::int AS views
                       FROM generate_series(3, %(days)s) AS d, generate_series(1, %(per_day)s) AS k,
                            (SELECT array_agg(id ORDER BY published_at DESC) AS ids FROM articles_article) AS articles
                   ) AS picks""",
                {"days": size["view_days"], "per_day": size["articles_read_per_day"]},
            )
            cursor.execute(
                """INSERT INTO articles_hourlyviews (article_id, hour, views)
                   SELECT DISTINCT ON (article_id, hour) article_id, hour, views FROM (
                       SELECT articles.ids[1 + floor(power(random(), 4) * array_length(articles.ids, 1))::int] AS article_id,
                              date_trunc('hour', now()) - h * interval '1 hour' AS hour,
                              1 + floor(random() * 40)::int AS views
                       FROM generate_series(0, 71) AS h, generate_series(1, %(per_hour)s) AS k,
                            (SELECT array_agg(id ORDER BY published_at DESC) AS ids FROM articles_article) AS articles
                   ) AS picks""",
                {"per_hour": max(10, size["articles_read_per_day"] // 3)},
            )
    # As the nightly job does on a real site: search's "Did you mean" words of every article.
    with step("search word list"):
        rebuild_search_words()
    with connection.cursor() as cursor, step("ANALYZE"):
        cursor.execute("ANALYZE")
    print(f"  {Article.objects.count():,} articles in {BENCH_DATABASE}.")


def main() -> int:
    parser = argparse.ArgumentParser(description="Fill the benchmark database (see bench/generate.py).")
    parser.add_argument("--small", action="store_true", help="a tenth of the full size")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        print(
            f"{BENCH_DATABASE} already holds {Article.objects.count():,} articles (use --fresh to rebuild)."
        )
        return 0
    started = time.perf_counter()
    print(f"Filling {BENCH_DATABASE}:")
    fill(SMALL if args.small else FULL)
    print(f"Done in {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
