"""The site's URLs plus the benchmark's floor: a trivial view through the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from alwaght import urls as site_urls

# About 30 KB, the size of a typical page of this site.
FLOOR_BODY = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Floor</title></head><body>"
    + "<p>Floor of the benchmark: no database, no template.</p>" * 560
    + "</body></html>"
)


# Rendered every time: the floor measures a trivial view through the middleware, and
# bench/run.py keeps the page cache away from it (PAGE_CACHE_EXCLUDED_PATHS).
@never_cache
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR_BODY)


# The site's patterns themselves, not include()d: the editions' i18n_patterns must stay at the top.
urlpatterns = [path("bench-floor/", floor), *site_urls.urlpatterns]
handler500 = site_urls.handler500
