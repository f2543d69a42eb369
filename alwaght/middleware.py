"""What every request and response goes through: the public pages' headers, and query strings
without NUL characters."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict


class ContentSecurityPolicyMiddleware:
    """Send ``settings.CONTENT_SECURITY_POLICY`` on public pages.

    The admin is left out: its widgets use inline styles that a strict policy
    would break, and only trusted staff use it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY
        self.excluded_prefix = "/admin/"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy and not request.path.startswith(self.excluded_prefix):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class DropNulCharactersMiddleware:
    """NUL characters are dropped from query strings before any view reads them.

    No page, search or admin list has a use for NUL, and PostgreSQL cannot hold it in text:
    an admin filter, autocomplete or tag suggestion given one failed in the database (500).
    Reader searches already cleaned it away; forms refuse it in their own fields (with
    Django's message); a NUL in the path finds no page (404).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for name, values in request.GET.lists():
                cleaned.setlist(name.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
