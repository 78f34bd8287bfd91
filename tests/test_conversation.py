"""Drafting by conversation, offline: what staff say is understood (every phrasing's example), each
reply says what was recorded and what was not, and the draft a reviewer gets is whole and checked."""

import json
import re

import pytest
import yaml

from assistant.conversation.engine import Conversation
from assistant.conversation.intents import intent_of
from assistant.conversation.phrasings import normalise, phrasings
from assistant.conversation.reading import read_message
from assistant.conversation.understand import Context
from assistant.fields import fields
from assistant.rules import RULES_DIR
from tests.fake_openai import echo_baseline
from tests.test_drafting import model_for, server  # noqa: F401  (fixture)

ISSUE = ("我们是某县市场监督管理局，2024年食品安全抽检项目，预算120万元，到位120万元，实际支出113.5万元，"
         "全年完成抽检2400批次，上年2100批次，群众满意度96%。")


def section(draft, section_id):
    return next(s for s in draft.sections if s.id == section_id)


def test_the_issue_conversation_gives_a_whole_checked_report(corpus_store):
    chat = Conversation(store=corpus_store)
    first = chat.handle(ISSUE)
    for said in ("某县市场监督管理局", "食品安全抽检", "2024", "120.00万元", "113.50万元", "2400批次", "2100批次", "96%"):
        assert said in first.text
    assert "数据已齐" not in first.text and "没有用上" not in first.text
    drafted = chat.handle("帮我写自评报告").draft
    text = drafted.markdown()
    for figure in ("94.58%", "6.50万元", "14.29%", "2400批次", "2100批次", "96.00%", "120.00万元", "113.50万元"):
        assert figure in text
    assert drafted.title == "某县市场监督管理局2024年度食品安全抽检项目支出绩效自评报告"
    assert [s.title[:2] for s in drafted.sections if s.title[0] in "一二三四五六七"] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert "（一）" in section(drafted, "overview").text and "未发现" not in text
    table = section(drafted, "table").text
    assert "| 合计 |" in table and re.search(r"项目自评得分99\.46分，评价等级为“优”", text)
    assert [f for f in drafted.findings if f.severity == "error"] == []
    before = section(drafted, "problems").text
    revised = chat.handle("存在问题写具体一些，结合执行率没到100%的原因")
    after = section(revised.draft, "problems").text
    assert after != before and "6.50万元" in after and "120.00万元" in after
    assert "原因" in revised.question  # it asks for the reason it could not know


def test_every_reply_names_what_it_could_not_use():
    chat = Conversation()
    turn = chat.handle("项目预算50万元，经费来源是县级财政，我们局有3个科室")
    assert "全年预算数 50.00万元" in turn.text
    assert "“经费来源是县级财政”" in turn.text and "我们局有3个科室" in turn.text and "没有用上" in turn.text
    assert "还需要" in turn.text and turn.text.count("？") == 1  # one question at a time


def test_a_correction_replaces_the_figure_and_updates_the_draft():
    chat = Conversation()
    chat.handle(ISSUE)
    chat.handle("帮我写自评报告")
    turn = chat.handle("不对，实际支出是113.8万元")
    assert "由113.50万元改为113.80万元" in turn.text
    assert "113.80万元" in turn.draft.markdown() and "94.83%" in turn.draft.markdown()


def test_questions_are_answered_from_computed_figures():
    chat = Conversation()
    chat.handle(ISSUE)
    assert "94.58%" in chat.handle("执行率是多少").text
    assert "6.50万元" in chat.handle("结余多少钱").text
    assert "现有数字还算不出" in Conversation().handle("执行率是多少").text


def test_a_bare_answer_fills_the_question_asked_and_no_skips_it():
    chat = Conversation()
    chat.handle(ISSUE)
    chat.handle("没花完是因为部分检测合同尾款要到明年才支付")
    assert chat.pending == "output_target:抽检"
    turn = chat.handle("2000批次")
    assert "抽检目标 ≥2000批次" in turn.text
    assert chat.pending.startswith("survey") is False or "满意" in turn.question
    skipped = Conversation()
    skipped.handle("单位是某县财政局，2024年干部培训项目，项目预算50万元，实际支出50万元，培训12场")
    assert skipped.pending == "output_target:培训"
    assert "先不写" in skipped.handle("没有").text and skipped.pending != "output_target:培训"


