"""How sure the text is that a list's parts are its whole: a complete marker, an “其他” item, a
standard identity, every grade, shares adding to 100%, a parallel list that adds up; or a partial
marker and “…等”."""

from __future__ import annotations

import re

from assistant.intervals import Interval, around, total
from assistant.numbers import MONEY_SCALE
from assistant.validation.statements.binding import (
    compatible,
    function_class_of,
    identities,
    identity_for,
    identity_named,
    normal,
    term_matches,
)
from assistant.validation.statements.brackets import BRACKET_LIST, BRACKETED, depths, visible_from
from assistant.validation.statements.document import ReadSentence
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.relations import Breakdown
from assistant.validation.statements.vocabulary import alternation, vocabulary

ETC = re.compile(r"^[^，,；;。]*?等")


PARALLEL_EVIDENCE = "文中同名分项的另一清单恰好合计成立"


MIN_PARALLEL_PARTS = 3  # two names alike in two lists is too common a coincidence (基本支出、项目支出)


CLASSIFICATION_ITEM = re.compile(r"\(类\).*\(款\).*\(项\)")


def part_names(b: Breakdown) -> tuple[str, ...] | None:
    names = [normal(p.name) for p in b.parts]
    return tuple(sorted(names)) if all(names) and len(set(names)) == len(names) else None


def complete_by_parallel(found: list[Breakdown]) -> None:
    """A list naming the same parts as another list of the report that adds up to its own total
    (the 申请 and the 完成 of one project, item by item) names every part of its total too."""
    whole = {part_names(b) for b in found if b.total is not None and len(b.parts) >= MIN_PARALLEL_PARTS
             and adds_up(b.total, b.parts)} - {None}
    for b in found:
        if b.completeness == "unknown" and b.total is not None and part_names(b) in whole:
            b.completeness, b.evidence = "complete", PARALLEL_EVIDENCE


def standard_part_of(name: str, whole: str) -> bool:
    identity = identity_named(whole)
    return identity is not None and any(term_matches(name, aliases)
                                        for aliases in identity["parts"] + identity.get("optional", []))


def siblings(a: str, b: str, whole: str = "") -> bool:
    """Two different standard parts of one total (公务接待费 and 公务用车购置及运行维护费), of `whole` when
    it is named (基本支出: 人员经费 and 公用经费, or 工资福利支出 and 商品和服务支出)."""
    for identity in identities():
        if whole and not term_matches(whole, identity["total"]):
            continue
        terms = identity["parts"] + identity.get("optional", [])
        first = next((i for i, aliases in enumerate(terms) if term_matches(a, aliases)), None)
        second = next((i for i, aliases in enumerate(terms) if term_matches(b, aliases)), None)
        if first is not None and second is not None and first != second:
            return True
    return False


def adds_up(total_fact: Fact, parts: list[Fact]) -> bool:
    """Parts that add up to the total (within rounding) break down the total, not a change between
    them (“支出合计12638.86万元,较上年增加5117.19万元…其中:基本支出1591.79万元…；项目支出11047.07万元”)."""
    whole = total_fact.number
    if len(parts) < 2 or not all(compatible(p.number, whole) for p in parts):
        return False
    scaled = []
    for part in parts:
        factor = MONEY_SCALE[part.number.unit] / MONEY_SCALE[whole.unit] if part.number.is_money and whole.is_money else 1.0
        interval = around(part.number.value, part.number.decimals)
        scaled.append(Interval(interval.lo * factor, interval.hi * factor))
    return total(scaled).overlaps(around(whole.value, whole.decimals))


