"""Court decisions and parliamentary papers through every stage: find (what a target carries), resolve and link
(no external URL), keys and queries (how a user finds a decision), label and annotate."""

from __future__ import annotations

import pytest

from kb.citations import CitationQuery, Context, annotate, extract, find, label, link, parse_query, resolve
from kb.citations.keys import decision_keys, filed_keys, norm_key, query_key, target_keys, user_key
from kb.citations.resolve import external_url
from kb.model import Citation, CitationKind, DecisionTarget, Entry, NormTarget, RzTarget, Target, decision_slug

CTX = Context("SGB 2", "48b", "sgb-2-48b")
BSG = DecisionTarget("BSG", "B 4 AS 4/16 R", "2016-10-12", "Urteil", rn="23")


# ---------------------------------------------------------------------------- find: what a target carries


@pytest.mark.parametrize(("text", "target"), [
    ("BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R –, Rn. 23", BSG),
    ("BSG, Urt. v. 12.10.2016 - B 4 AS 4/16 R - juris Rn. 23", BSG),
    ("BVerwG, Beschluss vom 5. April 2024 - 1 B 15.24 -",
     DecisionTarget("BVerwG", "1 B 15.24", "2024-04-05", "Beschluss")),
    ("BAG 30. Januar 2024 - 1 AZR 62/23 - Rn. 12", DecisionTarget("BAG", "1 AZR 62/23", "2024-01-30", rn="12")),
    ("Bundessozialgericht, Gerichtsbescheid vom 1.2.2020 – B  4   AS 1/19 R",
     DecisionTarget("BSG", "B 4 AS 1/19 R", "2020-02-01", "Gerichtsbescheid")),
    ("BVerfG, Vorlagebeschluss vom 1.2.2020 – 1 BvL 1/20", DecisionTarget("BVerfG", "1 BvL 1/20", "2020-02-01",
                                                                          "Vorlagebeschluss")),
    ("BVerwG, Beschlüsse vom 26. Juli 2011 - 1 WB 13.11", DecisionTarget("BVerwG", "1 WB 13.11", "2011-07-26",
                                                                         "Beschluss")),
    ("ECLI:DE:BVerwG:2024:140224U11A7.23.0", DecisionTarget("BVerwG", ecli="ECLI:DE:BVerwG:2024:140224U11A7.23.0")),
    ("BVerfGE 125, 175 <Rn. 12>", DecisionTarget(reporter="BVerfGE 125, 175", rn="12")),
    ("BVerfG, NJW 2007, 3771, 3772 f.", DecisionTarget("BVerfG", reporter="NJW 2007, 3771")),
    ("BSG, Urteil vom 12.10.2016, B 4 AS 4/16 R, BSGE 122, 1, Rn. 23",
     DecisionTarget("BSG", "B 4 AS 4/16 R", "2016-10-12", "Urteil", reporter="BSGE 122, 1", rn="23")),
    ("LSG Berlin-Brandenburg, Beschluss vom 1.2.2020 - L 7 AS 123/19 B ER",
     DecisionTarget("LSG Berlin-Brandenburg", "L 7 AS 123/19 B ER", "2020-02-01", "Beschluss")),
])
def test_decision_target_fields(text: str, target: DecisionTarget) -> None:
    (c,) = find(text)
    assert c.kind is CitationKind.DECISION
    assert c.targets == (target,)
    assert c.law is None and c.url is None


def test_a_docket_takes_the_court_named_shortly_before_only_if_it_can_be_its() -> None:
    (c,) = find("Das BSG hat entschieden (B 4 AS 4/16 R).")
    assert c.targets == (DecisionTarget("BSG", "B 4 AS 4/16 R"),)
    # a frame makes a docket a citation even without a court; a court that cannot be its is not taken
    (c,) = find("Der BGH hat es anders gesehen als im Urteil vom 1.2.2020 – B 4 AS 1/19 R.")
    assert c.targets == (DecisionTarget(None, "B 4 AS 1/19 R", "2020-02-01", "Urteil"),)
    assert find("Der BGH hat es anders gesehen (B 4 AS 1/19 R).") == ()
    # too far back, or in another paragraph: no court, no citation
    assert find("Das BSG hat entschieden.\n\nDas Verfahren B 4 AS 4/16 R ruht.") == ()


