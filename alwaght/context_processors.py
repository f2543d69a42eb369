"""Values every template may use."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        # The page's address without its query string; pages with a meaningful one add it.
        "canonical_url": request.build_absolute_uri(request.path),
    }