def test_switching_the_report_keeps_the_figures_and_asks_what_the_new_one_needs():
    chat = Conversation()
    chat.handle("我们是某县行政审批服务局，2023年")
    turn = chat.handle("我要写的是部门决算说明")
    assert chat.report_type == "final-accounts" and "部门决算情况说明" in turn.text and "本年收入" in turn.text
    chat.handle("财政拨款收入1180.4万元，其他收入70.2万元，年初结转和结余129.9万元")
    chat.handle("基本支出842.5万元，其中人员经费725.3万元、公用经费117.2万元，项目支出394.3万元，年末结转和结余143.7万元")
    turn = chat.handle("三公经费：公务用车运行维护费6.25万元，公务接待费2.2万元，出国0元，上年三公经费9.6万元")
    drafted = chat.handle("好了，出稿").draft
    text = drafted.markdown()
    for figure in ("1250.60万元", "1380.50万元", "1236.80万元", "8.45万元", "11.98%"):
        assert figure in text
    assert [f for f in drafted.findings if f.severity == "error"] == []


def test_a_revision_that_asks_for_shorter_measures_shortens_them():
    chat = Conversation()
    chat.handle(ISSUE)
    chat.handle("帮我写自评报告")
    before = section(chat.draft, "measures").text
    turn = chat.handle("改进措施简短一点")
    assert len(section(turn.draft, "measures").text) < len(before)
    assert "模型" in chat.handle("概况那部分语气正式些").text  # offline cannot change tone: it says what it needs


def test_the_conversation_resumes_from_its_saved_state():
    chat = Conversation()
    chat.handle(ISSUE)
    chat.handle("帮我写自评报告")
    chat.handle("存在问题写具体一些")
    state = json.loads(json.dumps(chat.state()))
    again = Conversation.resume(state)
    assert again.draft.markdown() == chat.draft.markdown() and again.turns == chat.turns


def example_cases():
    data = phrasings()
    cases = [(f"intents.{k}", v["example"]) for k, v in data["intents"].items()]
    cases += [(f"sections.{k}", v["example"]) for k, v in data["sections"].items()]
    cases += [(f"styles.{k}", v["example"]) for k, v in data["styles"].items()]
    cases += [(f"asks.{a['key']}", a["example"]) for a in data["asks"]]
    return cases


@pytest.mark.parametrize(("entry", "example"), example_cases(), ids=lambda v: v if "." in str(v) else None)
def test_every_intent_section_style_and_question_phrasing_reads_its_example(entry, example):
    group, key = entry.split(".", 1)
    intent = intent_of(normalise(example), placed=False, has_draft=True)
    expected = {"intents": lambda: intent.kind == key or key == "correct" and
                read_message(example, Context(), True).intent.kind == "correct",
                "sections": lambda: intent.section == key, "styles": lambda: intent.style == key,
                "asks": lambda: intent.asks == key}
    assert expected[group](), (example, intent)


FIELD_EXAMPLES = [(f.id, f.path, f.example, f.types[0]) for f in fields().values() if f.example and f.kind != "text"]


@pytest.mark.parametrize(("field_id", "path", "example", "report_type"), FIELD_EXAMPLES, ids=[c[0] for c in FIELD_EXAMPLES])
def test_every_field_reads_its_example(field_id, path, example, report_type):
    context = Context(report_type, None if field_id == "year" else 2024, "", "")
    read = read_message(example, context)
    found = {m.path for m in read.mentions} | {n.path for n in read.names}
    assert path in found, (example, [(m.path, m.value) for m in read.mentions])


def test_every_item_list_and_text_list_reads_its_example():
    for rule in phrasings()["items"]:
        read = read_message(rule["example"], Context(rule["types"][0], 2024))
        assert all(m.path == rule["path"] for m in read.mentions) and len(read.mentions) == 2, rule["example"]
    for rule in phrasings()["lists"]:
        read = read_message(rule["example"], Context())
        assert [n.path for n in read.lists] == [rule["path"]], rule["example"]


def test_figures_in_the_ways_staff_write_them():
    read = read_message("经费八万五千元，花了七十六万八，满意度百分之九十六，2.4万人次", Context(year=2024))
    assert [(m.path, m.value) for m in read.mentions][:3] == [("budget.full_year", 8.5), ("budget.spent", 76.8), ("survey.rate", 96.0)]
    read = read_message("今年一共服务了3200人次，比去年多了300人次", Context(year=2024))
    assert [(m.name, m.value, m.prior, m.change) for m in read.mentions] == [("服务", 3200, False, ""), ("服务", 300, True, "up")]
    chat = Conversation()
    assert "上年服务 2900人次" in chat.handle("今年一共服务了3200人次，比去年多了300人次").text


def test_the_chat_yaml_is_data_with_examples():
    data = yaml.safe_load((RULES_DIR / "chat.yaml").read_text(encoding="utf-8"))
    for key in ("prior_words", "target_words", "decline"):
        assert data[key]["example"] and data[key]["words"]
    assert all(rule.get("example") for rule in data["stated_rates"] + data["asks"] + data["items"] + data["lists"])
    assert re.search(data["question_forms"]["pattern"], data["question_forms"]["example"])


