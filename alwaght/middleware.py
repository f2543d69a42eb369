"""What every request and response goes through: the public pages' headers, and admin query
strings without NUL characters."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import translation

from common import editions


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


class AdminDropsNulCharactersMiddleware:
    """In admin, NUL characters are dropped from query strings before any view reads them.

    PostgreSQL cannot hold NUL in text: the article list's tag filter, the tag suggestions and
    every autocomplete given one failed in the database (500). Reader pages handle it
    themselves (a search cleans it away, a page number with it is a 404), and forms refuse
    it in their fields with Django's message.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefix = "/admin/"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(self.prefix) and "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for name, values in request.GET.lists():
                cleaned.setlist(name.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class EditionMiddleware:
    """Activates the language of the edition a reader page belongs to, from its address alone:
    ``/ar/…`` Arabic, ``/fa/…`` Persian, anything else English (common/editions.py). The
    reader's browser preferences play no part, so an edge keeps one copy of each page.

    The admin, shared by every edition, speaks the language its user chose (Django's language
    cookie, set by the admin's language menu).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = editions.edition_of_path(request.path_info)
        if language is None and request.path_info.startswith("/admin/"):
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
            language = chosen if chosen in editions.codes() else None
        language = language or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
