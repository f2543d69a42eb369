"""Site-wide pages: home, search, corrections, robots.txt, health check, and the error pages."""

import logging
import sys
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve
from markupsafe import Markup

from alwaght import search_filters
from alwaght.invalidation import BREAKING_NEWS_KEY
from alwaght.models import SitePage
from articles import cards, ranking
from articles.context_processors import navigation_sections
from articles.models import (
    EDITORS_CHOICE_SLOTS,
    SEARCH_CANDIDATES,
    Article,
    BreakingNews,
    Correction,
    Section,
)
from common import editions, fragments, surrogate_keys
from common.page_parameters import uses_parameters
from common.publishing import keep_previews_private
from common.text_search import clean_query
from focus.models import Topic
from gallery.cards import gallery_card_group
from gallery.models import Album, Film, newest_albums_and_films
from maps.models import Map

logger = logging.getLogger(__name__)


HOME_EDITORS_CHOICE = EDITORS_CHOICE_SLOTS  # the admin of Editor's Choice says how many show
HOME_LATEST = 6
HOME_PER_SECTION = 4  # a section's block: its newest story with a picture, then headlines
HOME_TOPICS = 10
HOME_GALLERY = 4
HOME_MOST_VIEWED = 5


@dataclass
class SectionBlock:
    """A section's block on the front page: its name and address, its cards."""

    name: str
    url: str
    cards: list[Markup]


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The front page, composed from each app's public queries; a fixed number of queries."""
    surrogate_keys.add("articles", "editorspicks", "topics", "albums", "films", "maps", BREAKING_NEWS_KEY)
    published = Article.objects.published().in_edition()
    editors_choice = list(published.headlines().editors_choice()[:HOME_EDITORS_CHOICE])
    # A block for every section of the menu, without the stories already in Editor's Choice.
    menu = [(entry, Section.objects.by_slug(entry["slug"])) for entry in navigation_sections()]
    menu = [(entry, section) for entry, section in menu if section is not None]
    newest = published.newest_lists(
        HOME_LATEST,
        [section.pk for _entry, section in menu],
        HOME_PER_SECTION,
        excluding=[article.pk for article in editors_choice],
    )
    albums, films = newest_albums_and_films(HOME_GALLERY)
    # Every card of the page in one read of the stored cards (common/fragments.py).
    section_entries = [
        (article, cards.HOME_SECTION_LEAD if index == 0 else cards.HOME_HEADLINE)
        for _entry, section in menu
        for index, article in enumerate(newest.by_section[section.pk])
    ]
    card_list, latest_cards, section_cards, gallery_list = fragments.card_groups(
        cards.card_group(
            [
                (article, cards.HOME_LEAD if index == 0 else cards.HOME_SMALL)
                for index, article in enumerate(editors_choice)
            ]
        ),
        cards.card_group([(article, cards.LATEST) for article in newest.latest]),
        cards.card_group(section_entries),
        gallery_card_group(albums + films),
    )
    section_blocks = []
    for entry, section in menu:
        count = len(newest.by_section[section.pk])
        section_blocks.append(SectionBlock(entry["name"], entry["url"], section_cards[:count]))
        section_cards = section_cards[count:]
    context = {
        "breaking_news": BreakingNews.objects.showing(editions.current()).first(),
        "editors_choice": editors_choice,
        "editors_choice_cards": card_list,
        "latest_cards": latest_cards,
        "section_blocks": section_blocks,
        "featured_topics": Topic.objects.featured()[:HOME_TOPICS],
        "most_viewed": ranking.most_viewed(list(ranking.PERIODS), limit=HOME_MOST_VIEWED),
        "albums": albums,
        "films": films,
        "album_cards": gallery_list[: len(albums)],
        "film_cards": gallery_list[len(albums) :],
        "latest_map": Map.objects.published().in_edition().for_listing().first(),
    }
    return render(request, "alwaght/home.html", context)


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    # Nothing a search engine should index: admin, search results, the comment form's target
    # and the view beacon (its prefix, without the article id).
    disallowed = [
        reverse("admin:index"),
        reverse("search"),
        reverse("comments:post"),
        reverse("articles:count_view", kwargs={"pk": 0}).removesuffix("0/"),
    ]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


SEARCH_RESULTS_PER_PAGE = 20
SEARCH_OTHER_RESULTS = 5
# Below this many matching articles the page looks for a better spelling ("Did you mean").
SEARCH_SUGGEST_BELOW = 5


