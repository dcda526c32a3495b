"""rz_run: which Randnummern "Rz. 12 f.", "Rz. 12 ff." and "Rz. 10–12" cover in a work."""

from __future__ import annotations

import pytest

from kb.citations import rz_run
from kb.model import Entry, RzNumber, RzTarget, entry_id


def work(*labels: str, headings: dict[str, tuple[str, ...]] | None = None) -> list[Entry]:
    return [Entry(id=entry_id("w", RzNumber(label)), work="w", law="SGB 2", paragraph="1", position=i,
                  text="…", rz=RzNumber(label), headings=(headings or {}).get(label, ()))
            for i, label in enumerate(labels)]


ENTRIES = work("10", "11", "12", "12a", "13", "14")


@pytest.mark.parametrize(("target", "covered"), [
    (RzTarget("12", "w"), ("12",)),
    (RzTarget("12", "w", following="f."), ("12", "12a")),
    (RzTarget("12", "w", following="ff."), ("12", "12a", "13", "14")),
    (RzTarget("11", "w", end="13"), ("11", "12", "12a", "13")),
    (RzTarget("14", "w", following="f."), ("14",)),  # nothing follows: the run is just its start
    (RzTarget("99", "w", following="ff."), ()),  # unknown start covers nothing
    (RzTarget("12A", "w"), ("12a",)),  # labels are normalised
])
def test_runs(target: RzTarget, covered: tuple[str, ...]) -> None:
    assert rz_run(target, ENTRIES) == covered


def test_ff_stops_at_the_next_outline_section() -> None:
    sectioned = work("1", "2", "3", "4", headings={"1": ("A.",), "2": ("A.",), "3": ("B.",), "4": ("B.",)})
    assert rz_run(RzTarget("1", "w", following="ff."), sectioned) == ("1", "2")
