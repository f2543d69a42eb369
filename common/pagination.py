"""Pagination that stays fast on page 2,000."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator


class DeferredJoinPaginator(Paginator):
    """Skips rows in a narrow query of ids, then fetches only the page's rows.

    ``OFFSET 40000`` on the full rows makes PostgreSQL read 40,000 wide rows and throw
    them away; on ids alone it walks an index (index-only scan) and then reads twenty.
    The queryset's order must be backed by an index for this to pay off.
    """

    def page(self, number: Any):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        # Same queryset (and so the same order, select_related and prefetches), twenty rows.
        rows = list(self.object_list.filter(pk__in=ids)) if ids else []
        return self._get_page(rows, number, self)
