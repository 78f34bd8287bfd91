"""This year's figures as staff give them: the model, and loading it from YAML, JSON or an .xlsx 自评表.

Money is in 万元 throughout. Every field is optional so that a half-filled form still loads; what
a section needs and lacks is reported by `derive.check_inputs` in words that name the field.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from retrieval.report_types import type_name

ReportType = Literal["project", "department", "final-accounts"]


class FiguresError(Exception):
    """Figures that cannot be used, with every problem named in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


class Item(BaseModel):
    name: str = Field(description="名称，如“劳务费”“企业登记”")
    amount: float = Field(description="数值（金额以万元计）")
    prior: float | None = Field(None, description="上年数（万元），说了比上年增减时")


class Budget(BaseModel):
    initial: float | None = Field(None, description="年初预算数（万元）")
    full_year: float | None = Field(None, description="全年预算数（调整后，万元）")
    arrived: float | None = Field(None, description="实际到位资金（万元）")
    spent: float | None = Field(None, description="全年执行数（万元）")
    prior_spent: float | None = Field(None, description="上年执行数（万元）")
    items: list[Item] = Field(default_factory=list, description="预算构成或支出明细（万元）")


class Output(BaseModel):
    name: str = Field(description="产出名称，如“受理政务服务事项”")
    value: float
    unit: str = Field("件", description="计量单位：件、次、人次、个、项…")
    prior: float | None = Field(None, description="上年数，用于计算增长率")
    target: str = Field("", description="年度目标，如“≥2000批次”；空为未给出")
    parts: list[Item] = Field(default_factory=list, description="分项，如按事项类别")


class Survey(BaseModel):
    total: int | None = Field(None, description="有效评价（问卷）数")
    satisfied: int | None = Field(None, description="满意数")
    unit: str = "份"
    rate: float | None = Field(None, description="满意度（%），直接给出时")
    prior_rate: float | None = Field(None, description="上年满意度（%）")
    target: str = Field("", description="满意度目标，如“≥90%”")


class Indicator(BaseModel):
    level1: str = Field(description="一级指标，如“产出指标”")
    level2: str = Field("", description="二级指标，如“数量指标”")
    name: str = Field(description="三级指标")
    points: float = Field(description="分值")
    target: str = Field("", description="年度指标值，如“≥8000件”“≤5天”“显著提升”")
    actual: str = Field("", description="实际完成值")
    score: float | None = Field(None, description="得分：定性指标由填报人给出；定量指标由程序计算")
    reason: str = Field("", description="偏差原因")


class ThreePublic(BaseModel):
    """Parts left out were not stated; the total is their sum, or `total` when only it was given."""

    abroad: float | None = Field(None, description="因公出国（境）费（万元）")
    vehicle_purchase: float | None = Field(None, description="公务用车购置费（万元）")
    vehicle_operation: float | None = Field(None, description="公务用车运行维护费（万元）")
    reception: float | None = Field(None, description="公务接待费（万元）")
    total: float | None = Field(None, description="“三公”经费合计（万元），只给出合计时")
    vehicle: float | None = Field(None, description="公务用车购置及运行维护费（万元），购置、运行未分开给出时")
    vehicles: int | None = Field(None, description="公务用车保有量（辆）")
    reception_batches: int | None = Field(None, description="国内公务接待批次")
    reception_visitors: int | None = Field(None, description="国内公务接待人次")
    abroad_prior: float | None = Field(None, description="上年因公出国（境）费（万元）")
    vehicle_operation_prior: float | None = Field(None, description="上年公务用车运行维护费（万元）")
    reception_prior: float | None = Field(None, description="上年公务接待费（万元）")
    budget: float | None = Field(None, description="“三公”经费预算数（万元）")
    prior: float | None = Field(None, description="上年“三公”经费决算数（万元）")


class FunctionLine(BaseModel):
    """One row of a 支出决算表: a 功能分类 subject and its basic and project spending."""

    name: str = Field(description="科目名称，如“一般公共服务支出”或“2010101行政运行”")
    amount: float | None = Field(None, description="支出合计（万元）；不填则为基本支出与项目支出之和")
    basic: float | None = Field(None, description="基本支出（万元）")
    project: float | None = Field(None, description="项目支出（万元）")


