"""Lists read from real reports: breakdowns nested in a part, balances, paired lists. Each test is
made from the real sentence and names the dev document or scratch page it was read in."""

from assistant.validation.validator import validate


def errors(text, check):
    return [f for f in validate(text).findings if f.check == check and f.severity == "error"]


def reported(text, check):
    """Findings of every severity: a list right after a change (“减少42万元。其中：…”) may list the
    change's parts, so its sum is only ever a note."""
    return [f for f in validate(text).findings if f.check == check]


def sums_after_slip(text, figure, slip):
    """The sum findings once `figure` of a real sentence that holds is misprinted as `slip`; the
    sentence as published must give no sum error."""
    assert errors(text, "sum.parts") == []
    return reported(text.replace(figure, slip), "sum.parts")


def test_a_part_of_one_list_totals_its_own_bracketed_list():
    """r218: “公务用车购置及运行维护费21万元(公务用车购置费0万元、公务用车运行维护费21万元)” is a part
    of the 三公 total and the total of the two items in its bracket."""
    text = ("2020年度“三公”经费41万元,其中:因公出国(境)费0万元,公务用车购置及运行维护费21万元"
            "(公务用车购置费0万元、公务用车运行维护费21万元),公务接待费20万元。")
    found = sums_after_slip(text, "运行维护费21万元)", "运行维护费12万元)")
    assert [(f.stated, f.expected) for f in found if f.severity == "error"] == [("21万元", "12万元")]


def test_a_bracketed_list_inside_a_part_does_not_end_the_outer_list():
    """r213: the car item's own “(其中:…)” opens a “；” group of its own, yet the outer list of the
    三公 total goes on through it: 90 + 980 + 2066 = 3136."""
    text = ("2021年市本级部门使用财政拨款安排“三公”经费预算总额为3136万元,较2020年的3178万元减少42万元,下降1.32%。"
            "其中:因公出国(境)经费90万元,与上年持平;公务接待费980万元,减少30万元,下降2.97%;"
            "公务用车购置及运行维护费2066万元(其中:公务用车运行维护费1920万元,公务车购置经费146万元),减少12万元,下降0.58%。")
    found = sums_after_slip(text, "接待费980万元", "接待费890万元")
    assert [(f.stated, f.expected) for f in found] == [("3136万元", "3046万元")]


def test_a_list_bracketed_after_a_growth_rate_breaks_down_the_figure_not_the_change():
    """r710: “…较预算数898万元增加114万元,增长13%(其中:公务用车购置费209万元…;公务用车运行维护费803万元…)”
    lists the parts of the 1012万元, not of the 114万元 increase."""
    text = ("公务用车购置及运行维护费为1012万元,较上年1024万元减少12万元,下降1%,较预算数898万元增加114万元,增长13%"
            "(其中:公务用车购置费209万元,较上年251万元减少42万元,下降17%;公务用车运行维护费803万元,较上年773万元增加30万元,增长4%)。")
    found = sums_after_slip(text, "运行维护费803万元", "运行维护费830万元")
    assert [(f.stated, f.expected) for f in found] == [("1012万元", "1039万元")]


def test_items_listed_after_fen_xiang_qing_kuang_break_down_the_total_before():
    """r510: “…决算总额2771万元,比上年下降1.8%。分项情况是:…经费决算120万元…;公务接待费决算1033万元…;
    公务用车购置及运行费决算1618万元,…,其中:…” — the car item keeps its own list and stays a part."""
    text = ("2018年“三公”经费决算总额2771万元,比上年下降1.8%。分项情况是:因公出国(境)经费决算120万元,比上年增长79.1%;"
            "公务接待费决算1033万元,与上年下降7.6%;公务用车购置及运行费决算1618万元,比上年下降1.2%,其中:"
            "公务用车购置费决算414万元,比上年增长7.5%;公务用车运行费决算1204万元,与上年下降3.9%。")
    found = sums_after_slip(text, "接待费决算1033万元", "接待费决算1303万元")
    assert [f.stated for f in found] == ["2771万元"]


