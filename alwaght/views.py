"""Site-wide pages: home, search, corrections, robots.txt, health check, and the error pages."""

import logging
import sys

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

from articles import cards, ranking
from articles.models import EDITORS_CHOICE_SLOTS, SEARCH_CANDIDATES, Article, Correction
from common import editions, fragments, surrogate_keys
from common.page_parameters import uses_parameters
from common.text_search import clean_query
from focus.models import Topic
from gallery.cards import gallery_card_group
from gallery.models import Album, Film, newest_albums_and_films
from maps.models import Map

logger = logging.getLogger(__name__)


HOME_EDITORS_CHOICE = EDITORS_CHOICE_SLOTS  # the admin of Editor's Choice says how many show
HOME_NEWS = 8
HOME_ANALYSIS = 4
HOME_TOPICS = 10
HOME_GALLERY = 4
HOME_MOST_VIEWED = 5
# The home page's News and Analysis blocks show these sections.
NEWS_SECTION = "news"
ANALYSIS_SECTION = "analysis"


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The front page, composed from each app's public queries; a fixed number of queries."""
    surrogate_keys.add("articles", "editorspicks", "topics", "albums", "films", "maps")
    headlines = Article.objects.published().in_edition().headlines()
    editors_choice = list(headlines.editors_choice()[:HOME_EDITORS_CHOICE])
    analysis = list(headlines.in_section(ANALYSIS_SECTION)[:HOME_ANALYSIS])
    albums, films = newest_albums_and_films(HOME_GALLERY)
    # Every card of the page in one read of the stored cards (common/fragments.py).
    styles = [cards.HOME_LEAD] + [cards.HOME_SMALL] * (len(editors_choice) - 1)
    card_list, gallery_list = fragments.card_groups(
        cards.card_group(
            [
                *zip(editors_choice, styles, strict=False),
                *((article, cards.HOME_ANALYSIS) for article in analysis),
            ]
        ),
        gallery_card_group(albums + films),
    )
    context = {
        "editors_choice": editors_choice,
        "editors_choice_cards": card_list[: len(editors_choice)],
        "news": headlines.in_section(NEWS_SECTION)[:HOME_NEWS],
        "analysis": analysis,
        "analysis_cards": card_list[len(editors_choice) :],
        "featured_topics": Topic.objects.featured()[:HOME_TOPICS],
        "most_viewed": ranking.most_viewed(list(ranking.PERIODS), limit=HOME_MOST_VIEWED),
        "albums": albums,
        "films": films,
        "album_cards": gallery_list[: len(albums)],
        "film_cards": gallery_list[len(albums) :],
        "latest_map": Map.objects.published().in_edition().for_listing().first(),
        "news_section_url": reverse("articles:section", kwargs={"section_slug": NEWS_SECTION}),
        "analysis_section_url": reverse("articles:section", kwargs={"section_slug": ANALYSIS_SECTION}),
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


@uses_parameters("q", "page")
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…: articles by relevance (newer first among equals), with a highlighted
    snippet each, 20 a page; matching topics, albums and films beside them on page one."""
    query, shortened = clean_query(request.GET.get("q", ""))
    context: dict[str, object] = {
        "search_query": query,
        "shortened": shortened,
        "search_candidates": SEARCH_CANDIDATES,
        "topics": [],
        "albums": [],
        "films": [],
    }
    if query:
        surrogate_keys.add("articles", "topics", "albums", "films")
        articles = Article.objects.published().in_edition().for_listing().search(query)
        paginator = Paginator(articles, SEARCH_RESULTS_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404("No such page of results.") from error
        context.update(page_obj=page, paginator=paginator, articles=page.object_list)
        if page.number == 1:
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
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's).

    Resolved per request: the hashed static name exists only after collectstatic.
    """
    return redirect(static("icons/favicon.svg"))


@require_safe
def media_file(request: HttpRequest, path: str) -> HttpResponse:
    """An upload or rendition, for local runs (SERVE_MEDIA); production serves MEDIA_ROOT from
    the web server or object storage. MEDIA_ROOT is read per request (tests move it)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


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
