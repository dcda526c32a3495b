# ruff: noqa: E501 - the table reads best one form per line
"""Table-driven: citation forms → expected span and targets (resolved in the commentary on § 48b SGB II).

Each row: ``input || expected span || expected target keys (";"-separated)`` — or ``law=KEY`` for a law named
alone, or ``-`` when the input contains no citation. Rows name one citation; MULTI has texts with several.
"""

from __future__ import annotations

import pytest

from kb.citations import Context, extract
from kb.model import CitationKind

CTX = Context(law="SGB 2", paragraph="48b", work="sgb-2-48b")

FORMS = r"""
# --- a § with its law, every unit
§ 6a SGB II || § 6a SGB II || SGB 2 § 6a
§ 6a SGB 2 || § 6a SGB 2 || SGB 2 § 6a
§ 6a SGB-II || § 6a SGB-II || SGB 2 § 6a
§ 6a SGBII || § 6a SGBII || SGB 2 § 6a
§ 6a Sozialgesetzbuch Zweites Buch || § 6a Sozialgesetzbuch Zweites Buch || SGB 2 § 6a
§ 6a des Zweiten Buches Sozialgesetzbuch || § 6a des Zweiten Buches Sozialgesetzbuch || SGB 2 § 6a
§ 6a Zweites Buch Sozialgesetzbuch || § 6a Zweites Buch Sozialgesetzbuch || SGB 2 § 6a
§ 48b Abs. 4 SGB II || § 48b Abs. 4 SGB II || SGB 2 § 48b Abs. 4
§ 48b Absatz 4 SGB II || § 48b Absatz 4 SGB II || SGB 2 § 48b Abs. 4
§ 48b Abs 4 SGB II || § 48b Abs 4 SGB II || SGB 2 § 48b Abs. 4
§ 48b IV SGB II || § 48b IV SGB II || SGB 2 § 48b Abs. 4
§ 95 II 1 SGG || § 95 II 1 SGG || SGG § 95 Abs. 2 Satz 1
§ 6 Abs. 1 S. 2 SGB X || § 6 Abs. 1 S. 2 SGB X || SGB 10 § 6 Abs. 1 Satz 2
§ 6 Abs. 1 S 2 SGB X || § 6 Abs. 1 S 2 SGB X || SGB 10 § 6 Abs. 1 Satz 2
§ 6 Abs. 1 Satz 2 Halbsatz 1 SGB X || § 6 Abs. 1 Satz 2 Halbsatz 1 SGB X || SGB 10 § 6 Abs. 1 Satz 2 Halbsatz 1
§ 6 Abs. 1 Satz 2 Hs. 1 SGB X || § 6 Abs. 1 Satz 2 Hs. 1 SGB X || SGB 10 § 6 Abs. 1 Satz 2 Halbsatz 1
§ 6 Abs. 1 Satz 2 Halbs. 1 SGB X || § 6 Abs. 1 Satz 2 Halbs. 1 SGB X || SGB 10 § 6 Abs. 1 Satz 2 Halbsatz 1
§ 6 Abs. 1 Satz 2 2. Halbsatz SGB X || § 6 Abs. 1 Satz 2 2. Halbsatz SGB X || SGB 10 § 6 Abs. 1 Satz 2 Halbsatz 2
§ 7 Abs. 3 Nr. 3 Buchst. c SGB II || § 7 Abs. 3 Nr. 3 Buchst. c SGB II || SGB 2 § 7 Abs. 3 Nr. 3 Buchst. c
§ 7 Abs. 3 Nr. 3 lit. c SGB II || § 7 Abs. 3 Nr. 3 lit. c SGB II || SGB 2 § 7 Abs. 3 Nr. 3 Buchst. c
§ 7 Abs. 3 Nummer 3 Buchstabe c SGB II || § 7 Abs. 3 Nummer 3 Buchstabe c SGB II || SGB 2 § 7 Abs. 3 Nr. 3 Buchst. c
§ 31 Abs. 1 Satz 1 Nr. 1 Alt. 2 SGB II || § 31 Abs. 1 Satz 1 Nr. 1 Alt. 2 SGB II || SGB 2 § 31 Abs. 1 Satz 1 Nr. 1 Alt. 2
§ 31 Abs. 1 Satz 1 Nr. 1 2. Alt. SGB II || § 31 Abs. 1 Satz 1 Nr. 1 2. Alt. SGB II || SGB 2 § 31 Abs. 1 Satz 1 Nr. 1 Alt. 2
§ 31 Abs. 1 Satz 1 Nr. 1 Var. 2 SGB II || § 31 Abs. 1 Satz 1 Nr. 1 Var. 2 SGB II || SGB 2 § 31 Abs. 1 Satz 1 Nr. 1 Alt. 2
§ 31 Abs. 1 Satz 1 Nr. 1 Alternative 2 SGB II || § 31 Abs. 1 Satz 1 Nr. 1 Alternative 2 SGB II || SGB 2 § 31 Abs. 1 Satz 1 Nr. 1 Alt. 2
§ 12a Satz 2 Nr. 1 SGB II || § 12a Satz 2 Nr. 1 SGB II || SGB 2 § 12a Satz 2 Nr. 1
§ 22 Abs. 1a SGB II || § 22 Abs. 1a SGB II || SGB 2 § 22 Abs. 1a
§ 44a Abs. 1 Satz 2 SGB II || § 44a Abs. 1 Satz 2 SGB II || SGB 2 § 44a Abs. 1 Satz 2
§ 6a Absatz 2 Satz 1 Nummer 4 SGB II || § 6a Absatz 2 Satz 1 Nummer 4 SGB II || SGB 2 § 6a Abs. 2 Satz 1 Nr. 4
§ 31a Abs. 1 Satz 1 SGB II || § 31a Abs. 1 Satz 1 SGB II || SGB 2 § 31a Abs. 1 Satz 1
§ 22 Abs. 1 Satz 1 SGB II || § 22 Abs. 1 Satz 1 SGB II || SGB 2 § 22 Abs. 1 Satz 1
§ 22a SGB II || § 22a SGB II || SGB 2 § 22a
§ 24 Abs. 3 Satz 1 Nr. 1 SGB II || § 24 Abs. 3 Satz 1 Nr. 1 SGB II || SGB 2 § 24 Abs. 3 Satz 1 Nr. 1
§ 65 SGB I || § 65 SGB I || SGB 1 § 65
§ 66 Abs. 1 SGB I || § 66 Abs. 1 SGB I || SGB 1 § 66 Abs. 1
§ 86a Abs. 2 Nr. 4 SGG || § 86a Abs. 2 Nr. 4 SGG || SGG § 86a Abs. 2 Nr. 4
§ 54 Abs. 1 Satz 1 SGG || § 54 Abs. 1 Satz 1 SGG || SGG § 54 Abs. 1 Satz 1
§ 86b Abs. 2 Satz 2 SGG || § 86b Abs. 2 Satz 2 SGG || SGG § 86b Abs. 2 Satz 2
§ 160a Abs 2 Nr 3 Halbs 2 SGG || § 160a Abs 2 Nr 3 Halbs 2 SGG || SGG § 160a Abs. 2 Halbsatz 2 Nr. 3
§ 75 Abs 2 1. Alt SGG || § 75 Abs 2 1. Alt SGG || SGG § 75 Abs. 2 Alt. 1
§ 137c Abs 1 S 1 SGB V || § 137c Abs 1 S 1 SGB V || SGB 5 § 137c Abs. 1 Satz 1
§ 2 Abs 1a SGB V || § 2 Abs 1a SGB V || SGB 5 § 2 Abs. 1a
§ 44 SGB X || § 44 SGB X || SGB 10 § 44
§ 45 Abs. 2 Satz 3 Nr. 3 SGB X || § 45 Abs. 2 Satz 3 Nr. 3 SGB X || SGB 10 § 45 Abs. 2 Satz 3 Nr. 3
§ 48 Abs. 1 Satz 2 Nr. 1 SGB X || § 48 Abs. 1 Satz 2 Nr. 1 SGB X || SGB 10 § 48 Abs. 1 Satz 2 Nr. 1
§ 328 Abs. 1 Satz 1 Nr. 3 SGB III || § 328 Abs. 1 Satz 1 Nr. 3 SGB III || SGB 3 § 328 Abs. 1 Satz 1 Nr. 3
§ 823 Abs. 1 BGB || § 823 Abs. 1 BGB || BGB § 823 Abs. 1
§ 242 BGB || § 242 BGB || BGB § 242
§ 123 VwGO || § 123 VwGO || VwGO § 123
§ 47 Abs. 1 S. 1 Nr. 2 VwGO || § 47 Abs. 1 S. 1 Nr. 2 VwGO || VwGO § 47 Abs. 1 Satz 1 Nr. 2
§ 35 VwVfG || § 35 VwVfG || VwVfG § 35
§ 5 Satz 1 ZPO || § 5 Satz 1 ZPO || ZPO § 5 Satz 1
§ 12 Abs. 2 Nr. 1 UStG || § 12 Abs. 2 Nr. 1 UStG || UStG § 12 Abs. 2 Nr. 1
§ 1 Abs. 1 Satz 1 TzBfG || § 1 Abs. 1 Satz 1 TzBfG || TzBfG § 1 Abs. 1 Satz 1
§ 14 Abs. 2 Satz 2 TzBfG || § 14 Abs. 2 Satz 2 TzBfG || TzBfG § 14 Abs. 2 Satz 2
§ 45 Abs. 1 Satz 2 SächsPersVG || § 45 Abs. 1 Satz 2 SächsPersVG || SächsPersVG § 45 Abs. 1 Satz 2
§ 2 Nr. 5 Buchst. a ZustVO-SOG || § 2 Nr. 5 Buchst. a ZustVO-SOG || ZustVO-SOG § 2 Nr. 5 Buchst. a
§ 7 g EStG || § 7 g EStG || EStG § 7g
§ 10a GewStG || § 10a GewStG || GewStG § 10a
§ 3 (1) PatG || § 3 (1) PatG || PatG § 3 Abs. 1
§ 22 Nr. 1 Satz 3 Buchstabe a Doppelbuchstabe aa EStG || § 22 Nr. 1 Satz 3 Buchstabe a Doppelbuchstabe aa EStG || EStG § 22 Satz 3 Nr. 1 Buchst. a Doppelbuchst. aa
§ 6 Abs. 3 Satz 1 Nr. 2 Buchst. b Doppelbuchst. aa EStG || § 6 Abs. 3 Satz 1 Nr. 2 Buchst. b Doppelbuchst. aa EStG || EStG § 6 Abs. 3 Satz 1 Nr. 2 Buchst. b Doppelbuchst. aa
§ 315c Abs. 1 Nr. 2 d) StGB || § 315c Abs. 1 Nr. 2 d) StGB || StGB § 315c Abs. 1 Nr. 2 Buchst. d
§ 266 Abs. 3 Buchst. A HGB || § 266 Abs. 3 Buchst. A HGB || HGB § 266 Abs. 3 Buchst. A
# --- Artikel, EU and international norms
Art. 3 GG || Art. 3 GG || GG Art. 3
Art. 3 Abs. 1 GG || Art. 3 Abs. 1 GG || GG Art. 3 Abs. 1
Art 3 Abs 1 GG || Art 3 Abs 1 GG || GG Art. 3 Abs. 1
Artikel 3 Absatz 1 GG || Artikel 3 Absatz 1 GG || GG Art. 3 Abs. 1
Art. 3 I GG || Art. 3 I GG || GG Art. 3 Abs. 1
Art. 20 Abs. 3 des Grundgesetzes || Art. 20 Abs. 3 des Grundgesetzes || GG Art. 20 Abs. 3
Art. 12 Abs. 1 Satz 2 GG || Art. 12 Abs. 1 Satz 2 GG || GG Art. 12 Abs. 1 Satz 2
Art. 19 Abs. 4 Satz 1 GG || Art. 19 Abs. 4 Satz 1 GG || GG Art. 19 Abs. 4 Satz 1
Art. 103 Abs. 1 GG || Art. 103 Abs. 1 GG || GG Art. 103 Abs. 1
Art. 3 Abs. 3 Satz 2 GG || Art. 3 Abs. 3 Satz 2 GG || GG Art. 3 Abs. 3 Satz 2
Art. 33 Abs. 5 GG || Art. 33 Abs. 5 GG || GG Art. 33 Abs. 5
Art. 6 Abs. 1 DSGVO || Art. 6 Abs. 1 DSGVO || DSGVO Art. 6 Abs. 1
Art. 6 Abs. 1 lit. f DSGVO || Art. 6 Abs. 1 lit. f DSGVO || DSGVO Art. 6 Abs. 1 Buchst. f
Art. 6 Abs. 1 Buchst. e DS-GVO || Art. 6 Abs. 1 Buchst. e DS-GVO || DSGVO Art. 6 Abs. 1 Buchst. e
Art. 9 Abs. 2 lit. h DSGVO || Art. 9 Abs. 2 lit. h DSGVO || DSGVO Art. 9 Abs. 2 Buchst. h
Art. 3 EMRK || Art. 3 EMRK || EMRK Art. 3
Art. 8 Abs. 1 EMRK || Art. 8 Abs. 1 EMRK || EMRK Art. 8 Abs. 1
Art. 267 AEUV || Art. 267 AEUV || AEUV Art. 267
Art. 267 Abs. 3 AEUV || Art. 267 Abs. 3 AEUV || AEUV Art. 267 Abs. 3
Art. 267 Abs. 3 des Vertrags über die Arbeitsweise der Europäischen Union || Art. 267 Abs. 3 des Vertrags über die Arbeitsweise der Europäischen Union || AEUV Art. 267 Abs. 3
Art. 3 (a) AMVO || Art. 3 (a) AMVO || AMVO Art. 3 Buchst. a
Art. 6B PVÜ || Art. 6B PVÜ || PVÜ Art. 6B
Art. 1 (c) und 3 (a) AMVO || Art. 1 (c) und 3 (a) AMVO || AMVO Art. 1 Buchst. c; AMVO Art. 3 Buchst. a
Art. 13 Teil A Abs. 1 Buchst. g der Richtlinie 77/388/EWG || Art. 13 Teil A Abs. 1 Buchst. g der Richtlinie 77/388/EWG || RL 77/388/EWG Art. 13 Teil A Abs. 1 Buchst. g
Art. 2 ZP 1 EMRK || Art. 2 ZP 1 EMRK || EMRK ZP 1 Art. 2
Art. 8 der Richtlinie 2008/94/EG des Europäischen Parlaments und des Rates vom 22. Oktober 2008 über den Schutz der Arbeitnehmer bei Zahlungsunfähigkeit des Arbeitgebers auch dann || Art. 8 der Richtlinie 2008/94/EG des Europäischen Parlaments und des Rates vom 22. Oktober 2008 über den Schutz der Arbeitnehmer bei Zahlungsunfähigkeit des Arbeitgebers || RL 2008/94/EG Art. 8
Art. 28 Abs. 2 der Richtlinie 2013/32/EU des Europäischen Parlaments und des Rates vom 26. Juni 2013 zu gemeinsamen Verfahren (ABl. L 180 S. 60) behandelt || Art. 28 Abs. 2 der Richtlinie 2013/32/EU des Europäischen Parlaments und des Rates vom 26. Juni 2013 zu gemeinsamen Verfahren (ABl. L 180 S. 60) || RL 2013/32/EU Art. 28 Abs. 2
§ 4 Nr. 2 der Rahmenvereinbarung über Teilzeitarbeit || § 4 Nr. 2 der Rahmenvereinbarung über Teilzeitarbeit || Rahmenvereinbarung über Teilzeitarbeit § 4 Nr. 2
§ 119 SGB X (idF der Neufassung vom 18. 1. 2001, BGBl I 130) || § 119 SGB X (idF der Neufassung vom 18. 1. 2001, BGBl I 130) || SGB 10 § 119
Art. 13 Abs. 1 MwStSystRL || Art. 13 Abs. 1 MwStSystRL || MwStSystRL Art. 13 Abs. 1
Art. 7 der Verordnung (EG) Nr. 882/2004 || Art. 7 der Verordnung (EG) Nr. 882/2004 || VO (EG) 882/2004 Art. 7
Art. 8 der Richtlinie 2008/94/EG || Art. 8 der Richtlinie 2008/94/EG || RL 2008/94/EG Art. 8
Art 11 der VO <EG> Nr 987/2009 || Art 11 der VO <EG> Nr 987/2009 || VO (EG) 987/2009 Art. 11
Art. 70 Abs. 1 VO (EG) 883/2004 || Art. 70 Abs. 1 VO (EG) 883/2004 || VO (EG) 883/2004 Art. 70 Abs. 1
Art. II § 6 Abs. 1 Nr. 1 IntPatÜG || Art. II § 6 Abs. 1 Nr. 1 IntPatÜG || IntPatÜG § 6 Abs. 1 Nr. 1
# --- lists, ranges, f./ff.
§§ 3, 4 BGB || §§ 3, 4 BGB || BGB § 3; BGB § 4
§§ 3 und 4 BGB || §§ 3 und 4 BGB || BGB § 3; BGB § 4
§§ 3 bis 5 BGB || §§ 3 bis 5 BGB || BGB § 3; BGB § 4; BGB § 5
§§ 3–5 BGB || §§ 3–5 BGB || BGB § 3; BGB § 4; BGB § 5
§§ 3-5 BGB || §§ 3-5 BGB || BGB § 3; BGB § 4; BGB § 5
§ 3 f. BGB || § 3 f. BGB || BGB § 3; BGB § 4
§§ 3 ff. BGB || §§ 3 ff. BGB || BGB § 3
§§ 60 ff. SGB I || §§ 60 ff. SGB I || SGB 1 § 60
§§ 60 ff SGB I || §§ 60 ff SGB I || SGB 1 § 60
§ 6a Abs. 2 und 3 SGB II || § 6a Abs. 2 und 3 SGB II || SGB 2 § 6a Abs. 2; SGB 2 § 6a Abs. 3
§ 6a Abs. 2, 3 SGB II || § 6a Abs. 2, 3 SGB II || SGB 2 § 6a Abs. 2; SGB 2 § 6a Abs. 3
§ 6a Abs. 2 bis 4 SGB II || § 6a Abs. 2 bis 4 SGB II || SGB 2 § 6a Abs. 2; SGB 2 § 6a Abs. 3; SGB 2 § 6a Abs. 4
§ 6a Abs. 2 oder 3 SGB II || § 6a Abs. 2 oder 3 SGB II || SGB 2 § 6a Abs. 2; SGB 2 § 6a Abs. 3
§ 6a Abs. 2 sowie Abs. 7 SGB II || § 6a Abs. 2 sowie Abs. 7 SGB II || SGB 2 § 6a Abs. 2; SGB 2 § 6a Abs. 7
§ 6a Abs. 2 Satz 1 Nr. 4 und Abs. 7 Satz 2 SGB II || § 6a Abs. 2 Satz 1 Nr. 4 und Abs. 7 Satz 2 SGB II || SGB 2 § 6a Abs. 2 Satz 1 Nr. 4; SGB 2 § 6a Abs. 7 Satz 2
§ 6a Abs. 2 Satz 1 Nr. 4, Abs. 7 Satz 2 SGB II || § 6a Abs. 2 Satz 1 Nr. 4, Abs. 7 Satz 2 SGB II || SGB 2 § 6a Abs. 2 Satz 1 Nr. 4; SGB 2 § 6a Abs. 7 Satz 2
§ 6a Abs. 2 Sätze 1 und 2 SGB II || § 6a Abs. 2 Sätze 1 und 2 SGB II || SGB 2 § 6a Abs. 2 Satz 1; SGB 2 § 6a Abs. 2 Satz 2
§ 6a Absätze 2 und 3 SGB II || § 6a Absätze 2 und 3 SGB II || SGB 2 § 6a Abs. 2; SGB 2 § 6a Abs. 3
§§ 33 Abs. 2, 41 MarkenG || §§ 33 Abs. 2, 41 MarkenG || MarkenG § 33 Abs. 2; MarkenG § 41
§§ 6a Abs. 2, 6b Abs. 1 SGB II || §§ 6a Abs. 2, 6b Abs. 1 SGB II || SGB 2 § 6a Abs. 2; SGB 2 § 6b Abs. 1
§ 7 Abs. 1 Nr. 1 bis 3 SGB II || § 7 Abs. 1 Nr. 1 bis 3 SGB II || SGB 2 § 7 Abs. 1 Nr. 1; SGB 2 § 7 Abs. 1 Nr. 2; SGB 2 § 7 Abs. 1 Nr. 3
§ 7 Abs. 1 Satz 1 Nr. 1, 2 und 4 SGB II || § 7 Abs. 1 Satz 1 Nr. 1, 2 und 4 SGB II || SGB 2 § 7 Abs. 1 Satz 1 Nr. 1; SGB 2 § 7 Abs. 1 Satz 1 Nr. 2; SGB 2 § 7 Abs. 1 Satz 1 Nr. 4
§ 31 Abs. 2 Nr. 3 bzw. Nr. 4 SGB II || § 31 Abs. 2 Nr. 3 bzw. Nr. 4 SGB II || SGB 2 § 31 Abs. 2 Nr. 3; SGB 2 § 31 Abs. 2 Nr. 4
§ 2 Abs. 1 Nr. 1 u. 2 BGB || § 2 Abs. 1 Nr. 1 u. 2 BGB || BGB § 2 Abs. 1 Nr. 1; BGB § 2 Abs. 1 Nr. 2
§ 16e Abs. 1 bis 3 SGB II || § 16e Abs. 1 bis 3 SGB II || SGB 2 § 16e Abs. 1; SGB 2 § 16e Abs. 2; SGB 2 § 16e Abs. 3
§ 1 Abs. 2 Satz 1 Nr. 1 bis 3 SGB XII || § 1 Abs. 2 Satz 1 Nr. 1 bis 3 SGB XII || SGB 12 § 1 Abs. 2 Satz 1 Nr. 1; SGB 12 § 1 Abs. 2 Satz 1 Nr. 2; SGB 12 § 1 Abs. 2 Satz 1 Nr. 3
§ 4 Abs. 1 Satz 1, Satz 2 Nr. 2, § 3c AsylG || § 4 Abs. 1 Satz 1, Satz 2 Nr. 2, § 3c AsylG || AsylG § 4 Abs. 1 Satz 1; AsylG § 4 Abs. 1 Satz 2 Nr. 2; AsylG § 3c
Art. 353 und 354 CPP || Art. 353 und 354 CPP || CPP Art. 353; CPP Art. 354
Artt. 1 und 20 GG || Artt. 1 und 20 GG || GG Art. 1; GG Art. 20
§ 44b Abs 4 und 5 SGB II || § 44b Abs 4 und 5 SGB II || SGB 2 § 44b Abs. 4; SGB 2 § 44b Abs. 5
Art 13 Abs 1, Abs 7 GG || Art 13 Abs 1, Abs 7 GG || GG Art. 13 Abs. 1; GG Art. 13 Abs. 7
§ 14 Abs. 3 Satz 2 und Satz 3 TzBfG || § 14 Abs. 3 Satz 2 und Satz 3 TzBfG || TzBfG § 14 Abs. 3 Satz 2; TzBfG § 14 Abs. 3 Satz 3
§ 14 Abs. 1 und § 15 AGG || § 14 Abs. 1 und § 15 AGG || AGG § 14 Abs. 1; AGG § 15
§§ 40a und 40b EStG || §§ 40a und 40b EStG || EStG § 40a; EStG § 40b
# --- chains
Art. 2 Abs. 1 i.V.m. Art. 1 Abs. 1 GG || Art. 2 Abs. 1 i.V.m. Art. 1 Abs. 1 GG || GG Art. 2 Abs. 1; GG Art. 1 Abs. 1
Art. 2 Abs. 1 iVm Art. 1 Abs. 1 GG || Art. 2 Abs. 1 iVm Art. 1 Abs. 1 GG || GG Art. 2 Abs. 1; GG Art. 1 Abs. 1
Art. 2 Abs. 1 in Verbindung mit Art. 20 Abs. 3 GG || Art. 2 Abs. 1 in Verbindung mit Art. 20 Abs. 3 GG || GG Art. 2 Abs. 1; GG Art. 20 Abs. 3
Art. 2 Abs. 1 i. V. m. Art. 20 Abs. 3 GG || Art. 2 Abs. 1 i. V. m. Art. 20 Abs. 3 GG || GG Art. 2 Abs. 1; GG Art. 20 Abs. 3
Artikel 2 Absatz 1 Satz 1 in Verbindung mit Artikel 20 Absatz 3 des Grundgesetzes || Artikel 2 Absatz 1 Satz 1 in Verbindung mit Artikel 20 Absatz 3 des Grundgesetzes || GG Art. 2 Abs. 1 Satz 1; GG Art. 20 Abs. 3
§ 7 Abs. 2 Satz 3 iVm. § 2 Abs. 5 BetrAVG || § 7 Abs. 2 Satz 3 iVm. § 2 Abs. 5 BetrAVG || BetrAVG § 7 Abs. 2 Satz 3; BetrAVG § 2 Abs. 5
§ 125 iVm den §§ 124 Abs 2 S 1 SGB V || § 125 iVm den §§ 124 Abs 2 S 1 SGB V || SGB 5 § 125; SGB 5 § 124 Abs. 2 Satz 1
§ 40 Abs. 1 i.V.m. Abs. 2 SGB II || § 40 Abs. 1 i.V.m. Abs. 2 SGB II || SGB 2 § 40 Abs. 1; SGB 2 § 40 Abs. 2
§ 11b Abs. 1 Satz 1 Nr. 6 i.V.m. Abs. 3 SGB II || § 11b Abs. 1 Satz 1 Nr. 6 i.V.m. Abs. 3 SGB II || SGB 2 § 11b Abs. 1 Satz 1 Nr. 6; SGB 2 § 11b Abs. 3
# --- the law in every form
§ 6a SGB XII || § 6a SGB XII || SGB 12 § 6a
§ 6a SGB IX || § 6a SGB IX || SGB 9 § 6a
§ 1 SGB I || § 1 SGB I || SGB 1 § 1
§ 1 SGB III || § 1 SGB III || SGB 3 § 1
§ 1 SGB IV || § 1 SGB IV || SGB 4 § 1
§ 1 SGB V || § 1 SGB V || SGB 5 § 1
§ 1 SGB VI || § 1 SGB VI || SGB 6 § 1
§ 1 SGB VII || § 1 SGB VII || SGB 7 § 1
§ 1 SGB VIII || § 1 SGB VIII || SGB 8 § 1
§ 1 SGB XI || § 1 SGB XI || SGB 11 § 1
§ 1 SGB XIV || § 1 SGB XIV || SGB 14 § 1
§ 1 SGB 12 || § 1 SGB 12 || SGB 12 § 1
§ 1 Sozialgesetzbuch Zwölftes Buch || § 1 Sozialgesetzbuch Zwölftes Buch || SGB 12 § 1
§ 1 des Zwölften Buches Sozialgesetzbuch || § 1 des Zwölften Buches Sozialgesetzbuch || SGB 12 § 1
§ 82a des Zwölften Buches || § 82a des Zwölften Buches || SGB 12 § 82a
§ 64 Absatz 3 Satz 1 des Dritten Buches || § 64 Absatz 3 Satz 1 des Dritten Buches || SGB 3 § 64 Abs. 3 Satz 1
§§ 60 bis 64 des Ersten Buches || §§ 60 bis 64 des Ersten Buches || SGB 1 § 60; SGB 1 § 61; SGB 1 § 62; SGB 1 § 63; SGB 1 § 64
§ 14 Sozialgesetzbuch Neuntes Buch - Rehabilitation und Teilhabe behinderter Menschen - || § 14 Sozialgesetzbuch Neuntes Buch - Rehabilitation und Teilhabe behinderter Menschen - || SGB 9 § 14
§ 1 Abs. 1 des Bürgerlichen Gesetzbuchs || § 1 Abs. 1 des Bürgerlichen Gesetzbuchs || BGB § 1 Abs. 1
§ 1 des Sozialgerichtsgesetzes || § 1 des Sozialgerichtsgesetzes || SGG § 1
§ 1 des Verwaltungsverfahrensgesetzes || § 1 des Verwaltungsverfahrensgesetzes || VwVfG § 1
§ 13 Allgemeines Gleichbehandlungsgesetz || § 13 Allgemeines Gleichbehandlungsgesetz || AGG § 13
§ 5 dieses Gesetzes || § 5 dieses Gesetzes || SGB 2 § 5
§ 5 dieses Buches || § 5 dieses Buches || SGB 2 § 5
§ 17 des Atomgesetzes || § 17 des Atomgesetzes || Atomgesetz § 17
§ 2 der Wahlordnung || § 2 der Wahlordnung || WO § 2
§ 2 der Dauergrünland-Erhaltungsverordnung für Schleswig-Holstein || § 2 der Dauergrünland-Erhaltungsverordnung für Schleswig-Holstein || Dauergrünland-Erhaltungsverordnung für Schleswig-Holstein § 2
§ 14 Abs. 2 Satz 2 TzBfG vom 21. Dezember 2000 (BGBl I S. 1966) || § 14 Abs. 2 Satz 2 TzBfG vom 21. Dezember 2000 (BGBl I S. 1966) || TzBfG § 14 Abs. 2 Satz 2
§ 1 BetrAVG aF || § 1 BetrAVG aF || BetrAVG § 1
§ 87 Abs. 1 Eingangshalbs. BetrVG || § 87 Abs. 1 Eingangshalbs. BetrVG || BetrVG § 87 Abs. 1 Halbsatz 1
§ 11 Abs. 1 Satz 1 letzter Halbs. BUrlG || § 11 Abs. 1 Satz 1 letzter Halbs. BUrlG || BUrlG § 11 Abs. 1 Satz 1 Halbsatz letzter
§ 197a Abs 1 S 1 Teils 1 SGG || § 197a Abs 1 S 1 Teils 1 SGG || SGG § 197a Abs. 1 Satz 1 Halbsatz 1
Artikel 2 des Änderungsgesetzes zum Verbraucherinformationsgesetz (BGBl 2012 I S. 479 f.) || Artikel 2 des Änderungsgesetzes zum Verbraucherinformationsgesetz (BGBl 2012 I S. 479 f.) || Änderungsgesetz zum Verbraucherinformationsgesetz Art. 2
§ 1 BetrAVG a.F. || § 1 BetrAVG a.F. || BetrAVG § 1
§ 1 BetrAVG n. F. || § 1 BetrAVG n. F. || BetrAVG § 1
§ 1 Abs 1 Satz 2 UVollzG NRW || § 1 Abs 1 Satz 2 UVollzG NRW || UVollzG NRW § 1 Abs. 1 Satz 2
Nr. 34 der Anlage 2 zum UStG || Nr. 34 der Anlage 2 zum UStG || UStG §  Nr. 34
SGB II § 48b Abs. 4 || SGB II § 48b Abs. 4 || SGB 2 § 48b Abs. 4
Artikel 1 des Gesetzes vom 24. Dezember 2003, BGBl. I S. 2954 || Artikel 1 des Gesetzes vom 24. Dezember 2003, BGBl. I S. 2954 || Gesetz vom 24. Dezember 2003 Art. 1
Art. 1 Nr. 15 des Gesetzes zur Weiterentwicklung der Organisation der Grundsicherung für Arbeitsuchende vom 3. 8. 2010 (BGBl. I S. 1112) || Art. 1 Nr. 15 des Gesetzes zur Weiterentwicklung der Organisation der Grundsicherung für Arbeitsuchende vom 3. 8. 2010 (BGBl. I S. 1112) || Gesetz zur Weiterentwicklung der Organisation der Grundsicherung für Arbeitsuchende Art. 1 Nr. 15
# --- relative references, resolved against § 48b SGB II
Abs. 4 || Abs. 4 || SGB 2 § 48b Abs. 4
Absatz 4 || Absatz 4 || SGB 2 § 48b Abs. 4
Abs. 1 Satz 1 Nr. 4 || Abs. 1 Satz 1 Nr. 4 || SGB 2 § 48b Abs. 1 Satz 1 Nr. 4
Satz 2 || Satz 2 || SGB 2 § 48b Satz 2
Nr. 4 || Nr. 4 || SGB 2 § 48b Nr. 4
Abs. 1 und 2 || Abs. 1 und 2 || SGB 2 § 48b Abs. 1; SGB 2 § 48b Abs. 2
Abs. 1 bis 3 || Abs. 1 bis 3 || SGB 2 § 48b Abs. 1; SGB 2 § 48b Abs. 2; SGB 2 § 48b Abs. 3
Abs. 2 S. 1 || Abs. 2 S. 1 || SGB 2 § 48b Abs. 2 Satz 1
Abs. 2 Sätze 1 und 2 || Abs. 2 Sätze 1 und 2 || SGB 2 § 48b Abs. 2 Satz 1; SGB 2 § 48b Abs. 2 Satz 2
§ 6a || § 6a || SGB 2 § 6a
§ 6a Abs. 2 || § 6a Abs. 2 || SGB 2 § 6a Abs. 2
§§ 6a, 6b || §§ 6a, 6b || SGB 2 § 6a; SGB 2 § 6b
§ 48b Abs. 1 bis 4 || § 48b Abs. 1 bis 4 || SGB 2 § 48b Abs. 1; SGB 2 § 48b Abs. 2; SGB 2 § 48b Abs. 3; SGB 2 § 48b Abs. 4
Abs. 1 Satz 2 VwGO || Abs. 1 Satz 2 VwGO || VwGO §  Abs. 1 Satz 2
# --- Randnummern
Rz. 12 || Rz. 12 || sgb-2-48b Rz. 12
Rz 12 || Rz 12 || sgb-2-48b Rz. 12
Rn. 12 || Rn. 12 || sgb-2-48b Rz. 12
Rn 12 || Rn 12 || sgb-2-48b Rz. 12
Rdnr. 12 || Rdnr. 12 || sgb-2-48b Rz. 12
RdNr 12 || RdNr 12 || sgb-2-48b Rz. 12
Randnummer 12 || Randnummer 12 || sgb-2-48b Rz. 12
N. 12 || N. 12 || sgb-2-48b Rz. 12
Rz. 12 f. || Rz. 12 f. || sgb-2-48b Rz. 12 f.
Rz. 12 ff. || Rz. 12 ff. || sgb-2-48b Rz. 12 ff.
Rz. 10–12 || Rz. 10–12 || sgb-2-48b Rz. 10-12
Rz. 10-12 || Rz. 10-12 || sgb-2-48b Rz. 10-12
Rz. 10 bis 12 || Rz. 10 bis 12 || sgb-2-48b Rz. 10-12
Rz. 34a || Rz. 34a || sgb-2-48b Rz. 34a
Rz. 12.1 || Rz. 12.1 || sgb-2-48b Rz. 12.1
Rz. 12 und 14 || Rz. 12 und 14 || sgb-2-48b Rz. 12; sgb-2-48b Rz. 14
Rz. 12, 14 || Rz. 12, 14 || sgb-2-48b Rz. 12; sgb-2-48b Rz. 14
vgl. oben Rz. 12 || Rz. 12 || sgb-2-48b Rz. 12
s. unten Rz. 40 || Rz. 40 || sgb-2-48b Rz. 40
§ 6a Rz. 5 || § 6a Rz. 5 || SGB 2 § 6a Rz. 5
§ 6a SGB II Rz. 5 || § 6a SGB II Rz. 5 || SGB 2 § 6a Rz. 5
§ 48b Rz. 5 || § 48b Rz. 5 || sgb-2-48b Rz. 5
Komm. zu § 6a Rz. 5 || Komm. zu § 6a Rz. 5 || SGB 2 § 6a Rz. 5
§ 6a Rn. 5 ff. || § 6a Rn. 5 ff. || SGB 2 § 6a Rz. 5 ff.
§ 22 SGB II Rn. 12 || § 22 SGB II Rn. 12 || SGB 2 § 22 Rz. 12
§ 22 SGB XII Rn. 12 || § 22 SGB XII Rn. 12 || SGB 12 § 22 Rz. 12
# --- a law named alone
das SGB II || SGB II || law=SGB 2
das SGB 2 || SGB 2 || law=SGB 2
das SGB-II || SGB-II || law=SGB 2
SGB XII || SGB XII || law=SGB 12
das Grundgesetz || Grundgesetz || law=GG
des Grundgesetzes || Grundgesetzes || law=GG
nach dem BGB || BGB || law=BGB
das Sozialgesetzbuch Zweites Buch || Sozialgesetzbuch Zweites Buch || law=SGB 2
Ausbildungsgeld nach dem Dritten Buch || Dritten Buch || law=SGB 3
im Zweiten Buch des BGB || BGB || law=BGB
des Allgemeinen Gleichbehandlungsgesetzes || Allgemeinen Gleichbehandlungsgesetzes || law=AGG
das Atomgesetz || Atomgesetz || law=Atomgesetz
durch das BilMoG || BilMoG || law=BilMoG
mit dem RRG 1992 zur Kosteneinsparung || RRG 1992 || law=RRG
nach dem Urteil des BPatG || - || -
die DSGVO || DSGVO || law=DSGVO
die EMRK || EMRK || law=EMRK
der VO (EG) Nr. 883/2004 || VO (EG) Nr. 883/2004 || law=VO (EG) 883/2004
die Richtlinie 2008/94/EG || Richtlinie 2008/94/EG || law=RL 2008/94/EG
in Titel I der VO Nr. 1408/71 || Titel I der VO Nr. 1408/71 || law=VO 1408/71
aus den EU-Verordnungen VO (EG) 2580/2001 || EU-Verordnungen VO (EG) 2580/2001 || law=VO (EG) 2580/2001
nach der DGL-VO SH || DGL-VO SH || law=DGL-VO SH
das Gesetz zur Modernisierung des Schuldrechts vom 26. November 2001 (BGBl. I S. 3138) || Gesetz zur Modernisierung des Schuldrechts vom 26. November 2001 (BGBl. I S. 3138) || law=Gesetz zur Modernisierung des Schuldrechts
die Soldatenarbeitszeitverordnung || Soldatenarbeitszeitverordnung || law=Soldatenarbeitszeitverordnung
im tunesischen Strafgesetzbuch || tunesischen Strafgesetzbuch || law=tunesischen Strafgesetzbuch
das Haushaltsbegleitgesetz 2016 || Haushaltsbegleitgesetz 2016 || law=Haushaltsbegleitgesetz
die Europäische Menschenrechtskonvention || Europäische Menschenrechtskonvention || law=EMRK
die Weimarer Reichsverfassung || Weimarer Reichsverfassung || law=WRV
des RV-Nachhaltigkeitsgesetzes vom 21. 7. 2004, BGBl I 1791 || RV-Nachhaltigkeitsgesetzes vom 21. 7. 2004, BGBl I 1791 || law=RV-Nachhaltigkeitsgesetz
ein Vorschlag für eine Verordnung (EWG) des Rates || - || -
der Europäischen Sozialcharta || Europäischen Sozialcharta || law=ESC
# --- court decisions: citations of the decision (kind "decision"), never of a norm or a Randnummer here; reporter
# series that number by a § ("SozR 4-4200 § 22 Nr 5") are decisions too, never that §
BGH, Urteil vom 1.2.2003 - II ZR 1/02 || BGH, Urteil vom 1.2.2003 - II ZR 1/02 || BGH II ZR 1/02
vgl. BSG, Urteil vom 12.3.2019 – B 4 AS 1/18 R – Rn. 23 || BSG, Urteil vom 12.3.2019 – B 4 AS 1/18 R – Rn. 23 || BSG B 4 AS 1/18 R Rn. 23
BSGE 44, 292, 293 Rn. 12 || BSGE 44, 292, 293 Rn. 12 || BSGE 44, 292 Rn. 12
SozR 4-4200 § 22 Nr 5 || SozR 4-4200 § 22 Nr 5 || SozR 4-4200 § 22 Nr 5
BSG SozR 1500 § 160a Nr 7 || BSG SozR 1500 § 160a Nr 7 || SozR 1500 § 160a Nr 7
Buchholz 310 § 53 VwGO Nr. 6 || Buchholz 310 § 53 VwGO Nr. 6 || Buchholz 310 § 53 VwGO Nr. 6
# --- not citations
Landkreis Göttingen für 2024 || - || -
Das Gesetz gilt. || - || -
Der Gesetzgeber geht davon aus. || - || -
Im Satz steht nichts. || - || -
Die Abs. sind lang. || - || -
vom 1. 2. 2003 || - || -
auf S. 12 der Akte || - || -
Zöller, ZPO, 31. Aufl. 2016 || - || -
Ströbele/Hacker, MarkenG, 11. Aufl. || - || -
WO 2006/032373 A1 || - || -
ein Bundesgesetz || - || -
die Zielvereinbarung || - || -
Artikel im Handelsblatt || - || -
des Ministeriums für Soziales (MS) || - || -
Rz. || - || -
§ || - || -
§§ || - || -
Art. || - || -
N. N. hat geklagt || - || -
Luik in Eicher/Luik, SGB II, 4. Aufl., § 6a Rn. 5 || - || -
Palandt/Weidenkaff, BGB, 77. Aufl., § 433 Rn. 5 || - || -
Kirchhof, a. a. O., § 17 EStG Rz 55 || - || -
"""


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in FORMS.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, span, keys = (part.strip() for part in line.split("||"))
        rows.append((text, span, keys))
    return rows


