from django.core.cache import cache
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from common.cache_generation import current_generation

NAVIGATION_SECONDS = 300


def navigation_sections() -> list[dict[str, str]]:
    """Name, slug and address of the sections in the main menu, from the cache; any content
    change (a new generation) makes the cached list stale."""

    def load() -> list[dict[str, str]]:
        sections = Section.objects.filter(in_navigation=True).only("name", "slug")
        return [
            {"name": section.name, "slug": section.slug, "url": section.get_absolute_url()}
            for section in sections
        ]

    return cache.get_or_set(f"navigation:{current_generation()}", load, NAVIGATION_SECONDS)


def navigation(request: HttpRequest) -> dict[str, object]:
    """The main menu's sections, looked up only when a template uses them."""
    return {"navigation_sections": SimpleLazyObject(navigation_sections)}
