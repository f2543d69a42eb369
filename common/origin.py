"""Whether a request comes from a page of this site (forms that cannot carry a CSRF token).

Reader pages are one copy for everyone, so their forms hold no per-reader CSRF token, and the
view beacon is one request anyone could send. A browser says where a request comes from:
``Sec-Fetch-Site``, ``Origin`` (on POST) or ``Referer``. A request from another site, or one
saying none of them, is refused.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def is_same_origin(request: HttpRequest) -> bool:
    """True when the browser says a page of this site sent the request: ``Sec-Fetch-Site`` when
    it sends one (every current browser does, on every request, an image's too), else
    ``Origin``, else ``Referer``, naming this site or a trusted origin. A request that says
    none of them is refused: a page of ours always has the browser say something."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE", "")
    if fetch_site == "same-origin":
        return True
    if fetch_site in {"cross-site", "none"}:
        return False  # another site's page, or typed in the address bar
    # "same-site" (a sibling host: ours only if trusted) or not said: the origin decides.
    ours = {f"{request.scheme}://{request.get_host()}".lower()}
    ours |= {origin.lower() for origin in settings.CSRF_TRUSTED_ORIGINS}
    origin = request.headers.get("origin", "")
    if origin and origin != "null":
        return origin.lower() in ours
    referer = request.headers.get("referer", "")
    return bool(referer) and _origin_of(referer) in ours