ROWS = _rows()


def test_table_has_at_least_200_forms() -> None:
    assert len(ROWS) >= 200


@pytest.mark.parametrize(("text", "span", "keys"), ROWS, ids=[r[0][:60] for r in ROWS])
def test_form(text: str, span: str, keys: str) -> None:
    cits = extract(text, CTX)
    if span == "-":
        assert cits == (), [c.text for c in cits]
        return
    assert [c.text for c in cits] == [span]
    (c,) = cits
    assert text[c.start:c.end] == c.text
    if keys.startswith("law="):
        assert c.kind is CitationKind.LAW
        assert c.law == keys[4:]
        assert c.targets == ()
    else:
        assert [t.key for t in c.targets] == [k.strip() for k in keys.split(";")]


# Texts with several citations: [(span, target keys)] in order.
MULTI: list[tuple[str, list[tuple[str, list[str]]]]] = [
    ("Nach Abs. 1 gilt X. Satz 2 bestimmt Y.",
     [("Abs. 1", ["SGB 2 § 48b Abs. 1"]), ("Satz 2", ["SGB 2 § 48b Abs. 1 Satz 2"])]),
    ("Nach § 6a Abs. 2 BGB gilt auch § 7.", [("§ 6a Abs. 2 BGB", ["BGB § 6a Abs. 2"]), ("§ 7", ["BGB § 7"])]),
    ("§ 7 gilt wie § 6a BGB.", [("§ 7", ["SGB 2 § 7"]), ("§ 6a BGB", ["BGB § 6a"])]),
    ("§ 7 ist im Sinne des BGB zu verstehen.", [("§ 7", ["BGB § 7"]), ("BGB", [])]),
    ("§ 7 gilt. Nach § 6a BGB auch.", [("§ 7", ["SGB 2 § 7"]), ("§ 6a BGB", ["BGB § 6a"])]),
    ("§ 92 Abs. 1 Satz 1 ZPO i. V. m. § 84 Abs. 2 PatG",
     [("§ 92 Abs. 1 Satz 1 ZPO", ["ZPO § 92 Abs. 1 Satz 1"]), ("§ 84 Abs. 2 PatG", ["PatG § 84 Abs. 2"])]),
    ("§ 40 Abs. 2 Nr. 1 SGB II i.V.m. § 328 Abs. 1 Satz 1 Nr. 3 SGB III",
     [("§ 40 Abs. 2 Nr. 1 SGB II", ["SGB 2 § 40 Abs. 2 Nr. 1"]),
      ("§ 328 Abs. 1 Satz 1 Nr. 3 SGB III", ["SGB 3 § 328 Abs. 1 Satz 1 Nr. 3"])]),
    ("§ 127 Absatz 1 Satz 1 des Dritten Buches in Verbindung mit § 73 des Neunten Buches",
     [("§ 127 Absatz 1 Satz 1 des Dritten Buches", ["SGB 3 § 127 Abs. 1 Satz 1"]),
      ("§ 73 des Neunten Buches", ["SGB 9 § 73"])]),
    ("§ 6 SGB II, § 6a SGB III", [("§ 6 SGB II", ["SGB 2 § 6"]), ("§ 6a SGB III", ["SGB 3 § 6a"])]),
    ("Vgl. § 12 BGB. Ferner § 13 a.a.O.", [("§ 12 BGB", ["BGB § 12"]), ("§ 13 a.a.O.", ["BGB § 13"])]),
    ("§ 4 SGB III und § 5 ebd.", [("§ 4 SGB III", ["SGB 3 § 4"]), ("§ 5 ebd.", ["SGB 3 § 5"])]),
    ("des Steuerberatungsgesetzes (StBerG)", [("Steuerberatungsgesetzes", []), ("StBerG", [])]),
    ("die Verordnung über Masterabschlüsse für Lehrämter in Niedersachsen (Nds. MasterVO-Lehr) vom 8. November 2007",
     [("Verordnung über Masterabschlüsse für Lehrämter in Niedersachsen", []), ("Nds. MasterVO-Lehr", [])]),
    ("§ 8 des Gesetzes über das Verlagsrecht (VerlG) gilt",
     [("§ 8 des Gesetzes über das Verlagsrecht", ["VerlG § 8"]), ("VerlG", [])]),
    ("im Sächsischen Schulgesetz (Sächsisches Schulgesetz - SächsSchulG) vom 16. Juli 2004",
     [("Sächsischen Schulgesetz", []), ("Sächsisches Schulgesetz", []), ("SächsSchulG", [])]),
    ("des Staatsangehörigkeitsgesetzes - StAG -, ob", [("Staatsangehörigkeitsgesetzes", []), ("StAG", [])]),
    ("des Bilanzrechtsmodernisierungsgesetzes (BilMoG) vom 25. Mai 2009 (BGBl I 2009, 1102) gilt",
     [("Bilanzrechtsmodernisierungsgesetzes (BilMoG) vom 25. Mai 2009 (BGBl I 2009, 1102)", [])]),
    ("die Richtlinie 1999/70/EG des Rates vom 28. Juni 1999 (RL 1999/70/EG; ABl EG L 175, S. 43) umgesetzt",
     [("Richtlinie 1999/70/EG des Rates vom 28. Juni 1999 (RL 1999/70/EG; ABl EG L 175, S. 43)", [])]),
    ("Nach § 6a Abs. 2 gilt Abs. 4 entsprechend.",
     [("§ 6a Abs. 2", ["SGB 2 § 6a Abs. 2"]), ("Abs. 4", ["SGB 2 § 6a Abs. 4"])]),
    ("Vgl. § 6a Abs. 2 Satz 2. Hier gilt Abs. 4. Am 1. Januar gilt Satz 3.",
     [("§ 6a Abs. 2 Satz 2", ["SGB 2 § 6a Abs. 2 Satz 2"]), ("Abs. 4", ["SGB 2 § 48b Abs. 4"]),
      ("Satz 3", ["SGB 2 § 48b Abs. 4 Satz 3"])]),
    ("vgl. BSG, a.a.O., Rn. 12; ferner Rz. 14", [("Rz. 14", ["sgb-2-48b Rz. 14"])]),
    ("Wie in Abs. 2 erläutert, gilt das Verhältnis Bund/Länder, vgl. Rz. 12.",
     [("Abs. 2", ["SGB 2 § 48b Abs. 2"]), ("Rz. 12", ["sgb-2-48b Rz. 12"])]),
    ("Schmidt in Kasseler Kommentar, § 6a Rn. 5", []),
    ("Dies entspricht dem BGB, § 433 gilt.", [("BGB", []), ("§ 433", ["BGB § 433"])]),
    ("Siehe Rz. 12 ff. und § 6a Rz. 3.",
     [("Rz. 12 ff.", ["sgb-2-48b Rz. 12 ff."]), ("§ 6a Rz. 3", ["SGB 2 § 6a Rz. 3"])]),
]


