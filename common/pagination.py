"""Pagination that stays fast on page 2,000, and the addresses of other pages."""

from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Window
from django.http import HttpRequest
from django.template.defaulttags import querystring
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from common import editions, surrogate_keys

# Pages starting this far into a list skip their rows through a narrow query of ids first.
DEFERRED_JOIN_FROM = 200
# A list's count is kept this long, or until its surrogate key is purged.
COUNT_SECONDS = 60


class CachedCountPaginator(Paginator):
    """A paginator that remembers its list's count.

    With ``count_key`` (the surrogate key of the list, ``section:3:articles``) the count is
    kept until that key is purged or for COUNT_SECONDS (scheduled items go live without a
    purge), so a page costs one query, not two. Without it, it counts as Django's does.
    """

    def __init__(
        self, object_list: Any, per_page: int, *args: Any, count_key: str = "", **kwargs: Any
    ) -> None:
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        if not self.count_key:
            return super().count
        return cached_count(self.object_list, self.count_key)


def cached_count(queryset: Any, key: str) -> int:
    """The number of items in the edition's list with surrogate key ``key``, kept until that
    key is purged or for COUNT_SECONDS. ``queryset`` (or a function making it, called only then)
    is counted when the count is not known."""

    def count_list() -> int:
        surrogate_keys.add(key)
        return (queryset() if callable(queryset) else queryset).count()

    return surrogate_keys.cached(f"count:{editions.current()}:{key}", count_list, COUNT_SECONDS)


class DeferredJoinPaginator(CachedCountPaginator):
    """A paginator for long lists: one query for the first pages, a deferred join deep down,
    and the count remembered (``count_key``, see CachedCountPaginator).

    ``OFFSET 40000`` on the full rows makes PostgreSQL read 40,000 wide rows and throw
    them away; on ids alone it walks an index (index-only scan) and then reads twenty.
    The queryset's order must be backed by an index for this to pay off. Near the top the
    ids query would cost more than it saves: pages there read their rows directly.
    """

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < DEFERRED_JOIN_FROM:
            return self._get_page(list(self.object_list[bottom : bottom + self.per_page]), number, self)
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        # Same queryset (and so the same order, select_related and prefetches), twenty rows.
        rows = list(self.object_list.filter(pk__in=ids)) if ids else []
        return self._get_page(rows, number, self)


def page_url(request: HttpRequest, number: int, parameter: str = "page") -> str:
    """This page's path with ``parameter`` set to ``number`` and every other query parameter
    kept (Django's ``{% querystring %}``); page 1 drops the parameter, its canonical address."""
    query = querystring(None, request.GET, **{parameter: None if int(number) == 1 else number})
    return f"{request.path}{query if query != '?' else ''}"


# The largest OFFSET PostgreSQL takes (a bigint).
MAX_OFFSET = 2**63 - 1


class CountInPagePaginator(Paginator):
    """Reads a page's rows and the total in one query (``COUNT(*) OVER ()``) instead of two.

    For short lists shown on every page view, such as an article's comments: the count costs
    nothing more than the page. A number past the end falls back to the last page (then the
    total is counted on its own, once).
    """

    def validate_number(self, number: Any) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(_("That page number is not an integer")) from error
        if number < 1:
            raise EmptyPage(_("That page number is less than 1"))
        # The count is not known before the page is read, so a huge number would reach
        # PostgreSQL as an OFFSET beyond its bigint; no list has pages that far.
        if (number - 1) * self.per_page > MAX_OFFSET:
            raise EmptyPage(_("That page contains no results"))
        return number

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        counted = self.object_list.annotate(total_in_list=Window(Count("pk")))
        rows = list(counted[bottom : bottom + self.per_page])
        if rows:
            self.__dict__["count"] = rows[0].total_in_list
        elif number > 1:
            raise EmptyPage(_("That page contains no results"))
        else:
            self.__dict__["count"] = 0
        return self._get_page(rows, number, self)

    def get_page(self, number: Any) -> Page:
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)