def test_decisions_never_become_norms() -> None:
    for text in ("1 BvL 7/16", "BVerfG 1 BvL 7/16 Rn. 1", "SozR 4-4200 § 22 Nr 5",
                 "BVerwG, Urteil vom 13. September 2011 - 2 WD 15.10 - Buchholz 450.2 § 38 WDO 2002 Nr. 33 Rn. 60",
                 "BT-Drs. 17/1555, S. 20", "BSGE 44, 292, 293 Rn. 12"):
        assert all(c.kind in (CitationKind.DECISION, CitationKind.PAPER) for c in extract(text, CTX)), text


# ---------------------------------------------------------------------------- resolve, link


def test_resolve_leaves_decisions_and_papers_alone_and_keeps_norm_urls() -> None:
    text = "BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R –, Rn. 23 zu § 22 SGB II; BT-Drs. 17/1555, S. 20"
    decision, norm, paper = extract(text, CTX)
    assert decision.targets == (BSG,) and decision.url is None and decision.law is None
    assert norm.url == "https://www.gesetze-im-internet.de/sgb_2/__22.html"
    assert paper.kind is CitationKind.PAPER and paper.targets == () and paper.url is None
    assert resolve(find(text), CTX) == extract(text, CTX)
    assert external_url(BSG) is None


def test_link_asks_url_for_about_decisions_and_leaves_unknown_ones_without_url() -> None:
    cits = extract("BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R –, Rn. 23", CTX)

    def url_for(t: Target) -> str | None:
        if isinstance(t, DecisionTarget) and (t.court, t.docket) == ("BSG", "B 4 AS 4/16 R"):
            return f"/k/{decision_slug('BSG', 'B 4 AS 4/16 R')}/rn-{t.rn}"
        return None

    assert [c.url for c in link(cits, url_for)] == ["/k/bsg-b-4-as-4-16-r/rn-23"]
    assert [c.url for c in link(cits, lambda t: None)] == [None]


def test_a_decisions_own_randnummern_resolve_in_its_work() -> None:
    slug = decision_slug("BVerwG", "11 A 7.23")
    (c,) = extract("Wie oben (Rn. 12) ausgeführt, gilt das.", Context(work=slug))
    assert c.kind is CitationKind.RZ and c.targets == (RzTarget("12", slug),)
    linked = link((c,), lambda t: f"/k/{slug}/rn-12" if isinstance(t, RzTarget) and t.work == slug else None)
    assert linked[0].url == "/k/bverwg-11-a-7-23/rn-12"


# ---------------------------------------------------------------------------- keys and queries


def test_a_decision_is_filed_under_each_of_its_names() -> None:
    assert decision_keys(BSG) == {"bsg b 4 as 4/16 r", "bsg b 4 as 4/16 r rn. 23", "b 4 as 4/16 r",
                                  "b 4 as 4/16 r rn. 23"}
    both = DecisionTarget("BSG", "B 4 AS 4/16 R", ecli="ECLI:DE:BSG:2016:121016UB4AS416R0", reporter="BSGE 122, 1")
    assert target_keys(both) == {"bsg b 4 as 4/16 r", "b 4 as 4/16 r", "ecli:de:bsg:2016:121016ub4as416r0",
                                 "bsge 122 1"}
    # "who cites BSG B 4 AS 4/16 R?" finds the citation of its Rn. 23; the work the build sets changes nothing
    work = DecisionTarget("BSG", "B 4 AS 4/16 R", rn="23", work="bsg-b-4-as-4-16-r")
    assert user_key("BSG B 4 AS 4/16 R") in target_keys(work, {"bsg-b-4-as-4-16-r": []})
    entry = Entry("e/rz-1", "e", "SGB 2", "48b", 0, "x", citations=(
        Citation(CitationKind.DECISION, 0, 1, "x", (BSG,)),))
    assert ("bsg b 4 as 4/16 r", 0) in filed_keys(entry)


