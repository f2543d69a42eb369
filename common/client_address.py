"""The reader's IP address, trusting a proxy header only when configured to."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: from ``settings.CLIENT_IP_HEADER`` when the site runs behind
    a reverse proxy that sets it, else the connection's address.

    For X-Forwarded-For the right-most address is used: it is the one our own proxy
    appended; anything to its left came from the client and can be forged.
    """
    header = settings.CLIENT_IP_HEADER
    value = ""
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        value = request.META.get(meta_key, "").split(",")[-1].strip()
    if not value:
        value = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
