"""The phrasings of `assistant/rules/statements.yaml`, compiled once: the parser's only vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import yaml

from assistant.rules import RULES_DIR


def alternation(words: list[str]) -> str:
    """Words as one regex alternation, longest first (entries may themselves be patterns)."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class RateName:
    name: str
    words: tuple[str, ...]
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]


class Vocabulary:
    def __init__(self, data: dict) -> None:
        self.data = data
        self._patterns: dict[tuple[str, str, str], re.Pattern[str]] = {}

    def words(self, key: str) -> list[str]:
        """An entry's words; “entry.field” names another list the entry holds (`closing_totals.chain_words`)."""
        name, _, field = key.partition(".")
        entry = self.data[name]
        if field:
            return entry[field]
        return entry["words"] if isinstance(entry, dict) else entry

    def value(self, key: str):
        """A setting held with its example (`partial_list_share`, `anchor_tail`)."""
        return self.data[key]["value"]

    def pattern(self, key: str, suffix: str = "", prefix: str = "") -> re.Pattern[str]:
        found = self._patterns.get((key, suffix, prefix))
        if found is None:
            found = self._patterns[(key, suffix, prefix)] = re.compile(prefix + alternation(self.words(key)) + suffix)
        return found

    @cached_property
    def list_marker(self) -> re.Pattern[str]:
        return self.pattern("list_markers", r"\s*[:：]?")

    @cached_property
    def change_list_marker(self) -> re.Pattern[str]:
        """A list marker, or words that open the changes of the parts after a total's change."""
        return re.compile(alternation(self.words("list_markers") + self.words("change_list_markers")) + r"\s*[:：]?")

    @cached_property
    def anchors(self) -> list[tuple[str, re.Pattern[str]]]:
        tail = self.value("anchor_tail")
        return [(entry["base"], re.compile(alternation(entry["words"]) + tail)) for entry in self.data["change_anchors"]["bases"]]

    @cached_property
    def any_anchor(self) -> re.Pattern[str]:
        words = [w for entry in self.data["change_anchors"]["bases"] for w in entry["words"]]
        return re.compile(alternation(words) + self.value("anchor_tail"))

    @cached_property
    def direction(self) -> re.Pattern[str]:
        """A growth word right before a figure: group `up` or `down` tells which."""
        up, down = alternation(self.words("growth_up")), alternation(self.words("growth_down"))
        fillers = alternation(self.words("growth_fillers"))
        return re.compile(rf"[(（]?(?:(?P<up>{up})(?:/{down})?|(?P<down>{down})(?:/{up})?)\s*(?:了)?\s*[)）]?\s*(?:{fillers})?\s*$")

    @cached_property
    def share(self) -> re.Pattern[str]:
        """“占”, “占比”, “占…的” right before a figure; group `whole` names the whole when stated, group
        `part` the part when the share is said of it (“税收占比91.4%”, “税收收入占县级一般公共预算收入的57.7%”)."""
        words = alternation(self.words("share_words"))
        return re.compile(rf"(?:(?:^|[^\u4e00-\u9fff“”]|的|(?:^|(?<=[^\u4e00-\u9fff“”]))(?P<part>[\u4e00-\u9fff“”]{{2,16}}?))"
                          rf"(?:{words})\s*(?:(?P<whole>[^\d,，;；:：。%]{{2,24}}?)(?:的|之|(?=比重|比例|比率|比(?:为|是))|\s*$))?)"
                          rf"\s*(?:比重|比例|比率|比)?\s*(?:为|是|达到?)?\s*$")

    @cached_property
    def rates(self) -> list[RateName]:
        return [RateName(r["name"], tuple(r["words"]), tuple(r["numerator"]), tuple(r["denominator"]))
                for r in self.data["rates"]]

    @cached_property
    def rate_word(self) -> re.Pattern[str]:
        words = [w for rate in self.rates for w in rate.words]
        return re.compile(rf"(?P<word>{alternation(words)})\s*(?:分别)?\s*(?:为|是|达到|达|:|：)?\s*$")

    @cached_property
    def completion(self) -> re.Pattern[str]:
        return re.compile(alternation(self.words("completion")) + r"\s*$")

    @cached_property
    def measures(self) -> list[tuple[str, str]]:
        """(measure, word) pairs, longest word first."""
        pairs = [(name, word) for name, words in self.data["measures"].items() if name != "example" for word in words]
        return sorted(pairs, key=lambda p: len(p[1]), reverse=True)

    @cached_property
    def label_opener(self) -> re.Pattern[str]:
        return re.compile(r"^(?:" + alternation(self.words("label_openers")) + r"\s*[:：]?\s*)+")

    @cached_property
    def label_closer(self) -> re.Pattern[str]:
        return re.compile(r"(?:" + alternation(self.words("label_closers")) + r")+\s*$")

    @cached_property
    def generic_names(self) -> frozenset[str]:
        return frozenset(self.words("generic_names"))

    @cached_property
    def named_suffix(self) -> re.Pattern[str]:
        return re.compile(alternation(self.words("named_suffixes")) + "$")

    @cached_property
    def prior_word(self) -> re.Pattern[str]:
        return re.compile(alternation(self.words("prior_words")))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary(yaml.safe_load((RULES_DIR / "statements.yaml").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def function_classes() -> list[str]:
    """The 类 of the 支出功能分类 (classification.yaml), none of which holds another."""
    data = yaml.safe_load((RULES_DIR / "classification.yaml").read_text(encoding="utf-8"))
    return data["function_classes"]["names"]
