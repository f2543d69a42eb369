"""Whether a request comes from a page of this site (forms that cannot carry a CSRF token).

Reader pages are one copy for everyone, so their forms hold no per-reader CSRF token. A
browser says where a form was sent from: ``Origin`` (every current browser, on POST) or
else ``Referer``. A request from another site, or one saying neither, is refused.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def is_same_origin(request: HttpRequest) -> bool:
    """True when Origin (or, without it, Referer) names this site or a trusted origin."""
    ours = {f"{request.scheme}://{request.get_host()}".lower()}
    ours |= {origin.lower() for origin in settings.CSRF_TRUSTED_ORIGINS}
    origin = request.headers.get("origin", "")
    if origin and origin != "null":
        return origin.lower() in ours
    referer = request.headers.get("referer", "")
    return bool(referer) and _origin_of(referer) in ours