@uses_parameters("q", "page", *search_filters.PARAMETERS)
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…: articles by relevance (newer first among equals), with a highlighted
    snippet each, 20 a page; matching topics, albums and films beside them on page one of a
    search not narrowed by the filters (?section=, ?period= or ?from= and ?to=: articles only).
    With few matches, a query spelt with the edition's words that finds more ("Did you mean")."""
    query, shortened = clean_query(request.GET.get("q", ""))
    filters = search_filters.SearchFilters.from_query(request.GET)
    context: dict[str, object] = {
        "search_query": query,
        "shortened": shortened,
        "search_candidates": SEARCH_CANDIDATES,
        "filters": filters,
        "section_choices": search_filters.section_choices(),
        "period_choices": search_filters.PERIOD_LABELS,
        "suggestion": None,
        "suggestion_url": "",
        "unfiltered_url": "",
        "topics": [],
        "albums": [],
        "films": [],
    }
    if query:
        surrogate_keys.add("articles", "topics", "albums", "films")
        found = filters.apply(Article.objects.published().in_edition())
        paginator = Paginator(found.for_listing().search(query), SEARCH_RESULTS_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404("No such page of results.") from error
        context.update(page_obj=page, paginator=paginator, articles=page.object_list)
        if paginator.count < SEARCH_SUGGEST_BELOW:
            suggestion = found.search_suggestion(query, beyond=paginator.count)
            if suggestion:
                parameters = urlencode({"q": suggestion, **filters.parameters()})
                context.update(suggestion=suggestion, suggestion_url=f"{request.path}?{parameters}")
        if filters.active:
            context["unfiltered_url"] = f"{request.path}?{urlencode({'q': query})}"
        elif page.number == 1:
            context.update(
                topics=Topic.objects.search(query)[:SEARCH_OTHER_RESULTS],
                albums=Album.objects.published().in_edition().search(query)[:SEARCH_OTHER_RESULTS],
                films=Film.objects.published().in_edition().search(query)[:SEARCH_OTHER_RESULTS],
            )
    return render(request, "alwaght/search.html", context)


CORRECTIONS_PER_PAGE = 50


@uses_parameters("page")
@require_safe
def corrections(request: HttpRequest) -> HttpResponse:
    """/corrections/: every correction and clarification of a published article, newest first,
    each with a link to the note on its article; 50 a page, two queries."""
    surrogate_keys.add("corrections")
    paginator = Paginator(
        Correction.objects.on_public_articles(editions.current()).for_listing(), CORRECTIONS_PER_PAGE
    )
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("No such page of corrections.") from error
    return render(
        request,
        "alwaght/corrections.html",
        {"corrections": page.object_list, "page_obj": page, "paginator": paginator},
    )


@require_safe
def site_page(request: HttpRequest, slug: str) -> HttpResponse:
    """/about/, /contact/, /privacy/ in each edition; one query.

    An edition without its own version yet shows another edition's (the default one first),
    in its own language and with a note, rather than leaving its footer link dead; that
    version's address stays the canonical one. A page no edition has published is a 404."""
    # Every edition's version decides what this address shows: any of them changing purges it.
    surrogate_keys.add(surrogate_keys.collection_key(SitePage))
    versions = SitePage.objects.visible_to(request.user).versions(slug)
    page = SitePage.version_for(versions, editions.current())
    if page is None:
        raise Http404("No such page in any edition.")
    request.alternates = {
        language: version.get_absolute_url() for language, version in versions.items() if version.is_public
    }
    context = {
        "page": page,
        "is_fallback": page.language != editions.current(),
        "page_language_name": editions.edition_name(page.language),
        "is_preview": not page.is_public,
    }
    return keep_previews_private(render(request, "alwaght/site_page.html", context), request.user, page)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's).

    Resolved per request: the hashed static name exists only after collectstatic.
    """
    return redirect(static("icons/favicon.svg"))


@require_safe
def media_file(request: HttpRequest, path: str) -> HttpResponse:
    """An upload or rendition, for local runs (SERVE_MEDIA); production serves MEDIA_ROOT from
    the web server or object storage. MEDIA_ROOT is read per request (tests move it).
    Renditions never change under their name (a new crop gets a new one): browsers keep them."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if path.startswith("renditions/"):
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False


def _cache_answers() -> bool:
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:  # Any cache backend error means the cache is unusable.
        logger.exception("Health check: the cache does not answer")
        return False


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the application and its database answer (a cache that does not answer only
    slows pages down: "degraded"); 503 when the database does not."""
    database = _database_answers()
    checks = {
        "database": "ok" if database else "unavailable",
        "cache": "ok" if _cache_answers() else "degraded",
    }
    if not database:
        status = "unavailable"
    elif checks["cache"] != "ok":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse({"status": status, **checks}, status=503 if not database else 200)


def login_locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """What django-axes answers to a login while the account or address is locked (429)."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    response = render(request, "admin/locked_out.html", {"lockout_minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


OUTAGE_RETRY_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler. A database that does not answer is not a bug of the page: readers get
    a friendly 503 with Retry-After (and the page cache serves its last copy when it has one).
    Neither page touches the database."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(OUTAGE_RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        response.database_outage = True
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
