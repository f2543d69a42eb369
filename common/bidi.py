"""Latin words inside Arabic and Persian text, shown in their own order.

The Unicode bidirectional algorithm orders a Latin word inside right-to-left text well, except
for the signs at its edges: in ``اوپک‌پلاس (OPEC+) امروز`` the ``+`` sits between a Latin and a
Persian letter, takes the paragraph's direction and is drawn on the wrong side, so readers
see ``(+OPEC)``. Isolating each Latin phrase (``<bdi>``) keeps its signs with it. CSS cannot
do this (it is inside one paragraph), so the templates of titles and leads pass them through
:func:`isolate_latin`.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# The Arabic script's blocks, as in the font's unicode-range (static/css/site.css).
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# A Latin phrase: from a Latin letter to the last letter, digit or closing sign of the phrase,
# across the spaces and joining signs between its words (OPEC+, S-400, C++, World Health
# Organization), never across a letter of another script. Whole phrases, not single words:
# isolated one by one, the words of "World Health Organization" would run right to left.
_LATIN_PHRASE = re.compile(r"[A-Za-z](?:[A-Za-z0-9 .,:;&'’/+\-_]*[A-Za-z0-9+#%])?")


def isolate_latin(text: object) -> Markup:
    """``text`` escaped as HTML, its Latin phrases in ``<bdi>`` when it has Arabic-script letters.

    Text without Arabic script (every English title) comes back only escaped; text that is
    already HTML (``Markup``) comes back as it is.
    """
    if isinstance(text, Markup):
        return text
    text = str(text)
    if not _ARABIC_SCRIPT.search(text):
        return escape(text)
    parts = []
    last = 0
    for phrase in _LATIN_PHRASE.finditer(text):
        parts.append(escape(text[last : phrase.start()]))
        parts.append(Markup("<bdi>%s</bdi>") % phrase.group())
        last = phrase.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
