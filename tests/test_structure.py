from retrieval.chunking import MAX_CHARS, chunk_document
from retrieval.documents import Document, blocks_from_text
from retrieval.loaders import load
from retrieval.structure import department, fiscal_year, heading_of, report_type, section_paths
from tests.conftest import CORPUS


def doc(text):
    return Document("t.txt", text, blocks=blocks_from_text(text))


def test_heading_levels_in_half_and_full_width_forms():
    assert heading_of("第二部分 2021年度部门决算情况说明")[0] == 1
    assert heading_of("三、支出决算情况说明")[0] == 2
    assert heading_of("（一）项目基本情况简介。永州市行政审批服务局于2019年1月13日挂牌")[1] == "（一）项目基本情况简介"
    assert heading_of("(二)预算安排及分配管理")[0] == 3
    assert heading_of("1.项目决策")[0] == 4
    assert heading_of("（1）资金到位率")[0] == 5
    assert heading_of("①是否按照规定的程序申请设立")[0] == 6
    assert heading_of("2023年项目预算50万元，主要支出为：办公费6.32万元") is None


def test_section_paths_nest_and_reset():
    text = "某局2023年度部门决算\n第一部分 部门概况\n一、职能\n职能说明。\n第二部分 决算情况说明\n一、收入\n收入100万元。"
    paths = section_paths(doc(text))
    assert paths[4] == "某局2023年度部门决算 > 第一部分 部门概况 > 一、职能"
    assert paths[7] == "某局2023年度部门决算 > 第二部分 决算情况说明 > 一、收入"


def test_report_facts_of_the_bundled_reports():
    facts = {p.name[:3]: (report_type(t := load(p).text), fiscal_year(t), department(t)) for p in sorted(CORPUS.glob("*.txt"))}
    assert facts["001"][:2] == ("final-accounts", 2021)
    assert facts["002"] == ("project", 2020, "南县行政审批服务局")
    assert facts["003"][:2] == ("department", 2020)
    assert facts["004"][:2] == ("project", 2019)
    assert "大数据局" in facts["001"][2]


def test_chunks_carry_heading_path_and_repeat_the_heading_when_split():
    body = "。".join(f"第{i}句话说明项目的实施情况和取得的成效" for i in range(80)) + "。"
    chunks = chunk_document(doc(f"某县2023年度项目支出绩效自评报告\n一、项目概况\n{body}"))
    assert len(chunks) > 2
    assert all(c.text.startswith("一、项目概况\n") for c in chunks)
    assert all(c.section == "某县2023年度项目支出绩效自评报告 > 一、项目概况" for c in chunks)
    assert all(len(c.text) <= MAX_CHARS + 20 for c in chunks)
    assert {c.report_type for c in chunks} == {"project"} and {c.year for c in chunks} == {2023}


def test_tables_are_cut_between_rows_and_keep_their_header():
    rows = "\n".join(f"| 指标{i} | 10 | 9 | 说明文字说明文字说明文字 |" for i in range(60))
    text = f"某县2023年度项目支出绩效自评报告\n四、自评表\n| 指标 | 分值 | 得分 | 说明 |\n|---|---|---|---|\n{rows}"
    tables = [c for c in chunk_document(doc(text)) if c.kind == "table"]
    assert len(tables) > 1
    for chunk in tables:
        lines = chunk.text.split("\n")
        assert lines[1] == "| 指标 | 分值 | 得分 | 说明 |"
        assert all(line.startswith("|") and line.endswith("|") for line in lines[1:])


def test_chunk_ids_derive_from_content():
    text = "某县2023年度项目支出绩效自评报告\n一、项目概况\n项目预算50万元。"
    assert [c.id for c in chunk_document(doc(text))] == [c.id for c in chunk_document(doc(text))]


def test_the_fiscal_year_is_the_one_reported_on_not_the_date_it_was_published():
    """s183: “2023年10月21日,国务院…公布了《2022年度国有资产管理情况的综合报告》”."""
    text = "2023年10月21日,国务院公布了《2022年度国有资产管理情况的综合报告》。报告显示,2022年,中央企业资产总额109.4万亿元。"
    assert fiscal_year(text) == 2022
    assert fiscal_year("2023年度部门决算\n2024年3月1日发布") == 2023


def test_a_department_named_right_after_the_year_loses_the_year():
    """r580's page opens “2015年桂林市司法局部门“三公”经费情况统计表”: the department is 桂林市司法局, not 年桂林市司法局."""
    text = "2015年桂林市司法局部门“三公”经费情况统计表 | ||\n项 目 | 本年预算数 |\n合 计 | 34.35 |\n桂林市司法局2015年预算说明。"
    assert department(text) == "桂林市司法局"
