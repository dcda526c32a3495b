"""Every spelling of a citation key, in one place.

A target's canonical key is its model property (``NormTarget.key`` "SGB 2 § 6a Abs. 2",
``RzTarget.key`` "sgb-2-48b Rz. 34a"). Around it:

* :func:`index_key` — the form both stores file and look up (lower case, single spaces, no commas);
* :func:`filed_keys` — every key an entry is found under, per citation: each target's ancestors
  (§ 6a Abs. 2 Satz 1 is also § 6a Abs. 2 and § 6a), the same without the law (a user's "§ 6a"
  means any law), and each Randnummer a run ("Rz. 33 ff.", "Rz. 10–12") covers, also as a user
  writes it ("sgb 2 § 48b rz. 34");
* :func:`decision_keys` — a court decision under each name it has: court and Aktenzeichen (its key), the
  Aktenzeichen alone (a user's "B 4 AS 4/16 R" means any court), its ECLI and its reporter reference, each
  also with the Randnummer cited ("bsg b 4 as 4/16 r rn. 23" is found under "bsg b 4 as 4/16 r");
* :func:`user_key` — what a user typed ("§ 6a SGB II", "SGB 2 § 6a Abs. 7", "§ 48b Rz. 34", "BSG B 4 AS 4/16 R
  Rn. 23", an ECLI) as the key to look up, through the one citation grammar (:func:`kb.citations.parse_query`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kb.citations.query import CitationQuery, parse_query
from kb.citations.runs import rz_run
from kb.model import Decision, DecisionTarget, Entry, NormTarget, RzNumber, RzTarget, Target

NO_LAW = "? "  # how NormTarget.key starts when the law is unknown


def index_key(key: str) -> str:
    """Index form of a key: lower case, single spaces, no commas (``"SGB 2 § 6a"`` → ``"sgb 2 § 6a"``)."""
    return " ".join(key.replace(",", " ").split()).lower()


def rz_key(law: str | None, paragraph: str, rz: str) -> str:
    """A Randnummer named by law and § as a user writes it: ``"sgb 2 § 48b rz. 34"`` (law optional)."""
    return index_key(f"{law + ' ' if law else ''}§ {paragraph} Rz. {rz}")


def bookless(target: NormTarget) -> NormTarget:
    """The same unit without its law: what "§ 6a Abs. 2" (no law given) names."""
    return NormTarget(None, target.number, target.marker, target.absatz, target.satz, target.halbsatz,
                      target.nummer, target.buchstabe, target.alternative)


def target_keys(target: Target, numbered: Mapping[str, Sequence[Entry]] | None = None) -> set[str]:
    """Index keys one target is filed under (see the module docstring).

    ``numbered``: each work's numbered entries in order; without it runs are filed as written only.
    """
    if isinstance(target, DecisionTarget):
        return decision_keys(target)
    keys = {index_key(k) for k in target.ancestor_keys}
    if isinstance(target, NormTarget):
        keys.update(index_key(k.removeprefix(NO_LAW)) for k in bookless(target).ancestor_keys)
    elif target.work and numbered is not None:
        in_work = numbered.get(target.work, ())
        run = rz_run(target, in_work) if (target.end or target.following) else (target.rz,)
        for label in run:
            keys.add(index_key(RzTarget(rz=label, work=target.work).key))
            if in_work:  # as a user writes it: "§ 48b Rz. 34 SGB II", "§ 48b Rz. 34"
                keys.add(rz_key(in_work[0].law, in_work[0].paragraph, label))
                keys.add(rz_key(None, in_work[0].paragraph, label))
    return keys


def decision_keys(target: DecisionTarget) -> set[str]:
    """Index keys of a decision citation: each name of the decision, and each with the Randnummer cited."""
    names = dict.fromkeys(n for n in (target.decision_key, target.docket, target.ecli, target.reporter) if n)
    keys = {index_key(name) for name in names}
    if target.rn:
        keys.update(index_key(f"{name} Rn. {target.rn}") for name in names)
    return keys


def filed_keys(entry: Entry, numbered: Mapping[str, Sequence[Entry]] | None = None) -> list[tuple[str, int]]:
    """(index key, citation index) for every key ``entry`` is cited-by-searchable under, sorted."""
    rows: set[tuple[str, int]] = set()
    for ci, citation in enumerate(entry.citations):
        for target in citation.targets:
            rows.update((key, ci) for key in target_keys(target, numbered))
    return sorted(rows)


def numbered_entries(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    """Each work's numbered entries, in the given (corpus) order: what :func:`filed_keys` resolves runs in."""
    out: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.rz is not None:
            out.setdefault(entry.work, []).append(entry)
    return out


def query_key(query: CitationQuery) -> str:
    """Index key of a parsed citation query: a decision, a Randnummer by law and §, else the norm (with its law
    if named)."""
    if query.decision is not None:
        return index_key(query.decision.key)
    if query.rz is not None:
        return rz_key(query.law, query.paragraph, RzNumber.parse(query.rz).label)
    target = query.target or NormTarget(query.law, query.paragraph)
    return index_key(target.key.removeprefix(NO_LAW))


def norm_key(text: str) -> str | None:
    """Index key of a norm a user wrote ("§ 6a Abs. 2" → ``"§ 6a abs. 2"``, "SGB II § 6a" → ``"sgb 2 § 6a"``);
    None when ``text`` is no norm citation."""
    query = parse_query(text)
    if query is None or query.rz is not None or query.decision is not None:
        return None
    return query_key(query)


def decision_names(decision: Decision) -> tuple[str, ...]:
    """Index keys a decision in the knowledge base answers to: court and Aktenzeichen, the Aktenzeichen alone
    (as a citation without its court names it), and its ECLI."""
    names = (DecisionTarget(court=decision.court, docket=decision.docket).decision_key, decision.docket, decision.ecli)
    return tuple(dict.fromkeys(index_key(n) for n in names if n))


def decision_probes(target: DecisionTarget) -> tuple[str, ...]:
    """Index keys to find a cited decision by, best first: court and Aktenzeichen, ECLI, the Aktenzeichen alone."""
    names = (target.decision_key if target.court and target.docket else None, target.ecli, target.docket)
    return tuple(dict.fromkeys(index_key(n) for n in names if n))


def user_key(text: str) -> str:
    """The key to look ``text`` up by: a norm or a decision as a user writes it ("§ 6a SGB II", "BSG B 4 AS 4/16 R
    Rn. 23", "B 4 AS 4/16 R", an ECLI), else ``text`` taken as a key already ("SGB 2 § 6a", "sgb-2-48b Rz. 34")."""
    query = parse_query(text)
    if query is None or query.rz is not None:
        return index_key(text)
    return query_key(query)


__all__ = ["bookless", "decision_keys", "decision_names", "decision_probes", "filed_keys", "index_key", "norm_key",
           "numbered_entries", "query_key", "rz_key", "target_keys", "user_key"]