class Accounts(BaseModel):
    """部门决算 and 部门整体支出 figures."""

    income: list[Item] = Field(default_factory=list, description="本年收入，按来源（万元）")
    income_total: float | None = Field(None, description="本年收入合计（万元），只给出合计时")
    prior_income: float | None = Field(None, description="上年本年收入合计（万元）")
    carried_in: float | None = Field(None, description="年初结转和结余（万元）")
    basic: float | None = Field(None, description="基本支出（万元）")
    project: float | None = Field(None, description="项目支出（万元）")
    expenditure_total: float | None = Field(None, description="本年支出合计（万元），只给出合计时")
    grand_total: float | None = Field(None, description="收、支总计（万元），只给出总计时")
    carried_out: float | None = Field(None, description="年末结转和结余（万元）")
    personnel: float | None = Field(None, description="人员经费（万元）")
    public: float | None = Field(None, description="公用经费（万元）")
    prior_total: float | None = Field(None, description="上年收、支总计（万元）")
    prior_expenditure: float | None = Field(None, description="上年本年支出合计（万元）")
    three_public: ThreePublic | None = None
    operating_cost: float | None = Field(None, description="机关运行经费（万元）")
    operating_cost_prior: float | None = Field(None, description="上年机关运行经费（万元）")
    procurement: list[Item] = Field(default_factory=list, description="政府采购：货物、工程、服务（万元）")
    procurement_total: float | None = Field(None, description="政府采购支出总额（万元），只给出总额时")
    functions: list[FunctionLine] = Field(default_factory=list, description="按支出功能分类科目的支出（万元）")
    government_fund: float | None = Field(None, description="政府性基金预算财政拨款支出（万元）")
    state_capital: float | None = Field(None, description="国有资本经营预算财政拨款支出（万元）")
    procurement_sme: float | None = Field(None, description="授予中小企业合同金额（万元）")


class Staff(BaseModel):
    quota: int | None = Field(None, description="编制数")
    actual: int | None = Field(None, description="实有人数")


class Narrative(BaseModel):
    background: str = Field("", description="项目（部门）基本情况、立项依据或职能")
    goals: str = Field("", description="绩效目标")
    method: str = Field("", description="评价方法与组织")
    work_done: list[str] = Field(default_factory=list, description="主要工作和成效")
    problems: list[str] = Field(default_factory=list, description="存在问题")
    measures: list[str] = Field(default_factory=list, description="改进措施或建议")
    reasons: list[str] = Field(default_factory=list, description="偏差原因，如预算未执行完的原因")


class Figures(BaseModel):
    report_type: ReportType = "project"
    year: int = Field(description="报告年度")
    unit: str = Field(description="填报单位")
    project: str = Field("", description="项目名称（项目支出报告）")
    rules: str = Field("national-2020", description="评分规则")
    budget: Budget | None = None
    outputs: list[Output] = Field(default_factory=list)
    survey: Survey | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    accounts: Accounts | None = None
    staff: Staff | None = None
    narrative: Narrative = Field(default_factory=Narrative)

    @field_validator("project")
    @classmethod
    def bare_project_name(cls, name: str) -> str:
        """“2024年食品安全抽检项目” → “食品安全抽检”: the title adds the year and “项目支出…” itself."""
        return bare_name(name)

    @property
    def title(self) -> str:
        subject = self.project if self.report_type == "project" and self.project else ""
        return f"{self.unit}{self.year}年度{subject}{type_name(self.report_type)}"


LEADING_YEAR = re.compile(r"^\s*20\d\d\s*年度?")
TRAILING_PROJECT = re.compile(r"(?:项目|专项)+$")


def bare_name(name: str) -> str:
    name = LEADING_YEAR.sub("", name.strip())
    stripped = TRAILING_PROJECT.sub("", name)
    return stripped if len(stripped) >= 2 else name


def load_figures(path: str | Path, report_type: str | None = None) -> Figures:
    """Figures from .yaml/.yml/.json/.xlsx; `report_type` overrides the file's own."""
    path = Path(path)
    if not path.exists():
        raise FiguresError([f"文件不存在：{path}"])
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        elif suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
        elif suffix == ".xlsx":
            from assistant.xlsx import read_workbook

            data = read_workbook(path)
        else:
            raise FiguresError([f"不支持的数据文件类型 {suffix}：请用 .yaml、.json 或 .xlsx"])
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FiguresError([f"文件格式有误：{exc}"]) from exc
    if not isinstance(data, dict):
        raise FiguresError(["数据文件应为“字段: 值”的结构"])
    if report_type:
        data["report_type"] = report_type
    return parse_figures(data)


def parse_figures(data: dict) -> Figures:
    try:
        return Figures.model_validate(data)
    except ValidationError as exc:
        raise FiguresError([describe_error(e) for e in exc.errors()]) from exc


FIELD_NAMES = {"year": "报告年度", "unit": "填报单位", "report_type": "报告类型", "points": "分值", "name": "名称",
               "value": "数值", "amount": "金额", "total": "有效评价数", "satisfied": "满意数", "level1": "一级指标"}


def describe_error(error: dict) -> str:
    where = ".".join(str(p) for p in error["loc"])
    field = FIELD_NAMES.get(str(error["loc"][-1]), where)
    if error["type"] == "missing":
        return f"{field}缺失（{where}）"
    if error["type"] == "literal_error":
        return f"{field}只能是 project、department 或 final-accounts（{where}）"
    return f"{field}的值“{error.get('input')}”无效（{where}）：{error['msg']}"
