"""Inputs that reach deep into the query language and the citation grammar: its tokens and fragments, mixed
with arbitrary text, in short and in long runs (a fragment repeated hundreds of times finds what recursion
or backtracking does with length)."""

from __future__ import annotations

from hypothesis import strategies as st

QUERY_PIECES = [
    "(", ")", "((", "))", '"', '"Landkreis Göttingen"', '"a b"~2', '"x"~99', "~", "~1", "~2", "~9", "*", "-", "--",
    "NOT", "OR", "AND", "not", "law:", 'law:"SGB II"', "law:SGB-2", "para:48b", "para:", "§:", "rz:34a", "rz:30-35",
    "rz:35-30", "rz:", "rn:", "work:sgb-2-48b", "work:", "entity:", 'entity:"Landkreis Göttingen"', "entity:ort/x",
    "label:ORT", "label:Gerichte", "kind:Entscheidung", "kind:", "cites:", 'cites:"§ 6a Abs. 2"', "cites:§",
    "Träger", "Träger~", "Träger~2", "Zielver*", "Zi*", "ab~", "Kommune", "der", "die", "und", "Bürgergeld",
    "§", "§ 48b", "Rz.", "Rz. 34a", "Rn. 12", "SGB II", "BVerwG 11 A 7.23", "B 4 AS 4/16 R", "Abs. 4", "i.V.m.",
    "48b", "34a", "1", "0", "99999999999999999999", "a", "ß", "ẞ", "Ä", "é", "\u0301", "\u200b", "\u00a0", "\t",
    "\n", "\x00", "\x1f", "\x7f", "\ufeff", "\ud800", "\U0001f600", "<b>", "&amp;", "'", "\\", "/", ":", ",", ".",
]
CITATION_PIECES = [
    "§", "§§", "Art.", "Abs.", "Satz", "S.", "Hs.", "Nr.", "Buchst.", "lit.", "Alt.", "i.V.m.", "iVm", "und",
    "sowie", "oder", "bis", "–", "-", ",", "f.", "ff.", "(", ")", "Rz.", "Rn.", "Rdnr.", "vgl.", "SGB", "II", "XII",
    "BGB", "GG", "SGG", "DSGVO", "dieses Gesetzes", "a.a.O.", "ebd.", "Sozialgesetzbuch", "Zweites", "Buch",
    "vom", "1. Januar 2000", "(BGBl I S. 1)", "VO (EG) Nr. 883/2004", "6a", "48b", "1", "4", "34a", "12.1", "a",
    "I", " ", "\n", ".", "BSG", "BVerfG", "Urteil", "Beschl.", "v.", "12.10.2016", "B 4 AS 4/16 R", "1 BvL 7/16",
    "11 A 7.23", "juris", "BVerfGE 125, 175", "NJW 2019, 1234", "BT-Drs.", "17/1555", "[", "]", ";", "Teil",
]


def mixed(pieces: list[str], *, max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Arbitrary text, fragments joined with spaces or without, and one fragment (or two) repeated many times."""
    piece = st.sampled_from(pieces)
    return st.one_of(
        st.text(max_size=120),
        st.lists(st.one_of(piece, st.text(max_size=4)), max_size=max_pieces).map(" ".join),
        st.lists(piece, max_size=max_pieces).map("".join),
        repeated(piece, st.integers(1, 30)),
        repeated(piece, st.integers(100, 1500)),  # long: hypothesis alone rarely draws big numbers
    )


def repeated(piece: st.SearchStrategy[str], times: st.SearchStrategy[int]) -> st.SearchStrategy[str]:
    """One to three fragments, the group repeated ``times`` times, with spaces, commas or nothing between."""
    return st.tuples(st.lists(piece, min_size=1, max_size=3).map(" ".join), times,
                     st.sampled_from([" ", "", ", "])).map(lambda t: t[2].join([t[0]] * t[1]))


QUERIES = mixed(QUERY_PIECES)
CITATION_TEXTS = mixed(CITATION_PIECES, max_pieces=120)

__all__ = ["CITATION_PIECES", "CITATION_TEXTS", "QUERIES", "QUERY_PIECES", "mixed", "repeated"]
