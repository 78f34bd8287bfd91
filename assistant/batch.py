"""Batch review: many reports (files, folders, .zip archives) checked in one go, each with its unit,
type and year, plus the cross-year check between them and against the corpus.

One report that cannot be read becomes a result with a Chinese reason and never stops the batch.
Archives are unpacked into a temporary folder under sanitised names (no `..`, no absolute paths),
within a size and file-count limit; the folder lives as long as the inputs and results that use it.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from assistant.rules import RuleSet, load_rules
from assistant.validation.cross_year import CHECK as CROSS_YEAR
from assistant.validation.cross_year import YearFacts, compare, read_year_facts
from assistant.validation.model import SEVERITY_ORDER, Finding, Report
from assistant.validation.validator import validate
from retrieval.documents import Document
from retrieval.loaders import MAX_BYTES, MAX_UNZIPPED_BYTES, SUPPORTED, LoadError, load, load_text
from retrieval.report_types import UNKNOWN
from retrieval.structure import department, fiscal_year, report_type

Progress = Callable[[int, int, str], None]
ARCHIVE = ".zip"
MAX_ARCHIVE_FILES = 2000
MAX_ARCHIVE_DEPTH = 2  # an archive inside an archive is unpacked; one more level is not
IGNORED_PREFIXES = (".", "~$", "__MACOSX")  # hidden files, Word's lock files, macOS archive litter
UTF8_NAMES = 0x800  # zip flag: member names are UTF-8; otherwise Chinese Windows wrote them in GBK
ENCRYPTED = 0x1
COPY_CHUNK = 1 << 20


@dataclass
class ReportInput:
    source: str  # the name results show: the file's name, or its path inside the folder or archive
    path: Path | None  # where to read it; None when it will not be read (`problem` says why)
    problem: str = ""
    keep: object = field(default=None, repr=False, compare=False)  # the temporary folder of its archive


@dataclass
class ReportResult:
    source: str
    unit: str = ""
    report_type: str = UNKNOWN  # an id of retrieval/report_types.yaml
    year: int | None = None
    claims: int = 0
    findings: list[Finding] = field(default_factory=list)
    error: str = ""  # why the file could not be read (Chinese); then nothing else is set
    text: str = ""  # the text that was checked
    path: Path | None = None
    keep: object = field(default=None, repr=False, compare=False)

    def report(self) -> Report:
        return Report(self.source, self.claims, self.findings)

    def as_json(self) -> dict:
        data = self.report().as_json()
        if self.error:
            data["error"] = self.error
        return data

    def count(self, severity: str) -> int:
        return self.report().count(severity)

    def at_least(self, severity: str) -> list[Finding]:
        return self.report().at_least(severity)


def ignored(name: str) -> bool:
    return any(part.startswith(IGNORED_PREFIXES) for part in PurePosixPath(name).parts)


@dataclass
class Budget:
    """What all the archives of one collection may unpack, together (nested zip bombs included)."""

    bytes: int = field(default_factory=lambda: MAX_UNZIPPED_BYTES)
    files: int = field(default_factory=lambda: MAX_ARCHIVE_FILES)


def collect_reports(paths: Iterable[str | Path]) -> list[ReportInput]:
    """The reports to check: files as named, supported files anywhere under folders, the contents
    of .zip archives. Unsupported files inside folders and archives are listed with a reason."""
    inputs: list[ReportInput] = []
    budget = Budget()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inputs.extend(from_folder(path, path.name or str(path), budget))
        elif path.suffix.lower() == ARCHIVE and path.is_file():
            inputs.extend(from_archive(path, path.name, budget, depth=1))
        else:
            inputs.append(ReportInput(path.name or str(path), path))
    return inputs


def from_folder(folder: Path, shown: str, budget: Budget, depth: int = 0, keep: object = None) -> list[ReportInput]:
    inputs: list[ReportInput] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if ignored(relative):
            continue
        name = f"{shown}/{relative}"
        suffix = path.suffix.lower()
        if suffix == ARCHIVE and depth < MAX_ARCHIVE_DEPTH:
            inputs.extend(from_archive(path, name, budget, depth + 1))
        elif suffix == ARCHIVE:
            inputs.append(ReportInput(name, None, "压缩包嵌套层数过多，未展开", keep))
        elif suffix in SUPPORTED:
            inputs.append(ReportInput(name, path, keep=keep))
        else:
            inputs.append(ReportInput(name, None, f"不支持的文件类型 {suffix or '（无扩展名）'}，已跳过", keep))
    return inputs


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author saw it: zips made on Chinese Windows store names in GBK."""
    if info.flag_bits & UTF8_NAMES:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def safe_parts(name: str) -> list[str]:
    """The member's path with nothing that climbs out of the folder: no `..`, roots or drives."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return [p.replace(":", "_") for p in parts]


def from_archive(archive_path: Path, shown: str, budget: Budget, depth: int) -> list[ReportInput]:
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError):
        return [ReportInput(shown, None, "压缩包损坏或不是 .zip 文件")]
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        total = sum(m.file_size for m in members)
        if total > budget.bytes:
            return [ReportInput(shown, None, f"压缩包解压后过大（{total / 1048576:.0f} MB），所有压缩包合计上限为 "
                                             f"{MAX_UNZIPPED_BYTES // 1048576} MB，已拒绝")]
        if len(members) > budget.files:
            return [ReportInput(shown, None, f"压缩包内文件过多（{len(members)} 个），上限为 {MAX_ARCHIVE_FILES} 个")]
        budget.bytes -= total
        budget.files -= len(members)
        keep = tempfile.TemporaryDirectory(prefix="jixiao-zip-")
        root = Path(keep.name)
        problems: list[ReportInput] = []
        for member in members:
            parts = safe_parts(member_name(member))
            if not parts or ignored("/".join(parts)):
                continue
            name = f"{shown}/{'/'.join(parts)}"
            suffix = PurePosixPath(parts[-1]).suffix.lower()
            if suffix not in SUPPORTED and suffix != ARCHIVE:
                problems.append(ReportInput(name, None, f"不支持的文件类型 {suffix or '（无扩展名）'}，已跳过", keep))
            elif problem := extract(archive, member, root.joinpath(*parts), root):
                problems.append(ReportInput(name, None, problem, keep))
    return sorted(from_folder(root, shown, budget, depth, keep) + problems, key=lambda item: item.source)


def extract(archive: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, root: Path) -> str:
    """Copy one member to `target` (inside `root`), reading at most MAX_BYTES; '' or the reason."""
    if member.flag_bits & ENCRYPTED:
        return "压缩包中的文件已加密，无法读取"
    if member.file_size > MAX_BYTES:
        return f"文件过大（{member.file_size / 1048576:.1f} MB），上限为 {MAX_BYTES // 1048576} MB"
    if not target.resolve().is_relative_to(root.resolve()):
        return "压缩包中的文件名不安全，已跳过"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with archive.open(member) as source, target.open("wb") as sink:
            shutil.copyfileobj(source, sink, COPY_CHUNK)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # zlib errors are ValueError-like
        target.unlink(missing_ok=True)
        return f"压缩包中的文件已损坏（{type(exc).__name__}）"
    return ""


def check_reports(inputs: list[ReportInput], rules: RuleSet | str | None = None, progress: Progress | None = None,
                  corpus_store=None) -> list[ReportResult]:
    """Check every input; then the cross-year check among them and against the corpus store."""
    rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
    results: list[ReportResult] = []
    for index, item in enumerate(inputs):
        if progress:
            progress(index, len(inputs), item.source)
        results.append(check_one(item, rule_set))
    if progress:
        progress(len(inputs), len(inputs), "")
    if CROSS_YEAR not in rule_set.disabled_checks:
        add_cross_year(results, corpus_store)
    return results


def check_one(item: ReportInput, rule_set: RuleSet) -> ReportResult:
    if item.problem or item.path is None:
        return ReportResult(item.source, error=item.problem or "无法读取", keep=item.keep)
    try:
        document = load(item.path)
    except LoadError as exc:
        return ReportResult(item.source, error=str(exc), path=item.path, keep=item.keep)
    document.source = item.source
    try:
        report = validate(document, rule_set)
    except Exception as exc:  # noqa: BLE001 - a file that breaks the validator must not stop the other files
        return ReportResult(item.source, error=f"核对时出错（{type(exc).__name__}），请把此文件反馈给开发人员",
                            path=item.path, keep=item.keep)
    return result_of(document, report, item.path, item.keep)


def result_of(document: Document, report: Report, path: Path | None = None, keep: object = None) -> ReportResult:
    """A checked document as a result: its unit, type and year read from its text."""
    text = document.text
    return ReportResult(report.source, department(text), report_type(text), fiscal_year(text), report.claims,
                        report.findings, text=text, path=path, keep=keep)


def add_cross_year(results: list[ReportResult], corpus_store=None) -> None:
    """Each report's 上年数 against the same unit's report for the year before: in the batch first,
    then in the corpus (reports of the batch are not looked up there again)."""
    read: dict[int, YearFacts] = {}

    def facts_of(result: ReportResult) -> YearFacts:
        if id(result) not in read:
            read[id(result)] = read_year_facts(load_text(result.text, result.source), result.unit, result.year)
        return read[id(result)]

    dated = [r for r in results if not r.error and r.unit and r.year]
    names = {r.source.rsplit("/", 1)[-1] for r in results}
    for result in dated:
        earlier = [facts_of(r) for r in dated if r.unit == result.unit and r.year == result.year - 1]
        if corpus_store is not None:
            earlier += [read_year_facts(load_text(text, source), result.unit, result.year - 1)
                        for source, text in corpus_reports(corpus_store, result.unit, result.year - 1) if source not in names]
        if not earlier:
            continue
        claims, findings = compare(facts_of(result), earlier)
        result.claims += claims
        result.findings = sorted(result.findings + findings,
                                 key=lambda f: (f.location.line, SEVERITY_ORDER[f.severity]))


def corpus_reports(store, unit: str, year: int) -> list[tuple[str, str]]:
    """(source, text) of the corpus reports of a unit and year, their chunks joined in order."""
    got = store.collection.get(where={"$and": [{"department": unit}, {"year": year}]}, include=["documents", "metadatas"])
    pieces: dict[str, list[tuple[int, str]]] = {}
    for text, meta in zip(got["documents"], got["metadatas"], strict=True):
        pieces.setdefault(meta["source"], []).append((meta["position"], text))
    return [(source, "\n".join(text for _, text in sorted(chunks))) for source, chunks in sorted(pieces.items())]
