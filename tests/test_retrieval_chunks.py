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


def test_list_items_read_as_headings_keep_their_words_in_a_passage():
    # r106 (重庆市綦江区公路事务中心2023年度决算公开说明): items 2 and 5 of the 职能 list are taken for
    # headings with nothing under them; their words must still be searchable, in order.
    text = ("重庆市綦江区公路事务中心2023年度决算公开说明\n一、单位基本情况\n\n(一)职能职责\n\n"
            "   1.贯彻执行有关公路建设、养护、路政、运营相关政策和法律、法规,组织实施公路养护技术标准。\n\n"
            "    2.承担区内国、省、县(乡)道公路、桥梁的建设、养护和管理的事务工作。\n\n"
            "    3.承担所管公路养护计划的编制和组织实施工作。\n\n"
            "    4.承担区内国、省、县(乡)道公路路网运行管理、公路行业安全和应急管理、区级公路战备的事务工作。\n\n"
            "    5.承担公路行业生态环境保护、节能减排和行业信息化有关事务工作。\n\n"
            "二、单位决算情况说明\n(一)收入支出决算总体情况说明\n2023年度收入总计10328.56万元。\n")
    passages = [c.text for c in chunk_document(load_text(text, "r106.txt"))]
    for item in ("2.承担区内国", "5.承担公路行业生态环境保护"):
        assert sum(item in p for p in passages) == 1, item
    functions = next(p for p in passages if "1.贯彻执行" in p)
    assert functions.index("1.贯彻执行") < functions.index("2.承担区内国")
    assert not any(p.rstrip().endswith("二、单位决算情况说明") for p in passages)  # a heading with children stays one


def test_the_first_item_under_a_bare_heading_gets_a_passage_under_that_heading():
    text = ("某县2022年项目支出绩效自评报告\n四、存在的问题\n项目进度偏慢。\n五、改进措施\n"
            "(一)加强项目实施的程序管理。\n(二)强化预算执行监控。\n")
    chunks = chunk_document(load_text(text, "a.txt"))
    items = [c for c in chunks if "加强项目实施的程序管理" in c.text]
    assert len(items) == 1 and items[0].section.endswith("五、改进措施") and "项目进度偏慢" not in items[0].text
    assert items[0].text.index("(一)加强") < items[0].text.index("(二)强化")
