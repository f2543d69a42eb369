"""Which query parameters change what a reader page shows.

A view declares them (``@uses_parameters("page")`` on a function, ``cache_parameters`` on a
class-based view); caches key a page by its path and those parameters only, so ``?utm_source=…``
or a parameter another page uses (``/news/?period=week``) shares the page's one cached copy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def uses_parameters(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        view.cache_parameters = names
        return view

    return decorate


def parameters_of(view: Callable[..., Any]) -> tuple[str, ...]:
    """The parameters a resolved view declared (class-based views: on the class)."""
    declared = getattr(view, "cache_parameters", None)
    if declared is None:
        declared = getattr(getattr(view, "view_class", None), "cache_parameters", ())
    return tuple(declared)
