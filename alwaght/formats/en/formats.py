"""How the English edition writes dates. Templates name these formats, never a pattern,
so each edition (ar, fa) writes its dates in its own way."""

# "Wednesday 19 February 2020": the dateline of an article, album or film.
DATE_FORMAT = "l j F Y"
# "Wednesday 19 February 2020, 09:30 UTC": updates, scheduled previews, comments (with the time zone).
DATETIME_FORMAT = "l j F Y, H:i T"
# "19 February 2020": cards, lists, search results.
SHORT_DATE_FORMAT = "j F Y"
# "19 Feb, 09:30 UTC": the home page's list of news headlines.
SHORT_DATETIME_FORMAT = "j M, H:i T"
TIME_FORMAT = "H:i"
