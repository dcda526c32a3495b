"""What readers see instead of machine values: norms as lawyers write them, dates as German text writes them,
entity names; and the canonical norm key read back into its target."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.citations.label import date_label, entity_name, label, norm_label
from kb.model import ENTITY_LABEL_NAMES, EntityLabel, NormTarget


@pytest.mark.parametrize(("key", "spelled"), [
    ("SGB 2 § 48b Abs. 4", "§ 48b Abs. 4 SGB II"),
    ("SGB 2 § 6a Abs. 2 Satz 1 Nr. 4", "§ 6a Abs. 2 Satz 1 Nr. 4 SGB II"),
    ("SGB 12 § 35 Abs. 1 Satz 2", "§ 35 Abs. 1 Satz 2 SGB XII"),
    ("GG Art. 3 Abs. 1", "Art. 3 Abs. 1 GG"),
    ("SGB 5 § 20i Abs. 3 Satz 2 Nr. 1 Buchst. a", "§ 20i Abs. 3 Satz 2 Nr. 1 Buchst. a SGB V"),
    ("VwGO § 99 Abs. 1 Satz 3 Alt. 1", "§ 99 Abs. 1 Satz 3 Alt. 1 VwGO"),
    ("SGB 2 § 48b Satz 1 Halbsatz 2", "§ 48b Satz 1 Hs. 2 SGB II"),
    ("? § 6a Abs. 2", "§ 6a Abs. 2"),  # the law unknown: as the text cited it
])
def test_a_norm_key_is_spelled_as_lawyers_write_it(key: str, spelled: str) -> None:
    assert norm_label(key) == spelled
    target = NormTarget.from_key(key)
    assert target is not None and target.key == key and norm_label(target) == spelled == label(target)


@pytest.mark.parametrize("text", ["", "Landkreis Göttingen", "SGB 2 § 48b; SGB 2 § 6a", "§ 48b Abs. 4 SGB II",
                                  "sgb-2-48b Rz. 34a", "BSG B 4 AS 4/16 R"])
def test_what_is_no_norm_key_is_left_as_it_is(text: str) -> None:
    assert NormTarget.from_key(text) is None
    assert norm_label(text) == text


_UNIT = st.text(alphabet="0123456789abc", min_size=1, max_size=3)


@given(law=st.sampled_from(["SGB 2", "SGB 12", "GG", "BGB", "EU-DSGVO", "SGB 10"]), number=_UNIT,
       marker=st.sampled_from(["§", "Art."]), absatz=st.none() | _UNIT, satz=st.none() | _UNIT,
       nummer=st.none() | _UNIT, buchstabe=st.none() | st.sampled_from(["a", "b", "aa"]))
def test_every_key_reads_back_into_its_target(law: str, number: str, marker: str, absatz: str | None,
                                              satz: str | None, nummer: str | None, buchstabe: str | None) -> None:
    target = NormTarget(law, number, marker, absatz=absatz, satz=satz, nummer=nummer, buchstabe=buchstabe)
    assert NormTarget.from_key(target.key) == target


@pytest.mark.parametrize(("value", "shown"), [
    ("2024-01-01", "1. Januar 2024"),
    ("2023-12-31", "31. Dezember 2023"),
    ("--01-01", "1. Januar"),  # a day without its year ("zum 1. Januar")
    ("--03-31", "31. März"),
    ("2024-05", "Mai 2024"),
    ("2023/2025", "2023 bis 2025"),
    ("2024", "2024"),
    ("6 Monate", "6 Monate"),
    ("1 Kalendermonat", "1 Kalendermonat"),
    ("2024-13-01", "2024-13-01"),  # no such month: shown as it is rather than guessed
])
def test_dates_are_shown_as_german_text_writes_them(value: str, shown: str) -> None:
    assert date_label(value) == shown


def test_entity_names_replace_machine_values_only() -> None:
    assert entity_name(EntityLabel.DATUM, "--01-01") == "1. Januar"
    assert entity_name("ZEITRAUM", "2024-05") == "Mai 2024"
    assert entity_name(EntityLabel.GESETZ, "SGB 2") == "SGB II"
    assert entity_name(EntityLabel.GESETZ, "Sozialgesetzbuch") == "Sozialgesetzbuch"
    assert entity_name(EntityLabel.ORT, "Landkreis Göttingen") == "Landkreis Göttingen"
    assert entity_name(EntityLabel.TRAEGER, "2024-01-01") == "2024-01-01"  # only dates are dates


def test_every_entity_kind_has_a_german_name_and_none_is_its_code() -> None:
    assert set(ENTITY_LABEL_NAMES) == set(EntityLabel)
    for code, (singular, plural) in ENTITY_LABEL_NAMES.items():
        assert singular and plural and code.value not in (singular, plural)
        assert singular[0].isupper() and plural[0].isupper()