@pytest.mark.parametrize(("text", "expected"), MULTI, ids=[m[0][:50] for m in MULTI])
def test_multi(text: str, expected: list[tuple[str, list[str]]]) -> None:
    cits = extract(text, CTX)
    assert [(c.text, [t.key for t in c.targets]) for c in cits] == expected


# Court decisions and parliamentary papers: ``input || expected span || kind || target keys`` (";"-separated,
# ``-`` for none); a span of ``-`` means the input contains no citation at all.
DECISION_FORMS = r"""
# --- court, type of decision, date, Aktenzeichen, Randnummer
… BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R –, Rn. 23 … || BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R –, Rn. 23 || decision || BSG B 4 AS 4/16 R Rn. 23
BSG, Urt. v. 12.10.2016 - B 4 AS 4/16 R - juris Rn. 23 || BSG, Urt. v. 12.10.2016 - B 4 AS 4/16 R - juris Rn. 23 || decision || BSG B 4 AS 4/16 R Rn. 23
BVerwG, Beschl. v. 3.5.2024 – 1 B 15.24, juris Rn. 7 || BVerwG, Beschl. v. 3.5.2024 – 1 B 15.24, juris Rn. 7 || decision || BVerwG 1 B 15.24 Rn. 7
BVerwG, Beschluss vom 5. April 2024 - 1 B 15.24 - || BVerwG, Beschluss vom 5. April 2024 - 1 B 15.24 - || decision || BVerwG 1 B 15.24
BGH, Beschluss vom 14. Januar 2010 – IX ZB 72/08 || BGH, Beschluss vom 14. Januar 2010 – IX ZB 72/08 || decision || BGH IX ZB 72/08
BVerfG, Beschluss des Ersten Senats vom 5. November 2019 – 1 BvL 7/16 –, Rn. 120 || BVerfG, Beschluss des Ersten Senats vom 5. November 2019 – 1 BvL 7/16 –, Rn. 120 || decision || BVerfG 1 BvL 7/16 Rn. 120
BAG 30. Januar 2024 - 1 AZR 62/23 - Rn. 12 || BAG 30. Januar 2024 - 1 AZR 62/23 - Rn. 12 || decision || BAG 1 AZR 62/23 Rn. 12
(BVerwG, Urteil vom 14. Februar 2024 - 11 A 7.23 - juris Rn. 5) || BVerwG, Urteil vom 14. Februar 2024 - 11 A 7.23 - juris Rn. 5 || decision || BVerwG 11 A 7.23 Rn. 5
BSG B 4 AS 4/16 R || BSG B 4 AS 4/16 R || decision || BSG B 4 AS 4/16 R
… hat das BSG entschieden (B 4 AS 4/16 R). || B 4 AS 4/16 R || decision || BSG B 4 AS 4/16 R
das Bundessozialgericht hat am 12.10.2016 (B 4 AS 4/16 R) entschieden || B 4 AS 4/16 R || decision || BSG B 4 AS 4/16 R
nach dem Urteil des Bundessozialgerichts vom 12.10.2016 - B 4 AS 4/16 R - ist || Urteil des Bundessozialgerichts vom 12.10.2016 - B 4 AS 4/16 R - || decision || BSG B 4 AS 4/16 R
BVerfG < Kammer > Beschluss vom 11. 3. 2013 - 1 BvR 2853/11 - Juris RdNr 30 || BVerfG < Kammer > Beschluss vom 11. 3. 2013 - 1 BvR 2853/11 - Juris RdNr 30 || decision || BVerfG 1 BvR 2853/11 Rn. 30
BVerfG, Beschluss der 1. Kammer des Ersten Senats vom 24. März 2014 - 1 BvR 160/14 -, www.bverfg.de, Rn. 38 || BVerfG, Beschluss der 1. Kammer des Ersten Senats vom 24. März 2014 - 1 BvR 160/14 -, www.bverfg.de, Rn. 38 || decision || BVerfG 1 BvR 160/14 Rn. 38
BFH-Beschluss vom 3.4.2022 VI B 45/22 || BFH-Beschluss vom 3.4.2022 VI B 45/22 || decision || BFH VI B 45/22
Beschluss des Bundesfinanzhofs (BFH) vom 17. Januar 2002 VI B 114/01 (BFHE 198, 1, BStBl II 2002, 306) gilt || Beschluss des Bundesfinanzhofs (BFH) vom 17. Januar 2002 VI B 114/01 (BFHE 198, 1, BStBl II 2002, 306) || decision || BFH VI B 114/01
BSG, Urteil vom 1.2.2020 - B 4 AS 1/19 R - Rn. 12 m. w. N.; ferner || BSG, Urteil vom 1.2.2020 - B 4 AS 1/19 R - Rn. 12 || decision || BSG B 4 AS 1/19 R Rn. 12
BVerwG, Urt. vom 1.2.2020 – 2 C 1.19 – Rn. 12 – 14 || BVerwG, Urt. vom 1.2.2020 – 2 C 1.19 – Rn. 12 – 14 || decision || BVerwG 2 C 1.19 Rn. 12; BVerwG 2 C 1.19 Rn. 13; BVerwG 2 C 1.19 Rn. 14
BAG 16. August 2011 - 1 AZR 314/10 - Rn. 16, 18 || BAG 16. August 2011 - 1 AZR 314/10 - Rn. 16, 18 || decision || BAG 1 AZR 314/10 Rn. 16; BAG 1 AZR 314/10 Rn. 18
BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R – Rn. 23 f. || BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R – Rn. 23 f. || decision || BSG B 4 AS 4/16 R Rn. 23; BSG B 4 AS 4/16 R Rn. 24
# --- Aktenzeichen of every federal court, and of lower courts where a court is named
BSG, Urteil vom 1.2.2022 - B 14 AS 31/21 R || BSG, Urteil vom 1.2.2022 - B 14 AS 31/21 R || decision || BSG B 14 AS 31/21 R
BSG, Beschluss vom 1.2.2021 - B 1 KR 12/20 B || BSG, Beschluss vom 1.2.2021 - B 1 KR 12/20 B || decision || BSG B 1 KR 12/20 B
BVerfG, Beschluss vom 1.2.2023 - 2 BvR 1210/22 || BVerfG, Beschluss vom 1.2.2023 - 2 BvR 1210/22 || decision || BVerfG 2 BvR 1210/22
BGH, Urteil vom 12.4.2022 - VI ZR 123/21 || BGH, Urteil vom 12.4.2022 - VI ZR 123/21 || decision || BGH VI ZR 123/21
BGH, Beschluss vom 12.1.2023 - 5 StR 12/23 || BGH, Beschluss vom 12.1.2023 - 5 StR 12/23 || decision || BGH 5 StR 12/23
BVerwG, Urteil vom 1.2.2024 - 2 C 10.23 || BVerwG, Urteil vom 1.2.2024 - 2 C 10.23 || decision || BVerwG 2 C 10.23
BVerwG, Beschluss vom 1.2.2024 - 1 WB 4.23 || BVerwG, Beschluss vom 1.2.2024 - 1 WB 4.23 || decision || BVerwG 1 WB 4.23
BVerwG, Beschluss vom 1.2.2024 - 20 F 14.23. Danach || BVerwG, Beschluss vom 1.2.2024 - 20 F 14.23 || decision || BVerwG 20 F 14.23
BAG, Beschluss vom 1.2.2024 - 4 AZB 22/23 || BAG, Beschluss vom 1.2.2024 - 4 AZB 22/23 || decision || BAG 4 AZB 22/23
BAG, Beschluss vom 1.2.2024 - 7 ABR 8/23 || BAG, Beschluss vom 1.2.2024 - 7 ABR 8/23 || decision || BAG 7 ABR 8/23
BFH, Urteil vom 1.2.2021 - IX R 12/20 || BFH, Urteil vom 1.2.2021 - IX R 12/20 || decision || BFH IX R 12/20
BPatG, Beschluss vom 23. April 2013 - 25 W (pat) 62/12 || BPatG, Beschluss vom 23. April 2013 - 25 W (pat) 62/12 || decision || BPatG 25 W (pat) 62/12
EuGH, Urteil vom 6. Oktober 1982 - C-283/81 || EuGH, Urteil vom 6. Oktober 1982 - C-283/81 || decision || EuGH C-283/81
LSG Berlin-Brandenburg, Beschluss vom 1.2.2020 - L 7 AS 123/19 B ER || LSG Berlin-Brandenburg, Beschluss vom 1.2.2020 - L 7 AS 123/19 B ER || decision || LSG Berlin-Brandenburg L 7 AS 123/19 B ER
Landessozialgericht Berlin-Brandenburg, Urteil vom 1.2.2020 - L 7 AS 123/19 || Landessozialgericht Berlin-Brandenburg, Urteil vom 1.2.2020 - L 7 AS 123/19 || decision || LSG Berlin-Brandenburg L 7 AS 123/19
des Hessischen Landessozialgerichts vom 1.2.2020 - L 7 AS 123/19 || Hessischen Landessozialgerichts vom 1.2.2020 - L 7 AS 123/19 || decision || Hessisches LSG L 7 AS 123/19
SG Berlin, Urteil vom 3.4.2021 - S 12 AS 456/20 || SG Berlin, Urteil vom 3.4.2021 - S 12 AS 456/20 || decision || SG Berlin S 12 AS 456/20
VG Freiburg, Urteil vom 1.2.2020 - 4 K 1234/19 || VG Freiburg, Urteil vom 1.2.2020 - 4 K 1234/19 || decision || VG Freiburg 4 K 1234/19
LG Freiburg, Beschluss vom 12.3.2007 - 6 T 104/07 || LG Freiburg, Beschluss vom 12.3.2007 - 6 T 104/07 || decision || LG Freiburg 6 T 104/07
Vorlagebeschluss vom 1.2.2020 - B 1 KR 2/20 R || Vorlagebeschluss vom 1.2.2020 - B 1 KR 2/20 R || decision || B 1 KR 2/20 R
# --- ECLI
ECLI:DE:BVerwG:2024:140224U11A7.23.0 || ECLI:DE:BVerwG:2024:140224U11A7.23.0 || decision || ECLI:DE:BVerwG:2024:140224U11A7.23.0
(ECLI:DE:BSG:2016:121016UB4AS416R0, Rn. 23). || ECLI:DE:BSG:2016:121016UB4AS416R0, Rn. 23 || decision || ECLI:DE:BSG:2016:121016UB4AS416R0 Rn. 23
BVerwG, Beschluss vom 2. November 2017 - 4 B 62.17 [ECLI:DE:BVerwG:2017:021117B4B62.17.0] - juris Rn. 9 || BVerwG, Beschluss vom 2. November 2017 - 4 B 62.17 [ECLI:DE:BVerwG:2017:021117B4B62.17.0] - juris Rn. 9 || decision || BVerwG 4 B 62.17 Rn. 9
# --- reporters
BVerfGE 125, 175 <Rn. 12> || BVerfGE 125, 175 <Rn. 12> || decision || BVerfGE 125, 175 Rn. 12
BVerfGE 125, 175 (190) || BVerfGE 125, 175 (190) || decision || BVerfGE 125, 175
vgl. BSGE 100, 1. || BSGE 100, 1 || decision || BSGE 100, 1
BVerwGE 170, 1 || BVerwGE 170, 1 || decision || BVerwGE 170, 1
BGHZ 180, 1 || BGHZ 180, 1 || decision || BGHZ 180, 1
BAGE 150, 1 || BAGE 150, 1 || decision || BAGE 150, 1
NJW 2019, 1234 || NJW 2019, 1234 || decision || NJW 2019, 1234
NZS 2020, 123 || NZS 2020, 123 || decision || NZS 2020, 123
NVwZ 2021, 99 || NVwZ 2021, 99 || decision || NVwZ 2021, 99
BVerfG, NJW 2007, 3771, 3772 f. || BVerfG, NJW 2007, 3771, 3772 f. || decision || NJW 2007, 3771
BGHZ 210, 77 < 91 ff. Rn. 46 - 48 > || BGHZ 210, 77 < 91 ff. Rn. 46 - 48 > || decision || BGHZ 210, 77 Rn. 46; BGHZ 210, 77 Rn. 47; BGHZ 210, 77 Rn. 48
BVerfGE 5, 22 <24>; 62, 392 <397> || BVerfGE 5, 22 <24>; 62, 392 <397> || decision || BVerfGE 5, 22; BVerfGE 62, 392
# --- mixed: the Aktenzeichen names the decision, reporters and series ride along
BSG, Urteil vom 12.10.2016, B 4 AS 4/16 R, BSGE 122, 1, Rn. 23 || BSG, Urteil vom 12.10.2016, B 4 AS 4/16 R, BSGE 122, 1, Rn. 23 || decision || BSG B 4 AS 4/16 R Rn. 23
BGH, Urteil vom 12.4.2022 - VI ZR 123/21 - NJW 2022, 1234 Rn. 15 || BGH, Urteil vom 12.4.2022 - VI ZR 123/21 - NJW 2022, 1234 Rn. 15 || decision || BGH VI ZR 123/21 Rn. 15
BSG vom 3. 4. 2014 - B 2 U 25/12 R - BSGE 115, 256 = SozR 4-2700 § 136 Nr 6, RdNr 22 || BSG vom 3. 4. 2014 - B 2 U 25/12 R - BSGE 115, 256 = SozR 4-2700 § 136 Nr 6, RdNr 22 || decision || BSG B 2 U 25/12 R Rn. 22
BVerwG, Urteil vom 13. September 2011 - 2 WD 15.10 - Buchholz 450.2 § 38 WDO 2002 Nr. 33 Rn. 60 || BVerwG, Urteil vom 13. September 2011 - 2 WD 15.10 - Buchholz 450.2 § 38 WDO 2002 Nr. 33 Rn. 60 || decision || BVerwG 2 WD 15.10 Rn. 60
BAG 19. März 2014 - 5 AZR 252/12 (B) - Rn. 18 mwN, BAGE 147, 342 || BAG 19. März 2014 - 5 AZR 252/12 (B) - Rn. 18 mwN, BAGE 147, 342 || decision || BAG 5 AZR 252/12 Rn. 18
BAG 4. Juni 2003 - 10 AZR 586/02 - zu II 2 b bb (1) der Gründe, BAGE 106, 1 || BAG 4. Juni 2003 - 10 AZR 586/02 - zu II 2 b bb (1) der Gründe, BAGE 106, 1 || decision || BAG 10 AZR 586/02
BFH-Urteil vom 7. Dezember 1995 IV R 112/92, BFHE 180, 42, BStBl II 1996, 367, unter 1. b || BFH-Urteil vom 7. Dezember 1995 IV R 112/92, BFHE 180, 42, BStBl II 1996, 367, unter 1. b || decision || BFH IV R 112/92
OLG Köln, 6 U 128/09 v. 8. Januar 2010; || OLG Köln, 6 U 128/09 v. 8. Januar 2010 || decision || OLG Köln 6 U 128/09
(BGH GRUR 2012, 270 Rn. 8 – Link economy; || BGH GRUR 2012, 270 Rn. 8 – Link economy || decision || GRUR 2012, 270 Rn. 8
EuGH GRUR 2004, 674, 678, Nr. 86 – Postkantoor) || EuGH GRUR 2004, 674, 678, Nr. 86 – Postkantoor || decision || GRUR 2004, 674 Rn. 86
vgl. BGH NJW 2019, 1234 – Dies gilt auch hier. || BGH NJW 2019, 1234 || decision || NJW 2019, 1234
BFH-Urteil in BFHE 194, 108, BStBl II 2001, 385 || BFH-Urteil in BFHE 194, 108, BStBl II 2001, 385 || decision || BFHE 194, 108
Thüringer LSG (L 3 AL 229/00) || Thüringer LSG (L 3 AL 229/00) || decision || Thüringer LSG L 3 AL 229/00
# --- reporter series: a decision each, never a statute
SozR 4-4200 § 22 Nr 5 || SozR 4-4200 § 22 Nr 5 || decision || SozR 4-4200 § 22 Nr 5
BSG SozR 4 - 2500 § 87b Nr 2 RdNr 26 ff || BSG SozR 4 - 2500 § 87b Nr 2 RdNr 26 ff || decision || SozR 4-2500 § 87b Nr 2 Rn. 26
vgl BSG SozR 1500 § 160a Nr 14, 21 und 67) || BSG SozR 1500 § 160a Nr 14, 21 und 67 || decision || SozR 1500 § 160a Nr 14; SozR 1500 § 160a Nr 21; SozR 1500 § 160a Nr 67
BSGE 44, 292, 293 = SozR 1500 § 124 Nr 2 S 2 || BSGE 44, 292, 293 = SozR 1500 § 124 Nr 2 S 2 || decision || BSGE 44, 292
BAG AP Nr. 5 zu § 1 KSchG 1969 || BAG AP Nr. 5 zu § 1 KSchG 1969 || decision || AP Nr. 5 zu § 1 KSchG 1969
BGH, Beschluss vom 25. April 2003 - 2 StR 4/03, BGHR StGB § 57 Abs. 1 Erprobung 2; vom || BGH, Beschluss vom 25. April 2003 - 2 StR 4/03, BGHR StGB § 57 Abs. 1 Erprobung 2 || decision || BGH 2 StR 4/03
# --- parliamentary papers: recognised, no target
BT-Drs. 17/1555, S. 20 || BT-Drs. 17/1555, S. 20 || paper || -
vgl. BT-Drucks. 19/24034 S. 3 || BT-Drucks. 19/24034 S. 3 || paper || -
BR-Drs. 123/20 || BR-Drs. 123/20 || paper || -
BTDrucks 17/1555 S 20 f. || BTDrucks 17/1555 S 20 f. || paper || -
Bundestagsdrucksache 17/1555 || Bundestagsdrucksache 17/1555 || paper || -
# --- statutes stay statutes
Art. 1 Nr. 15 des Gesetzes vom 3. 8. 2010 || Art. 1 Nr. 15 des Gesetzes vom 3. 8. 2010 || norm || Gesetz vom 3. 8. 2010 Art. 1 Nr. 15
# --- nothing
die Jahre 4/16 || - || - || -
17/1555 || - || - || -
1 BvL 7/16 || - || - || -
Schnapp, SGb 2015, 61, 65 || - || - || -
Blumenberg/Lechner, DB 2014, 141 || - || - || -
vgl. Ries NZI 2002, 521, 523 || - || - || -
das BMF-Schreiben vom 29. März 2018 (BStBl I 2018, 588) || - || - || -
BSG, Urteil vom 12.10.2016 || - || - || -
das BSG hat 2016 entschieden || - || - || -
BSG, a.a.O., Rn. 12 || - || - || -
die Deutsche Bank AG (12 O 12/20) || - || - || -
Zum Verfahren 12 O 12/20 || - || - || -
"""