@pytest.mark.parametrize(("query", "key", "decision"), [
    ("BSG B 4 AS 4/16 R", "bsg b 4 as 4/16 r", DecisionTarget("BSG", "B 4 AS 4/16 R")),
    ("BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R, Rn. 23", "bsg b 4 as 4/16 r rn. 23", BSG),
    ("B 4 AS 4/16 R Rn. 23", "b 4 as 4/16 r rn. 23", DecisionTarget(docket="B 4 AS 4/16 R", rn="23")),
    ("1 BvL 7/16", "1 bvl 7/16", DecisionTarget(docket="1 BvL 7/16")),
    ("ECLI:DE:BSG:2016:121016UB4AS416R0", "ecli:de:bsg:2016:121016ub4as416r0",
     DecisionTarget("BSG", ecli="ECLI:DE:BSG:2016:121016UB4AS416R0")),
    ("BVerfGE 125, 175", "bverfge 125 175", DecisionTarget(reporter="BVerfGE 125, 175")),
])
def test_a_user_types_a_decision(query: str, key: str, decision: DecisionTarget) -> None:
    q = parse_query(query)
    assert isinstance(q, CitationQuery)
    assert (q.decision, q.law, q.paragraph, q.rz, q.target, q.text) == (decision, None, "", None, None, query)
    assert query_key(q) == user_key(query) == key
    assert norm_key(query) is None
    assert q.to_dict()["decision"] == decision.to_dict()


def test_norm_queries_are_unchanged() -> None:
    q = parse_query("§ 48b Abs. 4 SGB II")
    assert q is not None and q.decision is None and q.to_dict()["decision"] is None
    assert user_key("§ 6a SGB II") == "sgb 2 § 6a" and user_key("§ 48b Rz. 34") == "§ 48b rz. 34"
    assert parse_query("BSG B 4 AS 4/16 R und § 6a SGB II") is None  # two citations: no single target


# ---------------------------------------------------------------------------- label, annotate


@pytest.mark.parametrize(("target", "expected"), [
    (BSG, "BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R, Rn. 23"),
    (DecisionTarget("BSG", "B 4 AS 4/16 R"), "BSG B 4 AS 4/16 R"),
    (DecisionTarget("BAG", "1 AZR 62/23", "2024-01-30", rn="12"), "BAG vom 30.01.2024 – 1 AZR 62/23, Rn. 12"),
    (DecisionTarget("BSG", "B 4 AS 4/16 R", "2016-10-12", "Urteil", reporter="BSGE 122, 1"),
     "BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R, BSGE 122, 1"),
    (DecisionTarget(reporter="BVerfGE 125, 175", rn="12"), "BVerfGE 125, 175, Rn. 12"),
    (DecisionTarget("BVerfG", reporter="NJW 2007, 3771"), "BVerfG, NJW 2007, 3771"),
    (DecisionTarget("BSG", ecli="ECLI:DE:BSG:2016:121016UB4AS416R0"), "ECLI:DE:BSG:2016:121016UB4AS416R0"),
    (DecisionTarget(docket="B 1 KR 2/20 R", date="2020-02-01", doctype="Vorlagebeschluss"),
     "Vorlagebeschluss vom 01.02.2020 – B 1 KR 2/20 R"),
])
def test_label_of_a_decision(target: DecisionTarget, expected: str) -> None:
    assert label(target) == expected


def test_annotate_marks_decisions_and_papers() -> None:
    text = "Vgl. BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R –, Rn. 23 & BT-Drs. 17/1555, S. 20."
    html = annotate(text, extract(text, CTX), url_for=lambda t: "/k/bsg-b-4-as-4-16-r/rn-23"
                    if isinstance(t, DecisionTarget) else None)
    assert ('<a href="/k/bsg-b-4-as-4-16-r/rn-23" class="cite" data-kind="decision" '
            'data-target="BSG B 4 AS 4/16 R Rn. 23" title="BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R, Rn. 23">'
            "BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R –, Rn. 23</a>") in html
    # a paper has no address: marked as a citation, but no <a> (an <a> without href is no link)
    assert '<span class="cite" data-kind="paper">BT-Drs. 17/1555, S. 20</span>' in html
    assert "<a " not in html.split("&amp;", 1)[1]
    assert " &amp; " in html
    plain = annotate(text, extract(text, CTX))
    assert plain.count("href=") == 0  # an unknown decision has no URL


def test_norm_targets_are_not_touched() -> None:
    (c,) = extract("§ 6a SGB II", CTX)
    assert c.targets == (NormTarget("SGB 2", "6a"),)
