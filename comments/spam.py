"""Keeping spam and floods out without any third-party service."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpRequest

from comments.models import BlockRule, Comment
from common import rate_limit
from common.client_address import address_for_limits, client_ip

TOKEN_SALT = "comments.form-token"  # noqa: S105 (a signing salt, not a secret)
LINK_PATTERN = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def reader_fingerprint(address: str | None, user_agent: str) -> str:
    """A short keyed hash of the reader's address and browser: what a form token is bound to."""
    material = f"{address or ''}|{user_agent[:300]}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), material, hashlib.sha256).hexdigest()[:20]


def reader_of(request: HttpRequest) -> str:
    return reader_fingerprint(client_ip(request), request.headers.get("user-agent", ""))


@dataclass(frozen=True)
class FormToken:
    """Which content a comment is for, who started writing it, when, and a one-time number."""

    target: str
    reader: str
    issued_at: float
    nonce: str


def form_token(target_key: str, reader: str, issued_at: float | None = None) -> str:
    """A signed token, issued when a reader starts writing (common to every reader's copy of
    the page, the page itself holds none)."""
    data = {"t": target_key, "r": reader, "at": issued_at or time.time(), "n": secrets.token_urlsafe(12)}
    return signing.dumps(data, salt=TOKEN_SALT)


def read_form_token(token: str) -> FormToken | None:
    """The token's contents, or None if it is not one of ours."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        return FormToken(str(data["t"]), str(data["r"]), float(data["at"]), str(data["n"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def token_problem(
    token: FormToken | None, target_key: str, reader: str, now: float | None = None
) -> str | None:
    """Why a comment with this token needs another look before it is accepted: "missing" (no
    token, someone else's, or for other content), "too fast" (a robot), "expired"; or None."""
    if token is None or token.target != target_key or token.reader != reader:
        return "missing"
    age = (now or time.time()) - token.issued_at
    if age < settings.COMMENTS_MIN_SECONDS:
        return "too fast"
    if age > settings.COMMENTS_TOKEN_MAX_AGE_SECONDS:
        return "expired"
    return None


def over_rate_limit(ip: str | None) -> bool:
    """Count one more comment from this address (an IPv6 /64 counts as one); True when it is over COMMENTS_RATE_LIMIT
    for the current COMMENTS_RATE_WINDOW_SECONDS."""
    return rate_limit.over_limit(
        "comments",
        address_for_limits(ip) or "unknown",
        settings.COMMENTS_RATE_LIMIT,
        settings.COMMENTS_RATE_WINDOW_SECONDS,
    )


def normalised(text: str) -> str:
    """Text compared for duplicates: compatibility forms, no invisible characters, one space."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return " ".join(text.split()).casefold()


def is_duplicate(content_type_id: int, object_id: int, email: str, text: str) -> bool:
    """The same text on the same content from the same email, whatever its status."""
    earlier = Comment.objects.filter(
        content_type_id=content_type_id, object_id=object_id, email__iexact=email
    ).values_list("text", flat=True)
    wanted = normalised(text)
    return any(normalised(previous) == wanted for previous in earlier)


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str = ""


def assess(name: str, email: str, text: str, ip: str | None) -> Verdict:
    """Pending for moderation, or spam with the reason moderators will see."""
    email = email.lower()
    searchable = normalised(f"{name} {text}")
    address = ipaddress.ip_address(ip) if ip else None
    for rule in BlockRule.objects.all():
        if rule.kind == BlockRule.Kind.WORD and normalised(rule.value) in searchable:
            return Verdict(Comment.Status.SPAM, f"blocked word: {rule.value}")
        if rule.kind == BlockRule.Kind.EMAIL and (
            email == rule.value or (rule.value.startswith("@") and email.endswith(rule.value))
        ):
            return Verdict(Comment.Status.SPAM, f"blocked email: {rule.value}")
        if rule.kind == BlockRule.Kind.NETWORK and address is not None:
            try:
                if address in ipaddress.ip_network(rule.value, strict=False):
                    return Verdict(Comment.Status.SPAM, f"blocked network: {rule.value}")
            except ValueError:
                continue
    links = len(LINK_PATTERN.findall(text))
    if links > settings.COMMENTS_MAX_LINKS:
        return Verdict(Comment.Status.SPAM, f"{links} links (at most {settings.COMMENTS_MAX_LINKS})")
    return Verdict(Comment.Status.PENDING)
