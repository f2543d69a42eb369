"""Readable slugs in any script."""

from django.utils.text import slugify


def unicode_slug(text: str, max_length: int, fallback: str) -> str:
    """A readable slug for any script: Persian and Arabic letters are kept."""
    # Persian writes some words with a zero-width non-joiner; it separates parts of the word.
    slug = slugify(text.replace("\u200c", "-"), allow_unicode=True)[:max_length].strip("-")
    return slug or fallback
