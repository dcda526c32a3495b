"""Every limit on what one request may ask, in one place (the README's table "Limits" lists them).

Each limit is checked where the input enters — the query parser, the search, the web's request reading, the
CLI's arguments — and exceeding it is bad input, never a crash: :class:`kb.search.QueryError` (CLI exit 2,
web 400) naming the query and the position, or for the web a 400 / 413 naming the field.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- the query language (kb.search.query)

MAX_QUERY_CHARS = 1000  # characters of one query (the web allows fewer: MAX_WEB_QUERY_CHARS)
MAX_QUERY_DEPTH = 32  # nested "( … )" and NOT / - around one word: the parser recurses once per level
MAX_FUZZY_WORDS = 4  # words with ~ in one query: each is matched against the whole vocabulary
MAX_FUZZY_DISTANCE = 2  # edits of a fuzzy word (~1, ~2)
MIN_FUZZY_LETTERS = {1: 3, 2: 5}  # letters a word needs for ~1 / ~2 ("a~2" would match every short word)
FUZZY_SAME_START = 1  # letters at the start of a ~ word that must match exactly (typos rarely hit the first)
MAX_PREFIX_WORDS = 8  # words with * in one query
MIN_PREFIX_LETTERS = 3  # letters before * ("Zielver*")

# --------------------------------------------------------------------------- search (kb.search engines)

MAX_EXPANSIONS = 5000  # index terms one prefix or fuzzy word may stand for; more: "query too expensive"
SEARCH_TIME_BUDGET = 2.0  # seconds one search may take once it runs (web: SEARCH_TIME_BUDGET, CLI: --budget)
MAX_SEARCH_PAGELEN = 100  # hits on one page of a search

# --------------------------------------------------------------------------- sources (indexer/sources)

MAX_SOURCE_DEPTH = 200  # elements nested in an HTML or XML source (real pages: ~30); deeper: SourceError
# The largest source file a build reads ($RANDNUMMER_MAX_SOURCE_MB overrides it); bigger: an error naming it.
# Long texts go to spaCy in pieces (kb.nlp.chunks.CHUNK_CHARS), so a higher limit costs time (~2 s/MB), not a crash.
MAX_SOURCE_BYTES = 32_000_000

# --------------------------------------------------------------------------- annotate (kb.annotation)

# The longest text annotate() takes: above it the web answers 413 and ``kb annotate`` exits 2. Work grows
# linearly with the text; this bounds one request's time (~2-4 s) and memory.
MAX_ANNOTATE_CHARS = 1_000_000

# --------------------------------------------------------------------------- the web (web/)

MAX_WEB_QUERY_CHARS = 500  # ?q= of /search
MAX_JSON_DEPTH = 20  # nesting of a JSON request body ({"text": …} needs 1), checked before it is parsed
# Any request body larger than this gets 413 (Flask's MAX_CONTENT_LENGTH): room for a text of MAX_ANNOTATE_CHARS
# in JSON, umlauts escaped as \u00fc and line breaks as \n.
MAX_BODY_BYTES = 2_500_000

__all__ = [
    "FUZZY_SAME_START",
    "MAX_ANNOTATE_CHARS",
    "MAX_BODY_BYTES",
    "MAX_EXPANSIONS",
    "MAX_FUZZY_DISTANCE",
    "MAX_FUZZY_WORDS",
    "MAX_JSON_DEPTH",
    "MAX_PREFIX_WORDS",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_DEPTH",
    "MAX_SEARCH_PAGELEN",
    "MAX_SOURCE_BYTES",
    "MAX_SOURCE_DEPTH",
    "MAX_WEB_QUERY_CHARS",
    "MIN_FUZZY_LETTERS",
    "MIN_PREFIX_LETTERS",
    "SEARCH_TIME_BUDGET",
]
