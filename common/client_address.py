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


# An IPv6 connection gets a whole /64 (often more) to choose addresses from: limits count
# the network, as they count one IPv4 address.
IPV6_NETWORK_PREFIX = 64


def address_for_limits(address: str | None) -> str | None:
    """The address a rate limit counts: an IPv4 address as it is, an IPv6 address as its /64
    network's first address (so rotating through one's own network does not escape it)."""
    if not address:
        return None
    parsed = ipaddress.ip_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:  # ::ffff:192.0.2.1 is an IPv4 reader
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_NETWORK_PREFIX}", strict=False).network_address)
    return str(parsed)


def client_ip_for_limits(request: HttpRequest) -> str | None:
    """client_ip(), as limits count it (see address_for_limits): what login throttling, comment
    and view limits key on."""
    return address_for_limits(client_ip(request))