def how_complete(item: ReadSentence, marker: str, total_fact: Fact | None, parts: list[Fact],
                 whole_name: str = "") -> tuple[str, str]:
    """Whether a list names all its whole's parts; `whole_name` stands for a whole only named."""
    words = vocabulary()
    other = re.compile(alternation(words.words("other_part")))
    if marker in words.words("complete_markers"):
        return "complete", said_by(marker)
    if any(other.search(p.label) for p in parts):
        return "complete", "列有“其他”项"
    if identity_for(total_fact.name if total_fact else whole_name, [p.name for p in parts]):
        return "complete", "标准构成"
    if total_fact is not None and standard_parts_adding_up(total_fact, parts):
        return "complete", "分项恰为标准构成且合计相符"
    if all(CLASSIFICATION_ITEM.search(p.sentence.clean[: p.number.start]) for p in parts):
        return "complete", "按功能分类科目逐项列示"
    if marker not in words.words("partial_markers") and every_function_class(parts):
        return "complete", "按支出功能分类逐类列示"
    if every_grade(parts):
        return "complete", "按全部评价等级列示"
    shares = [share_after(item, p) for p in parts]
    if all(shares) and len(shares) >= 2:
        stated = total([around(s.number.value, s.number.decimals) for s in shares])
        if stated.lo <= 100 <= stated.hi:
            return "complete", "各项占比合计100%"
    if marker in words.words("partial_markers") or ends_with_etc(item, parts):
        return "partial", said_by(marker)
    if marker == BRACKET_LIST:  # often all the parts, yet a bracket may name only the main ones or belong
        return "unknown", BRACKETED  # to an earlier figure (“净资产3.7万亿元（行政单位资产0.8万亿元，…）”)
    return "unknown", ""


def said_by(marker: str) -> str:
    """The evidence a list's own words give (“分别为”): it stands whatever parts the list loses."""
    return f"“{marker}”"


def marker_said(evidence: str) -> bool:
    return evidence.startswith("“")


MIN_CLASSES = 3  # two 类 named side by side are often the main ones only


def every_function_class(parts: list[Fact]) -> bool:
    """Parts that are each a different 支出功能分类 类, one of them stated as 0: the classes the
    budget has, listed one by one."""
    classes = [function_class_of(p.name) for p in parts]
    return (len(parts) >= MIN_CLASSES and None not in classes and len(set(classes)) == len(classes)
            and any(p.number.value == 0 for p in parts))


def standard_parts_adding_up(total_fact: Fact, parts: list[Fact]) -> bool:
    """Parts that are each required part of one standard breakdown, and nothing else, adding up to a
    total whatever its name (“一般财政拨款收入支出预算1,779.74万元…其中基本支出预算249.78万元…项目支出
    预算1,529.96万元”)."""
    for identity in identities():
        required = identity["parts"]
        if len(parts) == len(required) and all(sum(term_matches(p.name, aliases) for p in parts) == 1 for aliases in required):
            return adds_up(total_fact, parts)
    return False


def every_grade(parts: list[Fact]) -> bool:
    """Parts named by every grade once (“自评“优”的项目…；“良”的…；“中”的…；“差”的…”)."""
    names = vocabulary().data["grade_words"]["names"]
    quoted = re.compile(r"[“\"'‘]\s*(" + alternation(list(names)) + r")\s*[”\"'’]")
    found = []
    for i, part in enumerate(parts):
        previous = parts[i - 1] if i and parts[i - 1].sentence is part.sentence else None
        grades = quoted.findall(part.sentence.clean[previous.number.end if previous else 0 : part.number.start])
        if len(grades) != 1:
            return False
        found.append(names[grades[0]])
    return len(found) == len(set(found)) == len(set(names.values()))


def share_after(item: ReadSentence, part: Fact) -> Fact | None:
    """The “占X%” that follows a part in its own or the next clause (past a bracket of details)."""
    depth = depths(item.sentence.clean)
    for fact in item.facts:
        if fact.role == "share" and fact.number.start > part.number.end and fact.clause <= part.clause + 1:
            between = [f for f in item.values() if part.number.end <= f.number.start < fact.number.start
                       and visible_from(depth, f.number.start, fact.number.start)]
            return None if between else fact
    return None


def ends_with_etc(item: ReadSentence, parts: list[Fact]) -> bool:
    last = parts[-1]
    if last.sentence is not item.sentence:
        return False
    return bool(ETC.match(item.sentence.clean[last.number.end :]))
