"""Site-wide state."""

from django.db import models


class CacheGeneration(models.Model):
    """A single row: the number every cached page's key carries. Bumped by content changes
    (alwaght/page_cache.py), so all cached pages become stale at once."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)
