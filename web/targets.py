"""Turn what a user typed ("§ 6a SGB II", "SGB 2 § 6a Abs. 2", "§ 48b Rz. 34a") into a backlink target key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kb import laws
from kb.model import NormTarget, RzTarget

if TYPE_CHECKING:
    from kb.store import KnowledgeBase


def target_key(kb: KnowledgeBase, text: str) -> str | None:
    """The canonical key ``kb.cited_by`` understands, or None when ``text`` names nothing citable.

    Norms give their :attr:`NormTarget.key` ("SGB 2 § 6a Abs. 2"); Randnummern need the knowledge base
    to know which commentary is meant and give :attr:`RzTarget.key` ("sgb-2-48b Rz. 34a").
    """
    from kb.citations import Context, extract, parse_query

    text = text.strip()
    if not text:
        return None
    query = parse_query(text)
    if query is not None:
        if query.rz:
            found = kb.lookup(text).entry
            if found is not None and found.rz is not None:
                return RzTarget(rz=found.rz.label, work=found.work).key
            return None
        if query.target is not None and query.target.law:
            return query.target.key
        if query.law and query.paragraph:
            return NormTarget(law=query.law, number=query.paragraph).key
    for citation in extract(text, Context(None, None, None)):
        for target in citation.targets:
            if isinstance(target, NormTarget) and target.law:
                return target.key
            if isinstance(target, RzTarget) and target.work:
                return target.key
    # Already a canonical key ("SGB 2 § 6a Abs. 2", "sgb-2-48b Rz. 34a")?
    head = text.split(" § ", 1)[0].split(" Art. ", 1)[0]
    if laws.lookup(head) is not None or " Rz. " in text:
        return text
    return None
