"""What a report states between its figures. Checks verify these relations and only these.

`ambiguous` holds the reason a reading is uncertain (a list that may be partial, a subject that
could be either of two figures); a check may then say a note at most.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.validation.statements.facts import Fact


@dataclass(eq=False)
class Breakdown:
    """“A，其中：B、C、D”: a total and its parts."""

    total: Fact | None  # None when the whole is only named (“…支出决算中，A，占X%；B，占Y%”)
    parts: list[Fact]
    completeness: str  # complete | partial | unknown
    evidence: str = ""  # what says so (“分别为”, “其他”, shares adding to 100%…)
    ambiguous: str = ""
    shares: list[Fact | None] = field(default_factory=list)  # the 占X% after each part, if any
    alternates: list[Fact] = field(default_factory=list)  # other figures before the marker the list may break down


@dataclass(eq=False)
class Change:
    """“比上年增加A万元，增长B%”, “较上年的X万元减少Y万元”, “与上年持平”."""

    subject: str
    current: Fact | None
    prior: Fact | None
    amount: Fact | None
    rate: Fact | None
    direction: str  # up | down | flat
    base: str  # 上年 | 预算
    anchor_sentence: object = None  # the Sentence holding the comparison words
    anchor_start: int = 0
    anchor_end: int = 0
    ambiguous: str = ""
    doubt: str = ""  # a reading likely but not certain (the figure compared is named a little differently): at most a warning


@dataclass(eq=False)
class ChangeList:
    """A total's change and its parts' changes listed after it (“增加15.15万元。其中：公务接待费减少
    0.26万元，公务用车运行维护费增加14.79万元”)."""

    total: Change
    parts: list[Change]
    bound: bool  # parts left out are 0 this year: the total's change is at most the listed parts'
    doubt: str = ""  # an optional standard part neither listed nor stated


@dataclass(eq=False)
class Share:
    """“B万元，占X%”, “占本年支出合计的X%”: part ÷ whole."""

    part: Fact
    rate: Fact
    whole: Fact | None  # a stated whole, when known
    candidates: list[Fact] = field(default_factory=list)  # other figures the whole could be
    siblings: list[Fact] = field(default_factory=list)  # all parts of its list, when their sum may be the whole
    ambiguous: str = ""
    group: str = ""  # shares of one whole share a group: its list, or the whole's name


@dataclass(eq=False)
class Ratio:
    """A rate with its inputs: 执行率 = 执行数 ÷ 预算数, 满意率 = 满意数 ÷ 问卷数, 完成预算 = 决算 ÷ 预算."""

    name: str
    rate: Fact
    numerators: list[Fact]
    denominators: list[Fact]  # every figure the denominator could be: one reading each
    ambiguous: str = ""
    remainder: Fact | None = None  # “完成预算X%…结余Y万元”: the budget is numerator + remainder
    doubt: str = ""  # why the inputs are less certain than one sentence's: at most a warning


@dataclass(eq=False)
class Remainder:
    """结余 = 预算 − 支出."""

    remainder: Fact
    budgets: list[Fact]
    spent: Fact
    ambiguous: str = ""


@dataclass(eq=False)
class CompletionWords:
    """“完成预算X%” against “决算数与预算数持平 / 小于 / 大于预算数（Y万元）”."""

    rate: Fact
    relation: str  # equal | less | more
    words: str
    difference: Fact | None = None  # “大于预算数55.93万元”
    final: Fact | None = None


@dataclass(eq=False)
class AnnualGrowth:
    """“年均增长X%” over `years` years: from the first and last years' figures, or from the growth
    over the whole span."""

    rate: Fact
    years: int
    first: Fact | None = None
    last: Fact | None = None
    total: Fact | None = None  # “比2015年增长76.48%”


@dataclass(eq=False)
class CarryForward:
    """年末结转和结余 = 年初结转和结余 + 本年收入 (+ 用事业基金弥补) − 本年支出 (− 结余分配)."""

    opening: Fact
    income: Fact
    spending: Fact
    closing: Fact
    added: Fact | None = None
    taken: Fact | None = None
    fund: str = ""  # the words before each role (“一般公共预算财政拨款”), the same for all


@dataclass(eq=False)
class PointGap:
    """“比上年的10.54%增加了0.78个百分点”: the gap between two rates, in percentage points."""

    subject: Fact
    other: Fact
    gap: Fact
    direction: int  # +1 the subject is said to be higher, −1 lower, 0 the words do not say
    doubt: str = ""
    ambiguous: str = ""