def test_standard_items_after_a_closing_qi_zhong_are_all_parts_however_the_lines_run():
    """r707: “其中:” closes the sentence; the 公务接待费 and the car item then share one line."""
    text = ("2021年红河县本级“三公”经费决算数为1,115.07万元,比2020年减少166.4万元,减少12.99%。其中:\n"
            "因公出国(境)费为0万元,比2020年减少0万元,未发生增减变动。\n"
            "公务接待费为111.43万元,比2020年减少130.42万元,下降53.92%;公务用车购置及运行维护费为1,003.64万元,"
            "比2020年减少35.99万元,减少3.46%。")
    found = sums_after_slip(text, "1,003.64万元", "1,030.64万元")
    assert [f.stated for f in found] == ["1,115.07万元"]


def test_the_car_items_listed_on_the_lines_after_qi_zhong_must_add_up():
    """r066 (a real error): 购置及运行维护费4.02万元 whose 购置 and 运行维护 lines both print 0万元."""
    text = ("2.公务用车购置及运行维护费支出4.02万元。其中:\n"
            "公务用车购置支出0万元,购置车辆0辆。本单位2023年度无此项支出。\n"
            "公务用车运行维护支出0万元,开支一般公共预算财政拨款的公务用车保有量为7辆。")
    assert [(f.stated, f.expected) for f in errors(text, "sum.parts")] == [("4.02万元", "0.00万元")]
    assert errors(text.replace("运行维护支出0万元", "运行维护支出4.02万元"), "sum.parts") == []


def test_numbered_parts_opened_after_qi_zhong_run_on_over_the_following_lines():
    """s170 (a real error the miss-hunter found): “…决算数为32976万元,其中:(一)均衡性转移支付13460万元,主要
    用于…” then (二)…(六) on their own lines add to 46436, not 32976."""
    text = ("一、一般性转移支付\n2016年一般性转移支付决算数为32976万元,其中:(一)均衡性转移支付13460万元,主要用于均衡各区间财力差异。\n"
            "(二)基本财力保障补助4022万元,主要用于增强基层政府能力。\n(三)农村税费改革补助6398万元,对乡镇减收进行补助。\n"
            "(四)农村环境整治资金3340万元。\n(五)区域战略推进专项资金1200万元。\n(六)其他一般性转移支付18016万元。\n二、专项转移支付")
    assert [(f.stated, f.expected) for f in errors(text, "sum.parts")] == [("32976万元", "46436万元")]
    assert errors(text.replace("32976万元", "46436万元"), "sum.parts") == []


def test_parts_named_as_budgets_belong_to_a_total_named_as_the_initial_budget():
    """r149 (dev): “年初预算数11063429元,其中:一般公共服务支出预算5916913元,文化旅游体育与传媒支出342805元,…”
    — a part called 支出预算 is a part of a 年初预算数 total; leaving such parts out made a false sum error."""
    text = ("(二)支出预算:2026年年初预算数11063429元,其中:一般公共服务支出预算5916913元,文化旅游体育与传媒支出342805元,"
            "社会保障和就业支出预算1405788元,卫生健康支出预算322851元,城乡社区支出863760元,农林水支出1085166元,"
            "资源勘探工业信息等支出70209元,住房保障支出预算413802元,其他支出642135元。")
    assert [f for f in validate(text).findings if f.severity == "error"] == []
    wrong = text.replace("11063429元", "11163429元")
    assert [f.check for f in validate(wrong).findings if f.severity == "error"] == ["sum.parts"]


def test_parts_named_by_distinct_function_classes_cannot_exceed_their_total():
    """r141 (dev): a 2026 单位预算 lists five 功能分类 类 under 支出预算65.61万元, one of them a stray
    “一般公共服务支出预算65.61万元”: no 类 holds another, so 131.22 > 65.61 is an error, not a note."""
    text = ("(二)支出预算2026年年初预算数65.61万元,其中:一般公共服务支出预算65.61万元,文化旅游体育与传媒支出预算50.53万元,"
            "社会保障和就业支出预算8.94万元,卫生健康支出预算3.05万元,住房保障支出预算3.09万元。")
    (found,) = reported(text, "sum.parts")
    assert found.severity == "error" and found.expected == "131.22万元"
    nested = text.replace("一般公共服务支出预算65.61万元", "基本支出预算65.61万元")
    assert [f.severity for f in reported(nested, "sum.parts")] == ["note"]


