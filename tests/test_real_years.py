"""Years in comparisons, from real 2026 单位预算情况说明 (dev documents r146, r162): a comparison with
the year before last whose change is elsewhere the change against last year is last year's
template, not updated; a comparison with an earlier year on its own is a real one."""

from assistant.validation.validator import validate

R162 = ("重庆市沙坪坝区磁器口社区卫生服务中心2026年部门预算情况说明\n"
        "(一)收入预算:2026年年初预算数1801.7万元,其中:一般公共预算拨款251.7万元。事业收入1550万元。"
        "收入较去年增加232.36万元,主要是一般公共预算拨款收入增加37.52万元,事业收入增加194.84万元。\n"
        "2026年一般公共预算财政拨款收入251.7万元,一般公共预算财政拨款支出251.7万元,比2024年增加37.52万元。")


def comparison_years(text):
    return [(f.stated, f.expected, f.severity) for f in validate(text).findings if f.check == "year.comparison"]


def test_a_stale_comparison_year_is_reported_with_last_year_expected():
    assert comparison_years(R162) == [("2024年", "2025年", "warning")]


def test_the_finding_quotes_the_comparison_and_names_the_other_statement():
    finding = next(f for f in validate(R162).findings if f.check == "year.comparison")
    assert "比2024年增加37.52万元" in finding.quote
    assert "第2行是与上年（2025年）比较" in finding.message


def test_the_comparison_with_last_year_is_not_reported():
    assert comparison_years(R162.replace("比2024年", "比2025年")) == []


def test_a_comparison_with_an_earlier_year_stated_once_is_not_reported():
    """Without the same change against last year, a two-year comparison may be meant."""
    assert comparison_years(R162.replace("增加37.52万元,事业收入", "增加36.52万元,事业收入")) == []


def test_a_part_of_a_change_list_counts_as_a_comparison_with_last_year():
    """r146: “收入较2025年增加18.23万元,主要是一般公共预算拨款增加54.23万元” — the part has no words of its own."""
    text = ("2026年部门预算情况说明\n"
            "收入较2025年增加18.23万元,主要是一般公共预算拨款增加54.23万元,财政专户管理资金收入减少36万元。\n"
            "2026年一般公共预算财政拨款收入2332.91万元,一般公共预算财政拨款支出2332.91万元,比2024年减少54.23万元。")
    assert comparison_years(text) == [("2024年", "2025年", "warning")]
