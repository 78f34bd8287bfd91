"""Figures → a complete, checked draft, section by section, offline or with an LLM.

For each section: the offline text from the skeleton; the exemplars of that section from the
corpus (numbers masked); in LLM mode the model rewrites the section in the exemplars' phrasing
from the computed figures only. Every section is then grounding-checked; a section with a number
no figure accounts for gets one repair request and otherwise falls back to its offline text.
Finally the whole draft goes through the validator.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.derive import Values, derive
from assistant.drafting.grounding import Allowed, allowed_numbers, grounding_findings
from assistant.drafting.masking import mask_numbers
from assistant.drafting.numbering import renumber_text, renumber_titles
from assistant.drafting.offline import PLACEHOLDER, REGISTER, Slots, build_slots, render_paragraphs
from assistant.drafting.skeletons import SectionSpec, skeleton
from assistant.figures import Figures
from assistant.prompts import render
from assistant.validation.model import Finding, Location
from assistant.validation.validator import validate
from retrieval.report_types import type_name

Events = Callable[[str, str], None]  # (kind, text): "section", "token", "notice"
LLM_SKIPPED = {"table", "glossary", "part2", "tables"}


@dataclass
class Section:
    id: str
    title: str
    text: str
    sources: list[str] = field(default_factory=list)
    source_sections: list[str] = field(default_factory=list)
    mode: str = "offline"
    exemplars: list[dict] = field(default_factory=list)


@dataclass
class Draft:
    title: str
    sections: list[Section]
    findings: list[Finding]
    mode: str
    values: Values
    notices: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # 自评表 rows whose targets are still to be given

    def markdown(self) -> str:
        parts = [f"# {self.title}", ""]
        for section in self.sections:
            parts += [f"## {section.title}", ""]
            if section.text:
                parts += [section.text, ""]
        return "\n".join(parts)

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "sections": [{"title": s.title, "text": s.text, "sources": s.sources, "source_sections": s.source_sections,
                          "mode": s.mode} for s in self.sections],
            "findings": [f.as_json() for f in self.findings],
            "mode": self.mode,
            "notices": self.notices,
            "figures": self.values.table(),
            "pending": self.pending,
        }

    @classmethod
    def from_json(cls, data: dict) -> Draft:
        """A saved version, as far as reading and exporting it need (figures are not rebuilt)."""
        sections = [Section("", s["title"], s["text"], s.get("sources", []), s.get("source_sections", []), s.get("mode", "offline"))
                    for s in data["sections"]]
        findings = [Finding(**{**f, "location": Location(**f["location"])}) for f in data.get("findings", [])]
        return cls(data["title"], sections, findings, data.get("mode", "offline"), Values(), data.get("notices", []),
                   data.get("pending", []))


def section_keys(spec: SectionSpec) -> set[str]:
    texts = [option for paragraph in spec.paragraphs for option in paragraph.options]
    return {m.group(1) for t in texts for m in PLACEHOLDER.finditer(t)}


def figures_for_prompt(spec: SectionSpec, values: Values, slots: Slots) -> str:
    """The section's figures with their formulas, and the composed phrases (lists, narrative) it uses."""
    keys = section_keys(spec)
    composed = sorted(k for k in keys if k.endswith(("_text", "_list")) or k.startswith("narrative."))
    prefixes = tuple(k.split(".")[0] + "." for k in composed if k.endswith("_list"))
    lines = [f"- {v.label}：{v.text}{v.unit}（{v.formula}）" for k, v in values.items() if k in keys or k.startswith(prefixes)]
    lines += [f"- {k}：{slots[k]}" for k in composed if slots.get(k)]
    return "\n".join(lines) or "（本节无数字）"


def attach_exemplars(section: Section, store, spec: SectionSpec, report_type: str) -> list:
    """The section's exemplar passages from prior reports (kept on the section, numbers masked, for
    the reader and the model); the raw hits are returned for reusing their phrasing."""
    from retrieval.search import exemplars

    hits = exemplars(store, f"{section.title} {spec.query}", report_type, k=EXEMPLARS)
    section.source_sections = [f"{h.source} › {h.section}" for h in hits]
    section.exemplars = [{"source": h.source, "section": h.section, "title": report_title(h), "text": mask_numbers(h.text)}
                         for h in hits]
    return hits


def report_title(hit) -> str:
    """The prior report a passage came from as a reader names it (“南县政协2021年度…评价报告”), not its file."""
    title, unit = hit.metadata.get("document_title", ""), hit.metadata.get("department", "")
    return (title if not unit or unit in title else unit + title) or hit.source


EXEMPLARS = 3
EXTRA_SENTENCES = 2  # exemplar sentences a “写具体一些” revision may add to a section


def in_own_voice(paragraphs: list[tuple[str, frozenset[str]]], hits: list, values: Values, figures: Figures,
                 style: str) -> tuple[list[str], list[str]]:
    """Paragraph texts with each skeleton sentence replaced by a prior report's sentence stating the
    same figures (this year's values), plus, for a specific revision, further reusable sentences;
    and the sources of the sentences used."""
    from assistant.drafting.phrasing import exemplar_sentences

    own = (figures.unit, f"{figures.project}项目", figures.project)
    found = exemplar_sentences([(h.source, h.text) for h in hits], values, figures.year, own)
    used: list = []
    texts = []
    for text, keys in paragraphs:
        figures = frozenset(k for k in keys if k in values and k != "year")  # years are moved, not matched
        match = next((e for e in found if e.keys == figures and e not in used), None) if figures else None
        if match:
            used.append(match)
        texts.append(match.text if match else text)
    if style == "specific":
        stated = set().union(*(keys for _, keys in paragraphs)) if paragraphs else set()
        extra = [e for e in found if e not in used and not e.keys <= stated][:EXTRA_SENTENCES]
        used += extra
        texts += [e.text for e in extra]
    return texts, list(dict.fromkeys(e.source for e in used))


