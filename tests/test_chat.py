"""Drafting by conversation: figures from plain sentences, questions for what is missing, redrafts."""

import json

from assistant.chat import ChatSession, extract_offline
from tests.test_drafting import model_for, server  # noqa: F401  (fixture)


def test_figures_from_a_plain_sentence():
    found = extract_offline("项目预算50万元，实际支出48.6万元，办件7341件")
    assert found["budget"] == {"full_year": 50.0, "spent": 48.6}
    assert found["outputs"] == [{"name": "办件", "value": 7341.0, "unit": "件"}]


def test_the_session_asks_for_what_is_missing_then_drafts(corpus_store):
    session = ChatSession(store=corpus_store)
    first = session.handle("项目预算50万元，实际支出48.6万元，办件7341件")
    assert "已记录" in first.text and first.missing == ["报告年度", "填报单位"]
    session.handle("单位是某县政务服务中心，2023年度")
    reply = session.handle("存在问题：人员流动大；培训不足。请起草")
    assert reply.draft is not None and reply.draft.findings == []
    text = reply.draft.markdown()
    assert "预算执行率为97.20%" in text and "结余1.40万元" in text and "2.培训不足" in text


def test_a_sentence_without_figures_gets_an_example(corpus_store):
    assert "可以这样说" in ChatSession(store=corpus_store).handle("你好").text


def test_offline_redraft_explains_how_to_add_detail(corpus_store):
    session = ChatSession(store=corpus_store)
    session.handle("2023年，单位是某县政务服务中心，项目预算50万元，实际支出48.6万元，起草")
    assert "补充事实" in session.handle("把存在问题写具体一些").text


def test_llm_extraction_and_a_grounded_redraft(server, home, corpus_store):  # noqa: F811
    server.script = [lambda request: json.dumps({"year": 2023, "unit": "某县政务服务中心",
                                                 "budget": {"full_year": 80, "spent": 76.8}})]
    session = ChatSession(store=corpus_store, model=model_for(server, home))
    reply = session.handle("今年项目八十万，花了七十六万八")
    assert session.data["budget"]["spent"] == 76.8 and reply.missing == []
    session.handle("起草")
    before = len(server.requests)
    server.default = lambda request: "窗口人员流动较大，新进人员培训周期较长，影响办件效率。"
    reply = session.handle("把存在问题写具体一些")
    asked = [r["body"]["messages"][-1]["content"] for r in server.requests[before:]]
    assert len(asked) == 1 and "修改要求：把存在问题写具体一些" in asked[0]
    problems = next(s for s in reply.draft.sections if s.id == "problems")
    assert problems.mode == "llm" and "新进人员" in problems.text
    assert reply.draft.findings == []
