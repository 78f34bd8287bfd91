from assistant.intervals import around, severity, total
from assistant.numbers import parse_numbers


def values(text):
    return [(n.value, n.unit, n.decimals) for n in parse_numbers(text)]


def test_money_percent_and_counts_keep_printed_decimals():
    assert values("预算64.00万元，执行率为93.75%，办件7341件") == [(64.0, "万元", 2), (93.75, "%", 2), (7341.0, "件", 0)]


def test_years_dates_and_document_numbers_are_not_figures():
    text = "截至2023年12月31日，根据大府办函〔2018〕154号文件，2021年度支出5万元"
    assert values(text) == [(5.0, "万元", 0)]


def test_full_width_digits_and_thousands_separators():
    assert values("合计１２３.４万元，共1,234,567元") == [(123.4, "万元", 1), (1234567.0, "元", 0)]


def test_chinese_numerals_with_count_units():
    assert (1200000.0, "次", 0) in values("全年接听一百二十万次来电")
    assert (3.0, "个", 0) in values("设立三个专窗")


def test_bounds_and_approximations():
    numbers = parse_numbers("全年接电量>36000件，呼损率6%以内，满意度≥95%，办件2000余件")
    assert [n.bound for n in numbers] == [">", "<=", ">=", ""]
    assert numbers[-1].approx


def test_wan_prefixed_counts_scale_and_keep_their_rounding():
    """“3.6万余次” is 36000次 to the thousand; “17.11万人次” is rounded to the hundred, not to 0.01人次."""
    assert values("解决群众诉求3.6万余次") == [(36000.0, "次", -3)]
    [visits] = parse_numbers("门急诊128.69万人次")
    assert (visits.value, visits.decimals) == (1286900.0, -2)
    assert around(visits.value, visits.decimals).hi == 1286950.0


def test_interval_rules_follow_xbrl_and_the_one_unit_note():
    parts = [around(30.2, 1), around(21.5, 1), around(10.1, 1)]
    assert severity(total(parts), 61.8, 64, 0) == "error"
    assert severity(total([around(1.00, 2), around(2.00, 2)]), 3.00, 3.01, 2) is None
    assert severity(total([around(1.00, 2), around(2.00, 2)]), 3.00, 3.02, 2) == "error"
    exact = total([around(9.6, 4), around(90, 4)])
    assert severity(exact, 99.6, 99, 0) == "note"
