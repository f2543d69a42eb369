"""Full-text search shared by every app: one configuration, one normalisation.

Documents are indexed in stored, generated ``tsvector`` columns (GIN-indexed), so a
search never transforms text at request time. Persian and Arabic are written with
letter variants (ي/ی, ك/ک, hamza forms), diacritics and tatweel that readers may or
may not type: both the indexed text and the reader's query go through the same
mapping, in SQL (``translate``) and in Python (``str.translate``).
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db.models import Case, Expression, F, Func, QuerySet, TextField, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from common import editions
from common.plain_text import clean_line

# PostgreSQL's text search configuration for each edition's language: English and Arabic
# stem words (a reader finds «المدارس» searching «مدرسة»); Persian has no stemmer in PostgreSQL,
# so its words are kept whole ("simple"), after the letter and digit mapping below.
SEARCH_CONFIGS = {"en": "english", "ar": "arabic", "fa": "simple"}
DEFAULT_CONFIG = "english"
# Kept for the words of things without an edition (topics' English names).
SEARCH_CONFIG = DEFAULT_CONFIG


def search_config(language: str | None = None) -> str:
    """The configuration of an edition's text: the one shown, unless another is named."""
    return SEARCH_CONFIGS.get(language or editions.current(), DEFAULT_CONFIG)


def edition_vector(*weighted_fields: tuple[str, str], field: str = "language") -> Case:
    """SQL, for a GeneratedField: each row's weighted_vector() made with its edition's
    configuration (``field`` names the row's edition). One CASE branch per edition, each with
    its configuration as a constant: PostgreSQL's generated columns take nothing less fixed."""
    return Case(
        *(
            When(**{field: language}, then=weighted_vector(*weighted_fields, config=config))
            for language, config in SEARCH_CONFIGS.items()
        ),
        default=weighted_vector(*weighted_fields),
        output_field=SearchVectorField(),
    )


MAX_QUERY_LENGTH = 200

# Each character of _VARIANTS becomes the character at the same place in _STANDARD.
_VARIANTS = "يىكأإآٱةۀؤئ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹\u200c"
_STANDARD = "ییکااااههوی01234567890123456789 "
# Removed outright: Arabic diacritics (harakat), the superscript alef and tatweel.
_REMOVED = "".join(chr(code) for code in range(0x064B, 0x0660)) + "\u0670\u0640"
assert len(_VARIANTS) == len(_STANDARD)

_PYTHON_TABLE = str.maketrans(_VARIANTS, _STANDARD, _REMOVED)

# Arabic's definite article, alone or after a joined particle (و ف ب ک ل): to a reader «والمياه»,
# «المياه» and «مياه» are one word. PostgreSQL's Arabic stemmer drops it unevenly («المياه» gives
# مياه, «مياه» gives ميا), so Arabic text and queries both lose it first, before a word of
# three letters or more (after the mapping above: ک for ك, ی for ي). Both sides use this one
# pattern: SQL's regexp_replace and Python's re read it alike.
_ARABIC_LETTER = "ء-ۓ"
ARABIC_ARTICLE = f"(^|[^{_ARABIC_LETTER}])(وال|فال|بال|کال|لل|ال)(?=[{_ARABIC_LETTER}]{{3}})"
_ARABIC_ARTICLE = re.compile(ARABIC_ARTICLE)


def normalise_text(text: str, config: str = DEFAULT_CONFIG) -> str:
    """The reader's text mapped like the indexed text is (for ``config``'s language)."""
    text = text.translate(_PYTHON_TABLE)
    return _ARABIC_ARTICLE.sub(r"\1", text) if config == "arabic" else text


def normalised(expression: Expression | str, config: str = DEFAULT_CONFIG) -> Func:
    """SQL: the column or expression with the same mapping (translate() and regexp_replace()
    are immutable, as generated columns need)."""
    source = F(expression) if isinstance(expression, str) else expression
    mapped = Func(
        source, Value(_VARIANTS + _REMOVED), Value(_STANDARD), function="translate", output_field=TextField()
    )
    if config != "arabic":
        return mapped
    return Func(
        mapped,
        Value(ARABIC_ARTICLE),
        Value("\\1"),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def weighted_vector(*weighted_fields: tuple[str, str], config: str = DEFAULT_CONFIG) -> SearchVector:
    """setweight(to_tsvector(config, normalised field), weight) joined with ||, for a GeneratedField."""
    vectors = [
        SearchVector(normalised(name, config), weight=weight, config=config)
        for name, weight in weighted_fields
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def clean_query(raw: str) -> tuple[str, bool]:
    """A reader's query made safe to search: control characters gone, spaces collapsed,
    at most MAX_QUERY_LENGTH characters. Returns (query, whether it was shortened)."""
    text = " ".join(clean_line(raw).split())
    shortened = len(text) > MAX_QUERY_LENGTH
    return text[:MAX_QUERY_LENGTH].strip(), shortened


def search_query(text: str, config: str | None = None) -> SearchQuery:
    """websearch_to_tsquery in the edition's configuration (or ``config``): quotes, OR and
    -word work, and no input can make it fail."""
    config = config or search_config()
    return SearchQuery(normalise_text(text, config), search_type="websearch", config=config)


def ranked_matches(queryset: QuerySet, text: str, *tie_breakers: str, config: str | None = None) -> QuerySet:
    """Rows of a model with a ``search_vector`` matching the reader's words, best first,
    each with its ``rank``; ``tie_breakers`` order rows of equal rank."""
    query = search_query(text, config)
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", *tie_breakers)
    )


def highlighted(snippet: str | None) -> SafeString:
    """A search snippet for a page: everything escaped, then the database's match markers
    (\\u0002 and \\u0003, see ArticleQuerySet.search) turned into <mark> elements."""
    escaped = escape(snippet or "")
    return mark_safe(escaped.replace("\u0002", "<mark>").replace("\u0003", "</mark>"))  # noqa: S308 (escaped above)
