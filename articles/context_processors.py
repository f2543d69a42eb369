from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from common import editions, surrogate_keys

NAVIGATION_SECONDS = 300


def navigation_sections() -> list[dict[str, str]]:
    """Name (in the edition's language), slug and address of the sections in the main menu,
    kept in the cache until a section changes (its key, or the sections' key, is purged)."""

    def load() -> list[dict[str, str]]:
        surrogate_keys.add("sections")
        sections = Section.objects.filter(in_navigation=True)
        return [
            {"name": section.local_name, "slug": section.slug, "url": section.get_absolute_url()}
            for section in sections
        ]

    return surrogate_keys.cached(f"navigation:{editions.current()}", load, NAVIGATION_SECONDS)


def navigation(request: HttpRequest) -> dict[str, object]:
    """The main menu's sections, looked up only when a template uses them."""
    return {"navigation_sections": SimpleLazyObject(navigation_sections)}