def test_a_model_reads_what_the_patterns_could_not_and_every_figure_is_checked_against_the_text(server, home, corpus_store):  # noqa: F811
    server.script = [lambda request: json.dumps({"figures": [{"path": "budget.full_year", "value": 80, "unit": "万元"},
                                                             {"path": "budget.arrived", "value": 99, "unit": "万元"}],
                                                 "names": {"unit": "某县政务服务中心"}})]
    chat = Conversation(store=corpus_store, model=model_for(server, home))
    turn = chat.handle("某县政务服务中心今年项目八十万，花了七十六万八")
    assert chat.data["budget"] == {"full_year": 80.0, "spent": 76.8}  # 99 is nowhere in the message: dropped
    assert chat.data["unit"] == "某县政务服务中心" and "没有用上" not in turn.text
    asked = server.requests[0]["body"]["messages"][-1]["content"]
    assert "budget.spent: 全年执行数" in asked and "某县政务服务中心今年项目80万元" in asked


def test_a_revision_with_a_model_rewrites_only_the_named_section(server, home, corpus_store):  # noqa: F811
    chat = Conversation(store=corpus_store, model=model_for(server, home))
    server.default = lambda request: "{}"
    chat.handle(ISSUE)
    server.default = echo_baseline
    chat.handle("帮我写自评报告")
    before = len(server.requests)
    server.default = lambda request: ("项目全年预算120.00万元，实际支出113.50万元，结余资金6.50万元，预算执行率为94.58%，"
                                      "主要是部分检测合同尾款尚未到支付节点。")
    turn = chat.handle("存在问题写具体一些")
    asked = [r["body"]["messages"][-1]["content"] for r in server.requests[before:]]
    assert len(asked) == 1 and "修改要求：存在问题写具体一些" in asked[0]
    problems = section(turn.draft, "problems")
    assert problems.mode == "llm" and "尾款" in problems.text
    assert [f for f in turn.draft.findings if f.severity == "error"] == []


def test_changes_said_of_two_totals_at_once_or_of_one_income_line_reach_the_draft():
    chat = Conversation(report_type="final-accounts")
    chat.handle("本年收入合计4125.49万元，一般公共预算财政拨款收入3859.16万元，其他收入266.33万元")
    chat.handle("本年支出合计4143.91万元，基本支出1140.27万，项目支出3003.64万")
    turn = chat.handle("收支总计比2021年分别减少1267.86万元和2570.97万元")
    assert "上年本年收入合计 5393.35万元" in turn.text and "上年本年支出合计 6714.88万元" in turn.text
    turn = chat.handle("一般公共预算财政拨款收入比上年增加100万元")
    assert "上年一般公共预算财政拨款收入 3759.16万元" in turn.text
    chat.handle("单位是某县文化广电旅游局，2022年")
    text = chat.handle("出稿").draft.markdown()
    for said in ("减少1267.86万元，下降23.51%", "减少2570.97万元，下降38.29%", "增加100.00万元，增长2.66%"):
        assert said in text


def test_one_figure_for_several_names_and_budget_lines_after_a_heading():
    example = phrasings()["shared_value_words"]["example"]
    read = read_message(example, Context())
    assert [(m.path, m.value) for m in read.stated] == [("stated.arrival_rate", 100.0), ("stated.execution_rate", 100.0)]
    read = read_message("审核经费：第三方咨询公司审核服务费454.37万元，审核人员绩效工资109.85万元，办公用品和软件升级11.18万元", Context())
    assert [(m.name, m.value) for m in read.mentions] == [("第三方咨询公司审核服务费", 454.37), ("审核人员绩效工资", 109.85),
                                                          ("办公用品和软件升级", 11.18)]
    read = read_message("其中中央衔接资金10万元。政府采购应采购650.31万", Context())
    assert all(m.path != "budget.items" or m.value == 10 for m in read.mentions)  # a new sentence is no longer the list


def test_a_question_with_figures_records_them_and_answers_with_the_formula():
    chat = Conversation(report_type="department")
    reply = chat.handle("编制14实有13，人员控制率是不是92.86%？").text
    assert "编制数 14" in reply and "编制控制率为92.86%（实有人数 ÷ 编制数 × 100%）" in reply and "没有用上" not in reply
    assert "算法：执行率 = 全年执行数 ÷ 全年预算数 × 100%" in Conversation().handle("执行率是多少").text


def test_the_year_end_balance_is_not_asked_once_it_follows_from_the_totals():
    chat = Conversation(report_type="final-accounts")
    chat.handle("收入1687.45万元，其中财政拨款收入1516.64万，事业收入170.81万")
    chat.handle("支出1942.57万，基本支出1121.09万元、项目支出821.48万元")
    turn = chat.handle("年初结转和结余300万元")
    assert "支出总计1987.45万元" in turn.text and "年末结转和结余是多少" not in turn.text
