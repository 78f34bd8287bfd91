"""Numbers as printed: value, decimals, unit, bound and exact position.

The decimals a report printed decide the rounding interval later (± half a unit in the last
digit), so a number never loses them. Matching runs on folded (half-width) text whose offsets
equal the original's, so `text` is always the report's own characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from retrieval.normalize import fold

MONEY_SCALE = {"元": 0.0001, "万元": 1.0, "亿元": 10000.0}
MULTIPLES = {"万": 10000, "亿": 100000000}
# “17.11万人次” is 171100人次 to the hundred: its decimals count below the 人次, so −2
MULTIPLE_DIGITS = {"万": 4, "亿": 8}
PERCENT_UNITS = ("%", "‰", "百分点")
COUNT_UNITS = ["人次", "批次", "件次", "户次", "个月", "个", "项", "件", "次", "人", "名", "户", "家", "辆", "台", "套", "份", "枚", "条", "天", "小时", "分钟", "个工作日", "工作日", "分", "平方米", "㎡", "公里", "千米", "所", "座", "张", "本", "期", "场", "册"]
UNITS = ["万元", "亿元", "元", "%", "‰", "个百分点", "百分点", *sorted(COUNT_UNITS, key=len, reverse=True)]
BOUNDS = {"≥": ">=", ">=": ">=", ">": ">", "≤": "<=", "<=": "<=", "<": "<", "》": ">", "不低于": ">=",
          "不少于": ">=", "不超过": "<=", "不高于": "<=", "达到": "", "大于": ">", "小于": "<", "超过": ">"}
CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"

_NUMBER = re.compile(
    r"(?P<bound>≥|>=|≤|<=|>|<|》|不低于|不少于|不超过|不高于|大于|小于|超过)?\s*"
    r"(?P<num>(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?)\s*"
    r"(?P<mult>万(?!元)|亿(?!元))?(?P<approx>余|多)?\s*(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")?"
    r"(?P<suffix>以内|以上|以下|左右|余)?"
)
_CN_RUN = re.compile(rf"[{CN_DIGITS}](?:{'|'.join(re.escape(u) for u in COUNT_UNITS)})")
_ANY_DIGIT = re.compile(rf"[0-9{CN_DIGITS}]")
_CN_NUMBER = re.compile(rf"(?P<num>[{CN_DIGITS}]{{1,12}})(?P<unit>{'|'.join(re.escape(u) for u in COUNT_UNITS)})")


@dataclass(frozen=True)
class Number:
    value: float
    decimals: int
    unit: str
    start: int
    end: int
    text: str
    bound: str = ""
    approx: bool = False
    negative: bool = False  # printed with a minus sign (“增长-9.41%”, “-24.98”)

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_SCALE

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "‰")

    @property
    def wan(self) -> float:
        """Money in 万元 (the unit most reports use)."""
        return self.value * MONEY_SCALE[self.unit]

    @property
    def half_unit(self) -> float:
        return 0.5 * 10 ** (-self.decimals)


def _decimals(num: str) -> int:
    return len(num.split(".", 1)[1]) if "." in num else 0


def is_year_or_date(folded: str, match: re.Match) -> bool:
    """2021年, 2021年度, 12月31日, 1月份 and document numbers (〔2020〕10号) are not figures."""
    num, end = match.group("num"), match.end("num")
    after = folded[end : end + 3].lstrip()
    before = folded[max(0, match.start("num") - 1) : match.start("num")]
    if len(num) == 4 and num.startswith(("19", "20")) and not match.group("unit") and after[:1] in "年-/.〕]":
        return True
    if len(num) == 4 and num.startswith(("19", "20")) and match.group("unit") == "年":
        return True
    if len(num) == 4 and num.startswith(("19", "20")) and not match.group("unit") and COMPARISON_BEFORE.search(folded[max(0, match.start("num") - COMPARISON_REACH) : match.start("num")]):
        return True  # “支出预算较2025减少18.23万元”: the year of comparison, its 年 left out
    if after[:1] in ("月", "日", "号", "时", ":") and not match.group("unit"):
        return True
    if not match.group("unit") and "." not in num and after[:1] in (".", "、") and after[1:2] and not after[1:2].isdigit() \
            and (match.start("num") == 0 or folded[match.start("num") - 1] in " \t\n,，;；:：。(（"):
        return True  # list numbering: “2.公务接待费…”, “1、…”
    if not match.group("unit") and before and before in "(（" and after[:1] and after[:1] in ")）" and "." not in num:
        return True  # list numbering “(2)普通初中…”
    return before in ("〔", "[", "第") or after[:1] in ("〕", "]")


COMPARISON_BEFORE = re.compile(r"(?:比|较|与|同)\s*$")
COMPARISON_REACH = 4  # characters before a figure searched for 比/较 (and spaces)
MINUS = "-−－"
MONEY_CONTEXT = re.compile(r"资金|经费|预算|支出|收入|投入|执行|拨付|费|金额")
MONEY_CONTEXT_CHARS = 12


COMPARED_WITH = re.compile(r"(?:比|较|与)(?:上年|去年|上年同期|上一年)的?$")
GROWTH_AFTER = re.compile(r"^\s*(?:增长|下降|增加|减少|相比|同比)")


# “…250万元、殡仪馆设备购置50万、农村公益性公墓建设60万、购买社会组织服务项目64万元”: an item of a
# list of named 万元 amounts, its 元 left out, even when a bracket follows it or the amount before it
# (“…14万元(社会工作与志愿服务14万元)、残疾人福利项目34万(福康工程)”)
# (only “、” joins such a list: “资金120万元，受益人数1.2万” is a count of people)
LISTED_AFTER_WAN_YUAN = re.compile(r"\d\s*万元\s*[)）]?\s*、[^\d、,，。；;:：()（）]{1,20}$")
LISTED_AFTER_BRACKETED = re.compile(r"\d\s*万元\s*[)）]\s*、[^\d、,，。；;:：()（）]{1,20}$")
COUNTED_IN_BRACKET = re.compile("|".join(re.escape(u) for u in [*COUNT_UNITS, "亩"]))  # “1.5万（人次）”: not money
LISTED_BEFORE_WAN_YUAN = re.compile(r"^\s*、[^\d、,，。；;:：()（）]{1,20}\d[\d.,]*\s*万元")


def bare_multiple_is_money(folded: str, match: re.Match) -> bool:
    """“29.6万” at a clause's end after words about money, or among named 万元 amounts, is 万元;
    “比上年的3.92亿增长0.37%” after a figure in 亿元 is 亿元."""
    after = folded[match.end("mult") : match.end("mult") + 1]
    before = re.split(r"[,，。；;:：、]", folded[max(0, match.start() - MONEY_CONTEXT_CHARS) : match.start()])[-1]
    if after in "(（":  # “…14万元(社会工作与志愿服务14万元)、残疾人福利项目34万(福康工程)”: like the item before it
        bracketed = LISTED_AFTER_BRACKETED.search(folded[: match.start()])
        inside = folded[match.end("mult") :].split(")")[0].split("）")[0]
        return match.group("mult") == "万" and bool(bracketed) and not COUNTED_IN_BRACKET.search(inside)
    if not after or after in ",，。；;、)） \n":
        listed = LISTED_AFTER_WAN_YUAN.search(folded[: match.start()]) or LISTED_BEFORE_WAN_YUAN.match(folded[match.end("mult") :])
        if MONEY_CONTEXT.search(before) or listed:
            return match.group("mult") == "万"
    compared = COMPARED_WITH.search(folded[: match.start()]) and GROWTH_AFTER.match(folded[match.end("mult") :])
    return bool(compared) and match.group("mult") + "元" in folded[: match.start()]


def parse_numbers(text: str) -> list[Number]:
    """Every figure in a line of text, with its unit, bound and the decimals it was printed with."""
    folded = fold(text)
    if not _ANY_DIGIT.search(folded):
        return []
    numbers: list[Number] = []
    for match in _NUMBER.finditer(folded):
        if not match.group("num") or is_year_or_date(folded, match):
            continue
        raw = match.group("num").replace(",", "")
        unit = (match.group("unit") or "").replace("个百分点", "百分点")
        if unit == "年":
            continue
        value = float(raw)
        start = match.start("bound") if match.group("bound") else match.start("num")
        end = match.end("unit") if unit else match.end("num")
        if match.group("mult"):
            if not unit and bare_multiple_is_money(folded, match):
                unit, end = match.group("mult") + "元", match.end("mult")  # “执行数29.6万”, “比上年的3.92亿增长”
            elif not unit:
                continue  # “3.6万” with no unit says too little to check
            else:
                value *= MULTIPLES[match.group("mult")]
        end = max(end, match.end("approx") or 0)
        approx = bool(match.group("approx")) or (match.group("suffix") in ("余", "左右"))
        bound = BOUNDS.get(match.group("bound") or "", "") or {"以内": "<=", "以上": ">="}.get(match.group("suffix") or "", "")
        negative = match.start("num") > 0 and folded[match.start("num") - 1] in MINUS and not match.group("bound") \
            and (match.start("num") < 2 or not folded[match.start("num") - 2].isdigit())
        decimals = _decimals(raw) - (MULTIPLE_DIGITS[match.group("mult")] if match.group("mult") and unit != match.group("mult") + "元" else 0)
        numbers.append(Number(value, decimals, unit, start, end, text[start:end], bound, approx, negative))
    numbers = share_units(folded, numbers)
    numbers.extend(_chinese_numbers(text, folded, numbers))
    return sorted(numbers, key=lambda n: n.start)


ENUMERATION = re.compile(r"^\s*[、,，和及与]\s*$")


def share_units(folded: str, numbers: list[Number]) -> list[Number]:
    """“减少100.00、80.00万元”: a bare figure in an enumeration takes the unit of the one after it."""
    out = list(numbers)
    for i in range(len(out) - 2, -1, -1):
        bare, nxt = out[i], out[i + 1]
        if not bare.unit and nxt.unit and not bare.bound and ENUMERATION.match(folded[bare.end : nxt.start]):
            out[i] = replace(bare, unit=nxt.unit)
    return out


def _chinese_numbers(text: str, folded: str, arabic: list[Number]) -> list[Number]:
    if not _CN_RUN.search(folded):
        return []
    import cn2an

    found = []
    taken = [(n.start, n.end) for n in arabic]
    for match in _CN_NUMBER.finditer(folded):
        num = match.group("num")
        if num in ("一", "两") and match.group("unit") in ("个", "项", "次", "件"):
            continue  # 一个/一项 are words more often than figures
        if any(s <= match.start() < e for s, e in taken):
            continue
        try:
            value = float(cn2an.cn2an(num, "smart"))
        except (ValueError, KeyError):
            continue
        found.append(Number(value, 0, match.group("unit"), match.start(), match.end(), text[match.start():match.end()]))
    return found
