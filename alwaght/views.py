"""Site-wide pages: home, robots.txt, health check."""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from articles import ranking
from articles.models import Article
from focus.models import Topic
from gallery.models import Album, Film

logger = logging.getLogger(__name__)


HOME_EDITORS_CHOICE = 5
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
    published = Article.objects.published().for_listing()
    context = {
        "editors_choice": published.editors_choice()[:HOME_EDITORS_CHOICE],
        "news": Article.objects.published().headlines().in_section(NEWS_SECTION)[:HOME_NEWS],
        "analysis": published.in_section(ANALYSIS_SECTION)[:HOME_ANALYSIS],
        "featured_topics": Topic.objects.featured()[:HOME_TOPICS],
        "most_viewed": ranking.most_viewed(list(ranking.PERIODS), limit=HOME_MOST_VIEWED),
        "albums": Album.objects.published().for_listing()[:HOME_GALLERY],
        "films": Film.objects.published().for_listing()[:HOME_GALLERY],
        "news_section_url": f"/{NEWS_SECTION}/",
        "analysis_section_url": f"/{ANALYSIS_SECTION}/",
    }
    return render(request, "alwaght/home.html", context)


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's).

    Resolved per request: the hashed static name exists only after collectstatic.
    """
    return redirect(static("icons/favicon.svg"))


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
    """200 when the application, its database and its cache answer; 503 otherwise."""
    checks = {
        "database": "ok" if _database_answers() else "unavailable",
        "cache": "ok" if _cache_answers() else "unavailable",
    }
    healthy = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if healthy else "unavailable", **checks}
    return JsonResponse(body, status=200 if healthy else 503)
