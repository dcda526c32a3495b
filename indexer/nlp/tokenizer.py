"""A German tokenizer that keeps legal abbreviations whole.

spaCy's German exceptions know "Abs." and "Nr." but split "Rz.", "Rn.", "Hs.", "ff.", "Nds." and
"i.V.m." into word + period, and "§§" into two signs. Kept whole, an abbreviation is never a
sentence end and its NORM carries the spelled-out word for matching.

Registered as ``randnummer.LegalTokenizer.v1`` so the pipeline config names it.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
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


@registry.tokenizers("randnummer.LegalTokenizer.v1")
def create_legal_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's German tokenizer plus :data:`LEGAL_ABBREVIATIONS`."""
    default_factory = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp: Language) -> Tokenizer:
        tokenizer = default_factory(nlp)
        add_legal_abbreviations(tokenizer)
        return tokenizer

    return make
