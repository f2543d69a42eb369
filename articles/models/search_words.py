"""The words of each edition's published articles, for "Did you mean …?" on the search page.

A reader's misspelt word is looked up among the words the edition has actually printed. The
list is kept per edition (one row a word), so a request never reads the articles' text to find
a correction; it grows when an article is saved (articles/search_index.py) and is rebuilt
exactly by ``manage.py refresh_search_words`` (nightly, and once after this list first exists).

Candidates are found the way Norvig's and SymSpell's spelling correctors find them: a word and
the reader's word are one typing slip apart (a letter missing, added, changed, or two letters
swapped) when they share a form with at most one letter deleted. Each word keeps those forms
(``variants``) under a GIN index, so a lookup reads a handful of short index entries however
long the list. (pg_trgm's similarity would do the same job, but the embedded PostgreSQL that
``make run`` and ``make test`` use ships no contrib extensions; this needs none.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from common.text_search import SEARCH_CONFIGS, normalise_text

# Shorter words are not corrected (too many words are one slip from them), longer ones are
# not words readers type (addresses, run-together text).
MIN_CORRECTED_LENGTH = 4
MIN_WORD_LENGTH = 3
MAX_WORD_LENGTH = 40

# Arabic diacritics (harakat), the superscript alef and tatweel: search ignores them, and a
# suggestion is shown without them.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")

# A reader's query split into words (letters, with their combining marks) and everything
# between them (spaces, digits, quotes, the minus of -word), which a suggestion keeps as typed.
_QUERY_PIECES = re.compile(r"((?:[^\W\d_][\u0300-\u036f\u064b-\u065f\u0670\u0640]*)+)")


def written_form(word: str) -> str:
    """A word as a suggestion shows it: without Arabic diacritics or tatweel."""
    return _MARKS.sub("", word)


def word_key(word: str, language: str) -> str:
    """What a word is looked up by: lower case, with the letter mapping and (Arabic) the
    definite article that search itself uses (common/text_search.py), so «كردستان» and
    «کردستان», or «الجزيرة» and «جزيره», are one word."""
    config = SEARCH_CONFIGS.get(language, "simple")
    return normalise_text(written_form(word).lower(), config)


def is_correctable(key: str) -> bool:
    return MIN_WORD_LENGTH <= len(key) <= MAX_WORD_LENGTH and key.isalpha()


def variants(key: str) -> list[str]:
    """The key and, from MIN_CORRECTED_LENGTH letters, each form of it with one letter deleted."""
    if len(key) < MIN_CORRECTED_LENGTH:
        return [key]
    return list(dict.fromkeys([key, *(key[:i] + key[i + 1 :] for i in range(len(key)))]))


def query_pieces(text: str, language: str) -> list[tuple[str, str, bool]]:
    """A reader's query as (typed, searched, corrected) pieces: what was typed, the form search
    reads (the key of a word, the normalised text of anything else), and whether the piece is a
    word long enough to correct. Joined, the typed pieces give the query back unchanged."""
    config = SEARCH_CONFIGS.get(language, "simple")
    pieces = []
    for index, piece in enumerate(_QUERY_PIECES.split(text)):
        if not piece:
            continue
        if index % 2:  # a word
            key = word_key(piece, language)
            pieces.append((piece, key, len(key) >= MIN_CORRECTED_LENGTH and is_correctable(key)))
        else:
            pieces.append((piece, normalise_text(piece, config), False))
    return pieces


# Where a matches query (SearchWordQuerySet.suggestion) reads the suggested query, as search
# reads a reader's: normalised, for websearch_to_tsquery.
SUGGESTED_QUERY = "suggestion.searched"


class SearchWordQuerySet(models.QuerySet):
    def suggestion(self, text: str, language: str, matches: models.QuerySet, beyond: int) -> str | None:
        """The reader's query with each misspelt word replaced by the edition's most frequent
        word one typing slip from it, when ``matches`` (a query of article ids reading the
        suggestion at SUGGESTED_QUERY, limited to ``beyond`` + 1 rows) finds more than
        ``beyond`` articles with it; else None. One query, whatever the number of words."""
        pieces = query_pieces(text, language)
        matches_sql, matches_params = matches.query.sql_with_params()
        sql = f"""
            WITH piece AS (
                SELECT * FROM unnest(%s::text[], %s::text[], %s::boolean[])
                       WITH ORDINALITY AS piece(typed, searched, corrected, position)
            ), chosen AS (
                SELECT piece.position,
                       coalesce(best.word, piece.typed) AS shown,
                       coalesce(best.key, piece.searched) AS searched,
                       best.key IS NOT NULL AS changed
                  FROM piece LEFT JOIN LATERAL (
                      SELECT word.word, word.key FROM {self.model._meta.db_table} AS word
                       WHERE piece.corrected AND word.language = %s
                         AND word.variants && array_prepend(piece.searched, ARRAY(
                             SELECT overlay(piece.searched PLACING '' FROM letter FOR 1)
                               FROM generate_series(1, length(piece.searched)) AS letter))
                       -- The word itself when the edition has it, else the most used one.
                       ORDER BY word.key = piece.searched DESC, word.articles DESC, word.key
                       LIMIT 1
                  ) AS best ON best.key <> piece.searched
            ), suggestion AS (
                SELECT string_agg(shown, '' ORDER BY position) AS shown,
                       string_agg(searched, '' ORDER BY position) AS searched,
                       bool_or(changed) AS changed
                  FROM chosen
            )
            SELECT suggestion.shown FROM suggestion
             WHERE suggestion.changed AND (SELECT count(*) FROM ({matches_sql}) AS matches) > %s
        """  # noqa: S608 (the table and the matches query are ours; the reader's words are parameters)
        params = [
            [typed for typed, _searched, _corrected in pieces],
            [searched for _typed, searched, _corrected in pieces],
            [corrected for _typed, _searched, corrected in pieces],
            language,
            *matches_params,
            beyond,
        ]
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return row[0] if row else None


class SearchWord(models.Model):
    """A word of an edition's published articles, and in how many of them it appears."""

    language = models.CharField(_("edition"), max_length=8)
    key = models.CharField(_("key"), max_length=MAX_WORD_LENGTH)
    word = models.CharField(_("word"), max_length=MAX_WORD_LENGTH * 2)
    articles = models.PositiveIntegerField(_("articles"), default=1)
    variants = ArrayField(models.TextField(), verbose_name=_("variants"))

    objects = SearchWordQuerySet.as_manager()

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["language", "key"], name="search_word_unique_per_edition"),
        ]
        indexes = [
            # "Did you mean": the words one typing slip from a reader's word.
            GinIndex(fields=["variants"], name="search_word_variants", fastupdate=False),
        ]

    def __str__(self) -> str:
        return self.word


def words_from_lexemes(rows: Iterable[tuple[str, str, int]]) -> list[SearchWord]:
    """SearchWord rows from (language, lexeme, articles) rows of PostgreSQL's parser: one row
    a key, written as its most frequent form, with the articles of all its forms."""
    found: dict[tuple[str, str], tuple[str, int, int]] = {}  # (word, its articles, all forms')
    for language, lexeme, count in rows:
        key = word_key(lexeme, language)
        if not is_correctable(key):
            continue
        word, word_count, total = found.get((language, key), ("", 0, 0))
        if count > word_count:
            word, word_count = written_form(lexeme), count
        found[(language, key)] = (word, word_count, total + count)
    return [
        SearchWord(language=language, key=key, word=word, articles=total, variants=variants(key))
        for (language, key), (word, _count, total) in found.items()
    ]
