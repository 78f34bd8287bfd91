"""Every check is data plus one class: its id is in the catalogue with a description and a sentence
it passes and one it fails, and running the validator on those sentences does what the entry says."""

import pytest

from assistant.rules import load_rules
from assistant.validation.checks.base import catalogue
from assistant.validation.validator import CHECKS, validate

CHECK_IDS = sorted(catalogue())


def test_every_check_class_has_a_catalogue_entry_and_every_entry_a_check():
    ids = {check.id for check in CHECKS}
    assert ids <= set(CHECK_IDS)
    made_elsewhere = set(CHECK_IDS) - ids
    assert made_elsewhere == {"unit.part-in-yuan"}  # made by sum.parts when a 元 part explains the gap


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_check_fails_its_failing_example(check_id):
    entry = catalogue()[check_id]
    found = [f for f in validate(entry["fails"]).findings if f.check == check_id and f.severity != "note"]
    assert found, f"{check_id} did not flag: {entry['fails']}"
    assert all(f.kind == entry["kind"] for f in found)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in f.message) for f in found)


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_check_passes_its_passing_example(check_id):
    entry = catalogue()[check_id]
    report = validate(entry["passes"])
    assert [f for f in report.findings if f.severity != "note"] == []
    assert report.claims >= 1


def test_a_rule_set_can_turn_a_check_off(tmp_path):
    custom = tmp_path / "no-growth.yaml"
    custom.write_text(load_rules().model_dump_json(), encoding="utf-8")
    rules = load_rules(str(custom)).model_copy(update={"disabled_checks": ["growth.rate"]})
    text = catalogue()["growth.rate"]["fails"]
    assert any(f.check == "growth.rate" for f in validate(text).findings)
    assert not any(f.check == "growth.rate" for f in validate(text, rules).findings)