class LLMDrafter:
    def __init__(self, model, figures: Figures, allowed: list[Allowed], events: Events | None) -> None:
        self.model = model
        self.figures = figures
        self.allowed = allowed
        self.events = events or (lambda kind, text: None)
        self.system = render("system", report_type_name=type_name(figures.report_type))

    def write(self, section: Section, spec: SectionSpec, values: Values, slots: Slots, instruction: str = "") -> str | None:
        """The model's section text when it is grounded (after at most one repair), else None."""
        from assistant.drafting.llm import LLMError

        figures = figures_for_prompt(spec, values, slots)
        exemplars = "\n---\n".join(e["text"] for e in section.exemplars) or "（无）"
        prompt = render("draft_section", report_title=self.figures.title, section_title=section.title, figures=figures,
                        exemplars=exemplars, baseline=section.text, instruction=instruction)
        try:
            text = clean(self.model.complete(self.system, prompt, lambda t: self.events("token", t)))
            problems = grounding_findings(section.title, text, self.allowed)
            if problems:
                self.events("notice", f"“{section.title}”中有来源不明的数字，已请模型改正")
                listed = "\n".join(f"- {p.message}" for p in problems)
                repair = render("repair", section_title=section.title, findings=listed, figures=figures, draft=text)
                text = clean(self.model.complete(self.system, repair))
                if grounding_findings(section.title, text, self.allowed):
                    self.events("notice", f"“{section.title}”改正后仍有来源不明的数字，改用程序生成的文本")
                    return None
            if coverage(section.text, text) < MIN_COVERAGE:
                self.events("notice", f"“{section.title}”的模型稿遗漏了本节的主要数字，改用程序生成的文本")
                return None
            return text
        except LLMError as exc:
            self.events("notice", f"“{section.title}”调用模型失败：{exc}；改用程序生成的文本")
            return None


MIN_COVERAGE = 0.6


def coverage(baseline: str, text: str) -> float:
    """Share of the baseline's figures that the model's text still states."""
    from assistant.numbers import parse_numbers

    wanted = {(n.value, n.unit) for n in parse_numbers(baseline) if n.unit}
    if len(wanted) < 2:
        return 1.0
    return len(wanted & {(n.value, n.unit) for n in parse_numbers(text)}) / len(wanted)


def clean(text: str) -> str:
    """Drop a repeated section title and code fences the model may add."""
    text = re.sub(r"^```\w*\n?|```$", "", text.strip()).strip()
    return re.sub(r"^#+\s*.*\n", "", text) if text.startswith("#") else text


def draft(figures: Figures, store=None, model=None, events: Events | None = None,
          only: set[str] | None = None, instruction: str = "", styles: dict[str, str] | None = None) -> Draft:
    """The whole report; `only` limits LLM rewriting to some section ids (others stay offline);
    `styles` maps section ids to how a revision asked for them (specific, shorter)."""
    styles = styles or {}
    values, rules = derive(figures)
    slots = build_slots(figures, values, styles)
    plan = skeleton(figures.report_type)
    allowed = allowed_numbers(figures, values)
    writer = LLMDrafter(model, figures, allowed, events) if model is not None else None
    notices: list[str] = []
    if writer:
        writer.events = _collecting(events, notices)
    sections = []
    for spec in plan.sections:
        title = slots.fill(spec.title) or spec.title
        paragraphs = render_paragraphs(spec, slots, styles.get(spec.id, ""), styles.get(REGISTER + spec.id, ""))
        section = Section(spec.id, title, "\n".join(text for text, _ in paragraphs))
        if store is not None and paragraphs:
            hits = attach_exemplars(section, store, spec, figures.report_type)
            texts, section.sources = in_own_voice(paragraphs, hits, values, figures, styles.get(spec.id, ""))
            section.text = "\n".join(texts)
        if writer and section.text and spec.id not in LLM_SKIPPED and (only is None or spec.id in only):
            if events:
                events("section", title)
            written = writer.write(section, spec, values, slots, instruction)
            if written:
                section.text, section.mode = written, "llm"
        if section.text or not spec.paragraphs:  # an empty 自评表 is left out; part headings stay
            sections.append(section)
    number_whole(sections)
    title = slots.fill(plan.title) or figures.title
    result = Draft(title, sections, [], "llm" if model is not None else "offline", values, notices)
    result.findings = check_draft(result, allowed, rules)
    return result


def number_whole(sections: list[Section]) -> None:
    """Part headings with nothing under them dropped, then whole numbering of titles and headings."""
    kept = [s for i, s in enumerate(sections) if s.text or (i + 1 < len(sections) and sections[i + 1].text)]
    sections[:] = kept
    for section, title in zip(sections, renumber_titles([s.title for s in sections]), strict=True):
        section.title, section.text = title, renumber_text(section.text)


def _collecting(events: Events | None, notices: list[str]) -> Events:
    def handle(kind: str, text: str) -> None:
        if kind == "notice":
            notices.append(text)
        if events:
            events(kind, text)

    return handle


def check_draft(result: Draft, allowed: list[Allowed], rules) -> list[Finding]:
    """Grounding of every section plus the validator over the whole text (lines as in markdown())."""
    findings: list[Finding] = []
    line = 3
    for section in result.sections:
        line += 2
        if section.text:
            findings += grounding_findings(section.title, section.text, allowed, first_line=line)
            line += section.text.count("\n") + 2
    plain = "\n".join(re.sub(r"^#+\s*", "", row) for row in result.markdown().split("\n"))
    findings += validate(plain, rules).findings
    return findings