def _decision_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in DECISION_FORMS.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, span, kind, keys = (part.strip() for part in line.split("||"))
        rows.append((text, span, kind, keys))
    return rows


DECISION_ROWS = _decision_rows()


@pytest.mark.parametrize(("text", "span", "kind", "keys"), DECISION_ROWS, ids=[r[0][:60] for r in DECISION_ROWS])
def test_decision_form(text: str, span: str, kind: str, keys: str) -> None:
    cits = extract(text, CTX)
    if span == "-":
        assert cits == (), [c.text for c in cits]
        return
    assert [c.text for c in cits] == [span]
    (c,) = cits
    assert text[c.start:c.end] == c.text
    assert c.start == text.index(span)
    assert c.kind is CitationKind(kind)
    assert [t.key for t in c.targets] == ([] if keys == "-" else [k.strip() for k in keys.split(";")])


# Texts with a decision among other citations: [(span, kind, target keys)] in order.
DECISION_MULTI: list[tuple[str, list[tuple[str, str, list[str]]]]] = [
    ("BVerwG, Beschlüsse vom 26. Juli 2011 - 1 WB 13.11 - Rn. 21 und vom 30. Januar 2014 - 1 WB 1.13 - juris Rn. 32",
     [("BVerwG, Beschlüsse vom 26. Juli 2011 - 1 WB 13.11 - Rn. 21", "decision", ["BVerwG 1 WB 13.11 Rn. 21"]),
      ("vom 30. Januar 2014 - 1 WB 1.13 - juris Rn. 32", "decision", ["BVerwG 1 WB 1.13 Rn. 32"])]),
    ("§ 6a SGB II (BT-Drs. 17/1555, S. 20) gilt.",
     [("§ 6a SGB II", "norm", ["SGB 2 § 6a"]), ("BT-Drs. 17/1555, S. 20", "paper", [])]),
    ("Begründung zu § 6a BT-Drs. 17/1555, S. 20",
     [("§ 6a", "norm", ["SGB 2 § 6a"]), ("BT-Drs. 17/1555, S. 20", "paper", [])]),
    ("BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R – zu § 22 SGB II; vgl. Rz. 12",
     [("BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R –", "decision", ["BSG B 4 AS 4/16 R"]),
      ("§ 22 SGB II", "norm", ["SGB 2 § 22"]), ("Rz. 12", "rz", ["sgb-2-48b Rz. 12"])]),
    ("Der BGH (VI ZR 123/21) und das LSG (L 7 AS 123/19) haben",
     [("BGH (VI ZR 123/21)", "decision", ["BGH VI ZR 123/21"]),
      ("LSG (L 7 AS 123/19)", "decision", ["LSG L 7 AS 123/19"])]),
    # the BGH is named shortly before, but an Aktenzeichen of the social courts is not the BGH's
    ("Der BGH hat entschieden (VI ZR 123/21); anders B 4 AS 4/16 R und das Urteil vom 1.2.2020 – B 4 AS 1/19 R.",
     [("VI ZR 123/21", "decision", ["BGH VI ZR 123/21"]),
      ("Urteil vom 1.2.2020 – B 4 AS 1/19 R", "decision", ["B 4 AS 1/19 R"])]),
    ("Das BSG hat am 12.10.2016 entschieden, B 4 AS 4/16 R; das LSG Berlin-Brandenburg anders.",
     [("B 4 AS 4/16 R", "decision", ["BSG B 4 AS 4/16 R"])]),
]


@pytest.mark.parametrize(("text", "expected"), DECISION_MULTI, ids=[m[0][:50] for m in DECISION_MULTI])
def test_decision_multi(text: str, expected: list[tuple[str, str, list[str]]]) -> None:
    cits = extract(text, CTX)
    assert [(c.text, str(c.kind), [t.key for t in c.targets]) for c in cits] == expected
