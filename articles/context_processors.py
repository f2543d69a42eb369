from django.http import HttpRequest

from articles.models import Section


def navigation(request: HttpRequest) -> dict[str, object]:
    """The sections in the main menu (one query, only when a template uses them)."""
    return {"navigation_sections": Section.objects.filter(in_navigation=True).only("name", "slug")}
