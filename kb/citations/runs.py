"""Which Randnummern a run like "Rz. 12 f.", "Rz. 12 ff." or "Rz. 10–12" covers in a given work.

Resolution against the knowledge base rather than the text: the answer depends on which
Randnummern the work actually has, in its order.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.model import Entry, RzNumber, RzTarget


def rz_run(target: RzTarget, entries: Sequence[Entry]) -> tuple[str, ...]:
    """Labels of the Randnummern ``target`` covers among ``entries`` (one work, in order).

    "Rz. 12" → 12; "Rz. 12 f." → 12 and the next one; "Rz. 10–12" → 10 up to 12 inclusive;
    "Rz. 12 ff." → 12 and every following Randnummer under the same outline heading (the
    discussion "ff." points into), or to the end of the work when it has no headings.
    Unknown start → nothing.
    """
    numbered = [e for e in entries if e.rz is not None]
    try:
        first = RzNumber.parse(target.rz)
    except ValueError:
        return ()
    start = next((i for i, e in enumerate(numbered) if e.rz == first), None)
    if start is None:
        return ()
    if target.end:
        try:
            last = RzNumber.parse(target.end)
        except ValueError:
            return (first.label,)
        run = [e for e in numbered[start:] if e.rz <= last]  # type: ignore[operator]
    elif target.following == "f.":
        run = numbered[start:start + 2]
    elif target.following == "ff.":
        section = numbered[start].headings
        run = [numbered[start]]
        for e in numbered[start + 1:]:
            if e.headings != section:
                break
            run.append(e)
    else:
        run = [numbered[start]]
    return tuple(dict.fromkeys(e.rz.label for e in run if e.rz))
