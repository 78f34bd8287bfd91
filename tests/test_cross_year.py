"""The cross-year check: a unit's 上年数 in this year's report against the figure its own previous
report states, within a batch and against the corpus. The pair is built from a real published
report (r216, 罗湖区审计局 2024) and the same text moved back a year."""

import re
from pathlib import Path

import pytest
import yaml

from assistant.batch import ReportInput, check_reports
from assistant.rules import RULES_DIR
from assistant.validation.cross_year import compare, read_year_facts
from retrieval.chunking import chunk_document
from retrieval.loaders import load_text
from tests.conftest import ROOT

THIS_YEAR = (ROOT / "evals" / "validator" / "real" / "docs" / "r216.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
UNIT = "罗湖区审计局"
TOTAL_2024 = "支出决算为2.02万元"  # the first figure: 三公经费 in total, 0.33 less than last year


def last_year(total: str = "2.35万元", text: str = THIS_YEAR) -> str:
    """The 2023 report: the 2024 text a year earlier, its figures last year's (2.02 + 0.33 = 2.35), the
    total stated as `total`."""
    moved = text.replace("2024", "2023").replace("2025", "2024").replace("2.02万元", "2.35万元")
    return moved.replace("支出决算为2.35万元", f"支出决算为{total}", 1)


def cross_year(results):
    return [(r.source, f) for r in results for f in r.findings if f.kind == "cross-year"]


def write(folder: Path, files: dict[str, str]) -> list[ReportInput]:
    folder.mkdir(exist_ok=True)
    inputs = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        inputs.append(ReportInput(name, folder / name))
    return inputs


def test_agreeing_reports_say_nothing(tmp_path):
    results = check_reports(write(tmp_path, {"2024.txt": THIS_YEAR, "2023.txt": last_year()}))
    assert [(r.unit, r.year) for r in results] == [(UNIT, 2024), (UNIT, 2023)]
    assert cross_year(results) == []
    alone = check_reports(write(tmp_path / "alone", {"2024.txt": THIS_YEAR}))[0]
    assert results[0].claims == alone.claims + 6  # 三公 total, its three parts, car purchase and running


def test_a_changed_prior_year_figure_is_an_error_quoting_both(tmp_path):
    results = check_reports(write(tmp_path, {"2024.txt": THIS_YEAR, "2023.txt": last_year("2.53万元")}))
    [(source, finding)] = cross_year(results)
    assert source == "2024.txt" and finding.severity == "error" and finding.check == "cross-year"
    assert (finding.stated, finding.expected) == ("2.35万元", "2.53万元")
    assert "比上年决算数减少0.33万元" in finding.quote and finding.quote in THIS_YEAR
    assert "2023.txt（2023年度）写作2.53万元" in finding.message
    assert "2023年度“三公”经费财政拨款支出决算为2.53万元" in finding.message  # the other report's words
    assert finding.location.line == next(n for n, line in enumerate(THIS_YEAR.split("\n"), start=1) if TOTAL_2024 in line)
    assert results[0].as_json()["findings"][-1]["kind"] == "cross-year"


def test_against_the_corpus(store, tmp_path):
    store.add(chunk_document(load_text(last_year("2.53万元"), "审计局2023年度三公经费.txt")))
    [result] = check_reports(write(tmp_path, {"2024.txt": THIS_YEAR}), corpus_store=store)
    [(_, finding)] = cross_year([result])
    assert finding.severity == "error" and "审计局2023年度三公经费.txt（2023年度）" in finding.message


def test_ambiguous_matches_say_nothing(tmp_path):
    two_previous = {"2024.txt": THIS_YEAR, "2023a.txt": last_year("2.53万元"), "2023b.txt": last_year()}
    assert cross_year(check_reports(write(tmp_path / "a", two_previous))) == []  # which one is right?
    other_unit = last_year("2.53万元").replace(UNIT, "罗湖区统计局")
    assert cross_year(check_reports(write(tmp_path / "b", {"2024.txt": THIS_YEAR, "2023.txt": other_unit}))) == []
    two_years_back = last_year("2.53万元").replace("2023", "2022")
    assert cross_year(check_reports(write(tmp_path / "c", {"2024.txt": THIS_YEAR, "2022.txt": two_years_back}))) == []


def test_a_restated_report_gets_a_warning(tmp_path):
    restated = THIS_YEAR + "\n注：因会计科目口径调整，上年数已按本年口径重新列示。"
    results = check_reports(write(tmp_path, {"2024.txt": restated, "2023.txt": last_year("2.53万元")}))
    [(_, finding)] = cross_year(results)
    assert finding.severity == "warning" and "口径调整" in finding.message


def test_rounding_decides(tmp_path):
    """2.02 + 0.33 is 2.34 to 2.36 once both are read as rounded: 2.36 holds, 2.37 does not."""
    within = check_reports(write(tmp_path / "a", {"2024.txt": THIS_YEAR, "2023.txt": last_year("2.36万元")}))
    assert cross_year(within) == []
    beyond = check_reports(write(tmp_path / "b", {"2024.txt": THIS_YEAR, "2023.txt": last_year("2.37万元")}))
    assert [f.severity for _, f in cross_year(beyond)] == ["error"]


def test_the_check_can_be_turned_off(tmp_path):
    from assistant.rules import load_rules

    rules = load_rules().model_copy(update={"disabled_checks": ["cross-year"]})
    results = check_reports(write(tmp_path, {"2024.txt": THIS_YEAR, "2023.txt": last_year("2.53万元")}), rules)
    assert cross_year(results) == []


ITEMS = yaml.safe_load((RULES_DIR / "cross_year.yaml").read_text(encoding="utf-8"))["items"]


@pytest.mark.parametrize("item", ITEMS, ids=[i["id"] for i in ITEMS])
def test_every_item_reads_its_example_and_catches_a_changed_figure(item):
    this_text, last_text = item["example"]["this_year"], item["example"]["last_year"]
    year = int(this_text[:4])
    title = f"{UNIT}{{}}年度部门决算情况说明\n"

    def facts(text: str, at: int):
        return read_year_facts(load_text(title.format(at) + text, f"{at}.txt"), UNIT, at)

    this, previous = facts(this_text, year), facts(last_text, year - 1)
    assert list(this.last_year) == [item["id"]] and list(previous.own_year) == [item["id"]]
    assert compare(this, [previous]) == (1, [])
    figure = re.search(r"\d+(?:\.\d+)?(?=万元。$)", last_text)
    changed = last_text[: figure.start()] + f"{float(figure.group()) + 10:.2f}" + last_text[figure.end() :]
    claims, [finding] = compare(this, [facts(changed, year - 1)])
    assert finding.severity == "error" and item["name"] in finding.message


def test_a_unit_every_county_has_matches_nothing(tmp_path):
    generic = {"2024.txt": THIS_YEAR.replace(UNIT, "区审计局"), "2023.txt": last_year("2.53万元").replace(UNIT, "区审计局")}
    results = check_reports(write(tmp_path, generic))
    assert [r.unit for r in results] == ["区审计局", "区审计局"] and cross_year(results) == []


def test_the_word_lists_match_their_examples():
    raw = yaml.safe_load((RULES_DIR / "cross_year.yaml").read_text(encoding="utf-8"))
    restated = THIS_YEAR + "\n" + raw["restated_example"]
    assert read_year_facts(load_text(restated), UNIT, 2024).restated
    assert not read_year_facts(load_text(THIS_YEAR), UNIT, 2024).restated
    half_year = f"{UNIT}2024年1-6月“三公”经费支出情况\n{raw['other_bases_example']}"
    assert read_year_facts(load_text(half_year), UNIT, 2024).last_year == {}  # 上年同期 is not last year
    assert re.match(raw["generic_unit"], raw["generic_unit_example"]) and not re.match(raw["generic_unit"], UNIT)
