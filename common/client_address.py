"""The reader's IP address, trusting a proxy header only when configured to."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: from ``settings.CLIENT_IP_HEADER`` when the site runs behind
    reverse proxies that set it, else the connection's address.

    Each of our CLIENT_IP_PROXY_COUNT proxies appends the address it saw to X-Forwarded-For,
    so the reader's is that many places from the right (the first proxy's view of it);
    anything further left came from the client and can be forged.
    """
    header = settings.CLIENT_IP_HEADER
    value = ""
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        hops = request.META.get(meta_key, "").split(",")
        value = hops[-min(settings.CLIENT_IP_PROXY_COUNT, len(hops))].strip()
    if not value:
        value = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
