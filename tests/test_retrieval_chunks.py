"""Chunks as search sees them: a table a page cut into fragments is one passage, and a passage
carries the title that names its report even when the page opens on something else."""

from retrieval.chunking import chunk_document
from retrieval.loaders import load_text
from retrieval.store import embedding_text

FRAGMENTED_TABLE = """2023年马鹿坑国有林场新建野生动物收容所建设项目支出绩效自评表
项目资金 (万元) |
| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 |
| 32.4 | 31.69 | 10 | 97.80% | 9 |
产出指标 | 数量指标 | 野生动物收容所 | ≥200平方米 | 204.46平方米 | 10 | 10 | 无 |
"""


def test_a_table_cut_into_fragments_is_one_passage():
    chunks = chunk_document(load_text(FRAGMENTED_TABLE, "r304.txt"))
    holding = [c for c in chunks if "年度资金总额" in c.text]
    assert len(holding) == 1 and "31.69" in holding[0].text and "204.46平方米" in holding[0].text


def test_a_page_opening_on_a_table_is_named_by_its_title_line():
    text = ("单位:万元 | ||||\n项目 | 2022年预算数 | 2023年预算数 |\n合计 | 2378.77 | 2415.44 |\n"
            "奉新县2023年“三公”经费预算增减变化情况说明\n2023年，全县“三公”经费预安排2415.44万元。\n")
    chunks = chunk_document(load_text(text, "r207.txt"))
    assert {c.document_title for c in chunks} == {"奉新县2023年“三公”经费预算增减变化情况说明"}


def test_a_unit_named_alone_above_a_bare_title_stays_in_the_title():
    text = "永州市行政审批服务局\n2019年度绩效自评报告\n一、项目概况\n项目预算50万元。\n"
    chunks = chunk_document(load_text(text, "004.txt"))
    assert chunks and all(c.document_title == "永州市行政审批服务局 2019年度绩效自评报告" for c in chunks)


def test_the_vector_model_sees_the_unit_a_bare_title_leaves_out():
    text = "索引号 | 4309210010/2021 | 发布机构 | 南县行政审批服务局 |\n单位项目支出绩效自评报告\n一、项目概况\n专项经费116.79万元。\n"
    chunk = next(c for c in chunk_document(load_text(text, "002.txt")) if "116.79" in c.text)
    assert embedding_text(chunk).startswith("单位项目支出绩效自评报告 南县行政审批服务局\n")
