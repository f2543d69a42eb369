"""Demo accounts for local runs: an administrator, an editor and a moderator.

Passwords are derived from the local SECRET_KEY, so they are stable across runs
of the same checkout, differ between checkouts, and never live in the repository.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from alwaght import roles

# username -> (group, is_superuser)
DEMO_ACCOUNTS: dict[str, tuple[str | None, bool]] = {
    "admin": (None, True),
    "editor": (roles.EDITORS, False),
    "moderator": (roles.MODERATORS, False),
}


def demo_password(username: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"demo-account:{username}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()).decode()[:16].lower()


def ensure_demo_accounts() -> list[tuple[str, str]]:
    """Create the demo accounts that are missing; return (username, password) of each.

    An existing account is left as it is: its password may have been changed.
    """
    User = get_user_model()
    logins = []
    for username, (group_name, is_superuser) in DEMO_ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"is_staff": True, "is_superuser": is_superuser, "email": f"{username}@example.com"},
        )
        if created:
            user.set_password(demo_password(username))
            user.save(update_fields=["password"])
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
        logins.append((username, demo_password(username)))
    return logins


# Muted newsroom palettes: (sky, ground, accent).
_PALETTES = [
    ((40, 62, 92), (176, 141, 87), (226, 200, 150)),
    ((88, 108, 128), (120, 96, 72), (200, 170, 120)),
    ((24, 40, 56), (70, 90, 70), (180, 200, 170)),
    ((120, 60, 50), (60, 40, 36), (230, 180, 120)),
    ((60, 70, 90), (150, 150, 140), (240, 230, 210)),
    ((30, 90, 110), (200, 180, 140), (250, 240, 220)),
]


def demo_image(name: str, rng: random.Random, size: tuple[int, int] = (1600, 900)) -> tuple[str, int, int]:
    """A generated landscape-like JPEG stored once at media ``demo/<name>.jpg``.

    Returns (storage name, width, height). Made with Pillow, never downloaded.
    """
    storage_name = f"demo/{name}.jpg"
    width, height = size
    if default_storage.exists(storage_name):
        return storage_name, width, height
    sky, ground, accent = rng.choice(_PALETTES)
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.55, 0.7))
    for y in range(horizon):  # sky gradient
        shade = y / horizon
        colour = tuple(int(c * (0.7 + 0.5 * shade)) for c in sky)
        draw.line([(0, y), (width, y)], fill=colour)
    draw.rectangle([0, horizon, width, height], fill=ground)
    sun_x, sun_y = rng.randint(width // 6, width * 5 // 6), rng.randint(height // 8, horizon // 2)
    radius = rng.randint(height // 14, height // 8)
    draw.ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=accent)
    x = 0
    while x < width:  # a skyline of buildings
        building_width = rng.randint(width // 30, width // 12)
        building_height = rng.randint(height // 12, height // 3)
        shade = tuple(max(0, int(c * rng.uniform(0.35, 0.6))) for c in ground)
        draw.rectangle([x, horizon - building_height, x + building_width, horizon], fill=shade)
        x += building_width + rng.randint(0, width // 60)
    output = io.BytesIO()
    image.save(output, "JPEG", quality=82, optimize=True)
    default_storage.save(storage_name, ContentFile(output.getvalue()))
    return storage_name, width, height