def test_a_function_class_listed_twice_with_two_amounts_cannot_be_right():
    """r150 (dev): “其中:一般公共服务支出1402.08万元,一般公共服务支出760.16万元,…” — a stray item equal to
    the total; one 类 with two amounts is wrong whichever is meant, so the excess is an error."""
    text = ("(二)支出预算:2026年年初预算数1402.08万元,其中:一般公共服务支出1402.08万元,一般公共服务支出760.16万元,"
            "社会保障和就业支出179.3万元,卫生健康支出54.35万元,农林水支出343.46万元,住房保障支出64.81万元。")
    (found,) = reported(text, "sum.parts")
    assert found.severity == "error" and found.expected == "2804.16万元"
    copied = text.replace("一般公共服务支出760.16万元", "一般公共服务支出1402.08万元")
    assert [f.severity for f in reported(copied, "sum.parts")] == ["note"]  # the same item printed twice


def test_a_parts_own_list_opened_by_mainly_is_not_part_of_the_outer_list():
    """r184 (dev): “收入合计138.55万元,其中:本年收入138.55万元,主要是一般公共预算拨款138.55万元,政府性基金预算拨款0万元,…”
    — what follows 主要是 breaks down 本年收入, not 收入合计."""
    text = ("(一)收入预算:2026年收入合计138.55万元,其中:本年收入138.55万元,主要是一般公共预算拨款138.55万元,"
            "政府性基金预算拨款0万元,国有资本经营预算收入0万元,事业收入0万元,其他收入0万元。")
    assert reported(text, "sum.parts") == []
    slipped = text.replace("本年收入138.55万元,主要是", "本年收入138.55万元,上年结转10万元,主要是")
    assert [f.expected for f in reported(slipped, "sum.parts")] == ["148.55万元"]


def test_a_total_pointed_at_again_with_this_is_not_a_part():
    """r236 (dev): “车辆一共仅有4辆。其中,这4辆公车中机要通信用车占据3辆、其他用车1辆” — “这4辆” is the total again."""
    text = "截至2018年7月底,退役军人事务部所属各预算单位车辆一共仅有4辆。其中,这4辆公车中机要通信用车占据3辆、其他用车1辆。"
    assert reported(text, "sum.parts") == []


R125 = ("(二)支出预算:2023年年初预算数761.21万元,其中:一般公共服务支出预算0万元,教育支出预算526.61万元,"
        "社会保障和就业支出预算159.65万元,卫生健康支出预算35.85万元,住房保障支出预算34.09万元。")


def test_every_function_class_listed_down_to_an_empty_one_is_the_whole_budget():
    """r125 (dev): a 类 listed at 0万元 says the list names each class the budget has, so 756.20 against
    761.21 is an error (the 上年结转 5.01 was left out of the classes)."""
    assert [(f.stated, f.expected) for f in errors(R125, "sum.parts")] == [("761.21万元", "756.20万元")]


def test_the_same_classes_without_an_empty_one_may_be_the_main_ones_only():
    listed = R125.replace("一般公共服务支出预算0万元,", "")
    assert errors(listed, "sum.parts") == []
    assert [f.severity for f in reported(listed, "sum.parts")] == ["note"]


R180 = ("2023年一般财政拨款收入支出预算1,779.74万元,比2022年增加198.76万元。其中基本支出预算249.78万元,比2022年增加29.73万元,"
        "主要原因是增加公务员绩效,基本支出主要用于人员工资福利、各项社会保险费及保障单位正常运转的各项商品服务支出;"
        "项目支出预算1,529.96万元,比2022年增加168.36万元,主要是因为2022年含上级转移支付年初下达金额767万元。")


def test_a_list_resumes_after_a_reason_with_the_next_standard_part():
    """r180 (dev): the reason for 基本支出's change sits between the two parts; 项目支出 after the “;”
    takes the list up again, and the parts' changes (29.73 + 168.36) miss the total's 198.76."""
    assert [(f.stated, f.expected) for f in errors(R180, "sum.changes")] == [("198.76万元", "198.09万元")]
    assert errors(R180.replace("198.76万元", "198.09万元"), "sum.changes") == []
