"""The inconsistencies found by hand in the bundled reports (evals/validator/seed_findings.md) are
all reported, at the lines where they stand, and the reports' consistent passages are not."""

from assistant.validation.validator import validate
from retrieval.loaders import load
from tests.conftest import CORPUS


def found(name):
    return {(f.location.line, f.kind, f.severity) for f in validate(load(CORPUS / name)).findings}


def test_final_accounts_seed_001():
    assert found("001_cbc299a9f93ac768.txt") == {
        (157, "sum", "error"),  # 社会保障和就业 类 50.26 ≠ its 项 41.88 + 2.1
        (163, "sum", "error"),  # 1634.34 ≠ the nine 项 listed (1627.98)
        (207, "conflict", "warning"),  # 公务用车购置及运行维护费 7.03 (line 199, a listed part) vs 7.02
        (231, "growth", "error"),  # 11.08 ÷ 85.21 = 13.00%, not 19.03%
        (235, "sum", "error"),  # 政府采购 19.32 + 0 + 223 ≠ 242.63
        (327, "unit", "error"),  # 项目支出1132.69元 among 万元
        (327, "year", "warning"),  # 2020年度 in the 2021 report
        (740, "conflict", "warning"),  # 政务云 项目经费 86 vs 987.49 (another section)
    }


def test_the_other_seeds():
    assert found("000_b78dd1c714552e70.txt") == set()
    assert found("002_dce46d5db60cb36d.txt") == set()
    assert found("003_f365b3f8e96fc52a.txt") == {(427, "score", "note")}  # 99 vs 9.6 + 50 + 30 + 10
    assert found("004_990a092f0fb6bf8b.txt") == {
        (71, "grade", "error"), (71, "score", "warning"),
        # 491 = 449 + 43 holds only if the whole-number parts are rounded: said as such, never an error
        (19, "sum", "note"), (47, "sum", "note"),
    }


def test_housing_class_against_its_item_is_reported_with_both_figures():
    findings = [f for f in validate(load(CORPUS / "001_cbc299a9f93ac768.txt")).findings if "住房保障" in f.message]
    assert findings and findings[0].stated == "38.43万元" and findings[0].expected == "38.34万元"
