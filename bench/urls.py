"""The site's URLs plus the benchmark's floor: a trivial view through the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

# About 30 KB, the size of a typical page of this site.
FLOOR_BODY = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Floor</title></head><body>"
    + "<p>Floor of the benchmark: no database, no template.</p>" * 560
    + "</body></html>"
)


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR_BODY)


urlpatterns = [
    path("bench-floor/", floor),
    path("", include("alwaght.urls")),
]
