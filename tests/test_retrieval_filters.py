"""Section kinds set at ingest, and the filters the drafter and the search box use."""

import pytest

from retrieval.chunking import chunk_document
from retrieval.loaders import load_text
from retrieval.search import FilterError, exemplars, search
from retrieval.section_kinds import classify, kind_from_words, section_kinds


@pytest.mark.parametrize("kind", section_kinds(), ids=lambda k: k.name)
def test_every_kind_classifies_its_example_heading(kind):
    assert classify([kind.example], "") == kind.id


def test_a_problem_under_a_budget_heading_is_a_problem():
    assert classify(["五、存在的问题", "1.预算执行不够精准"], "预算执行率偏低。") == "problems"
    assert classify(["五、评价结论及建议", "（二）存在的问题"], "政务云无法提供数据异地备份功能。") == "problems"
    assert classify(["第三部分 名词解释"], "16.机关运行经费：指…") == "terms"


def test_passages_under_headings_that_say_nothing_are_classified_by_their_words():
    assert classify([], "2022年因公出国（境）费0万元，公务接待费1.2万元，公务用车运行维护费3万元。") == "sangong"
    assert classify(["（三）其他"], "天气晴朗。") == "other"


def test_kinds_are_named_in_chinese_or_by_id():
    assert kind_from_words("三公经费") == kind_from_words("sangong") == "sangong"
    assert kind_from_words("不存在的类别") is None


def test_a_gatherers_header_is_not_indexed():
    text = "# source: https://example.gov.cn/a.html\n# year: 2022\n\n某县2022年度部门决算\n一、收入决算情况\n本年收入合计10万元。\n"
    chunks = chunk_document(load_text(text, "r.txt"))
    assert chunks and not any("example.gov.cn" in c.text or "# year" in c.text for c in chunks)
    assert chunks[0].document_title == "某县2022年度部门决算" and chunks[0].section_kind == "income"


def test_filter_by_section_kind(corpus_store):
    hits = search(corpus_store, "支出", k=8, filters={"section_kind": "三公经费"})
    assert hits and all(h.metadata["section_kind"] == "sangong" for h in hits)


def test_filter_by_unit_named_in_part(corpus_store):
    hits = search(corpus_store, "存在问题", k=5, filters={"unit": "南县"})
    assert hits and all(h.source.startswith("002") for h in hits)
    assert search(corpus_store, "存在问题", k=5, filters={"unit": "没有这个单位"}) == []


def test_filters_combine_type_kind_and_year(corpus_store):
    hits = search(corpus_store, "下一步", k=5, filters={"report_type": "项目", "section_kind": "改进措施", "year": 2021})
    assert hits and all(h.metadata["report_type"] == "project" and h.metadata["year"] == 2021
                        and h.metadata["section_kind"] == "improvements" for h in hits)


def test_an_unknown_filter_is_refused_with_a_reason(corpus_store):
    with pytest.raises(FilterError, match="段落类别"):
        search(corpus_store, "支出", filters={"section_kind": "天气"})
    with pytest.raises(FilterError, match="未知的筛选条件"):
        search(corpus_store, "支出", filters={"colour": "red"})


def test_exemplars_of_a_section_kind(corpus_store):
    hits = exemplars(corpus_store, "存在的问题", "project", k=3, kind="problems")
    assert hits and all(h.metadata["section_kind"] == "problems" and h.metadata["report_type"] == "project" for h in hits)
