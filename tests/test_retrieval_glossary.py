"""The glossary: staff's words bring in the reports' terms, below the words actually typed."""

import pytest

from retrieval.chunking import chunk_document
from retrieval.glossary import asked_kinds, entries, expansions, triggered
from retrieval.loaders import load_text
from retrieval.search import search


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e.example)
def test_every_entry_is_triggered_by_its_example(entry):
    assert entry in triggered(entry.example)


def test_colloquial_words_bring_in_official_terms_not_already_typed():
    assert "因公出国（境）费" in expansions("去年坐飞机出国花了多少")
    assert "公务接待费" in expansions("去年请客吃饭花了多少")
    assert "政府采购" not in expansions("政府采购支出总额")  # typed already
    assert expansions("评价组织 领导小组") == []


def test_traditional_script_triggers_too():
    assert "公务用车" in expansions("單位有幾輛公車")


def two_passages(store):
    text = ("某县2023年度部门决算\n一、“三公”经费支出情况\n因公出国（境）费支出决算0万元，与上年持平。\n"
            "二、出行保障情况\n职工外出乘坐公共交通，全年花了3.2万元。\n")
    store.add(chunk_document(load_text(text, "a.txt")))


def test_a_colloquial_question_finds_the_official_passage(store):
    two_passages(store)
    assert "因公出国" not in search(store, "去年坐飞机出国花了多少", k=1, method="keyword", glossary=False)[0].text
    assert "因公出国" in search(store, "去年坐飞机出国花了多少", k=1, method="keyword")[0].text


def test_typed_words_outweigh_the_terms_the_glossary_adds(store):
    text = ("某县2023年度部门决算\n一、公车改革\n公车改革后保留执法执勤车2辆。\n"
            "二、“三公”经费\n公务用车购置及运行维护费5万元，公务用车保有量3辆。\n")
    store.add(chunk_document(load_text(text, "b.txt")))
    assert "公车改革" in search(store, "公车改革", k=1, method="keyword")[0].text


def test_a_question_about_problems_prefers_the_problems_section(store):
    text = ("某县2023年度政务云项目支出绩效自评报告\n一、项目实施情况\n政务云平台全年运行正常，政务云平台承载系统45个。\n"
            "二、差距分析\n政务云平台无法提供数据异地备份功能。\n")
    store.add(chunk_document(load_text(text, "c.txt")))
    assert asked_kinds("政务云平台现在有啥隐患") == ["problems"]
    assert "异地备份" in search(store, "政务云平台现在有啥隐患", k=1, method="keyword")[0].text
