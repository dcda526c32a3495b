"""A German tokenizer that keeps legal abbreviations whole.

spaCy's German exceptions know "Abs." and "Nr." but split "Rz.", "Rn.", "Hs.", "ff.", "Nds." and
"i.V.m." into word + period, and "§§" into two signs. Kept whole, an abbreviation is never a
sentence end and its NORM carries the spelled-out word for matching.

Registered as ``randnummer.LegalTokenizer.v1`` so the pipeline config names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

# abbreviation → spelled-out form (NORM); the abbreviation must be one token
LEGAL_ABBREVIATIONS: dict[str, str] = {
    "Rz.": "Randziffer", "Rn.": "Randnummer", "Rdnr.": "Randnummer", "Rdn.": "Randnummer", "Rdz.": "Randziffer",
    "Abs.": "Absatz", "Nr.": "Nummer", "Nrn.": "Nummern", "Art.": "Artikel", "Buchst.": "Buchstabe",
    "Hs.": "Halbsatz", "Halbs.": "Halbsatz", "HS.": "Halbsatz", "S.": "Satz", "Alt.": "Alternative",
    "Var.": "Variante", "UAbs.": "Unterabsatz", "Unterabs.": "Unterabsatz", "lit.": "litera", "Ziff.": "Ziffer",
    "f.": "folgende", "ff.": "fortfolgende", "i.V.m.": "in Verbindung mit", "iVm.": "in Verbindung mit",
    "vgl.": "vergleiche", "Vgl.": "vergleiche", "bzw.": "beziehungsweise", "ggf.": "gegebenenfalls",
    "z.B.": "zum Beispiel", "Z.B.": "zum Beispiel", "insb.": "insbesondere", "insbes.": "insbesondere",
    "allg.": "allgemein", "d.h.": "das heißt", "u.a.": "unter anderem", "Nds.": "Niedersachsen",
    "Anm.": "Anmerkung", "Aufl.": "Auflage", "Bd.": "Band", "Drs.": "Drucksache", "Az.": "Aktenzeichen",
    "Urt.": "Urteil", "Beschl.": "Beschluss", "Entsch.": "Entscheidung", "Kap.": "Kapitel",
    "Abschn.": "Abschnitt", "Anh.": "Anhang", "Einf.": "Einführung", "Vorb.": "Vorbemerkung",
    "gem.": "gemäß", "Gem.": "gemäß", "entspr.": "entsprechend", "m.w.N.": "mit weiteren Nachweisen",
    "a.a.O.": "am angegebenen Ort", "a.F.": "alte Fassung", "n.F.": "neue Fassung", "v.": "vom",
    "i.d.F.": "in der Fassung", "i.S.d.": "im Sinne des", "i.S.v.": "im Sinne von", "i.d.R.": "in der Regel",
    "u.U.": "unter Umständen", "o.g.": "oben genannt", "s.o.": "siehe oben", "s.u.": "siehe unten",
    "st.": "ständige", "Rspr.": "Rechtsprechung", "h.M.": "herrschende Meinung", "zust.": "zustimmend",
    "Hrsg.": "Herausgeber", "Verf.": "Verfasser", "bspw.": "beispielsweise", "sog.": "sogenannt",
    "usw.": "und so weiter", "etc.": "et cetera", "Ls.": "Leitsatz", "Tz.": "Textziffer",
    "§§": "Paragraphen", "Art.-Nr.": "Artikelnummer",
}


def add_legal_abbreviations(tokenizer: Tokenizer, abbreviations: dict[str, str] | None = None) -> None:
    """Register each abbreviation as a special case (one token, NORM = spelled-out word)."""
    for orth, norm in (abbreviations or LEGAL_ABBREVIATIONS).items():
        tokenizer.add_special_case(orth, [{ORTH: orth, NORM: norm}])


TEXT_KEY = "randnummer.text"


def doc_text(doc: Doc) -> str:
    """The doc's text, kept by :class:`TextKeepingTokenizer`.

    ``Doc.text`` joins every token's text in Python; the components need the text for their
    regexes, and rebuilding it costs more than tokenizing.
    """
    text = doc.user_data.get(TEXT_KEY)
    return text if isinstance(text, str) else doc.text


class TextKeepingTokenizer:
    """spaCy's Tokenizer, remembering the input string in ``doc.user_data`` (everything else is
    delegated, so serialisation and special cases work as before)."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


@registry.tokenizers("randnummer.LegalTokenizer.v1")
def create_legal_tokenizer() -> Callable[[Language], TextKeepingTokenizer]:
    """spaCy's German tokenizer plus :data:`LEGAL_ABBREVIATIONS`."""
    default_factory = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp: Language) -> TextKeepingTokenizer:
        tokenizer = default_factory(nlp)
        add_legal_abbreviations(tokenizer)
        return TextKeepingTokenizer(tokenizer)

    return make
