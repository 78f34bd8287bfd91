"""Batch review as a reviewer runs it: a folder of real reports (with a .zip and a broken file) in
one command, one JSON report each, and an overview workbook read back with openpyxl."""

import io
import json
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from assistant import batch
from assistant.batch import ReportInput, check_reports, collect_reports
from assistant.overview import write_overview
from assistant.validation.validator import validate
from retrieval.loaders import load
from tests.conftest import ROOT
from tests.test_cli import run

REAL = ROOT / "evals" / "validator" / "real" / "docs"
FOLDER_FILES, SUBFOLDER_FILES, ZIPPED_FILES = 20, 2, 3  # 25 reports


def real_docs(count: int, skip: int = 0):
    """Real reports of the first gathering (r101…): budget and 决算 pages rich in figures. Later gatherings
    (r001…) are mostly announcements with few claims, so they are not the sample this test reasons about."""
    return sorted(REAL.glob("r[1-9]*.txt"))[skip : skip + count]


@pytest.fixture
def folder(tmp_path):
    """25 real reports: 20 in a folder, 2 in a subfolder, 3 in a .zip, and one broken PDF."""
    root = tmp_path / "报告"
    (root / "乡镇").mkdir(parents=True)
    for doc in real_docs(FOLDER_FILES):
        shutil.copy(doc, root / doc.name)
    for doc in real_docs(SUBFOLDER_FILES, FOLDER_FILES):
        shutil.copy(doc, root / "乡镇" / doc.name)
    with zipfile.ZipFile(root / "三公经费.zip", "w") as archive:
        for doc in real_docs(ZIPPED_FILES, FOLDER_FILES + SUBFOLDER_FILES):
            archive.write(doc, f"2023/{doc.name}")
    (root / "损坏.pdf").write_bytes(b"%PDF-1.4 \x00\x01 not a pdf")
    return root


def test_a_folder_of_25_reports_checks_in_one_command(folder, tmp_path):
    overview = tmp_path / "总览.xlsx"
    result = run("check", str(folder), "--json", "--out", str(overview), home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)["reports"]
    assert len(reports) == 26
    broken = [r for r in reports if "error" in r]
    assert [r["source"] for r in broken] == ["报告/损坏.pdf"]
    assert broken[0] == {"source": "报告/损坏.pdf", "claims": 0, "findings": [], "error": broken[0]["error"]}
    assert "PDF" in broken[0]["error"]
    readable = [r for r in reports if "error" not in r]
    assert all(set(r) == {"source", "claims", "findings"} for r in readable)
    assert "报告/三公经费.zip/2023/" + real_docs(1, 22)[0].name in {r["source"] for r in readable}
    assert "报告/乡镇/" + real_docs(1, 20)[0].name in {r["source"] for r in readable}
    for report in readable:  # each report is exactly what checking its file alone gives
        name = report["source"].rsplit("/", 1)[-1]
        alone = validate(load(REAL / name)).as_json()
        assert report["claims"] == alone["claims"] and report["findings"] == alone["findings"]
    assert sum(len(r["findings"]) for r in readable) > 20
    assert_overview(overview, reports)


def assert_overview(path, reports):
    book = load_workbook(path)
    assert book.sheetnames == ["总览", "全部问题"]
    overview, findings = book["总览"], book["全部问题"]
    header = [c.value for c in overview[1]]
    assert header == ["文件", "单位", "报告类型", "年度", "核对数字数", "错误", "警告", "提示", "第一个问题"]
    rows = list(overview.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [r["source"] for r in reports]
    for row, report in zip(rows, reports, strict=True):
        counts = [sum(1 for f in report["findings"] if f["severity"] == s) for s in ("error", "warning", "note")]
        assert list(row[4:8]) == [report["claims"], *counts]
        if "error" in report:
            assert row[8] == "未核对：" + report["error"]
        elif report["findings"]:
            assert row[8].split("：", 1)[1] in {f["message"] for f in report["findings"]}
    assert [c.value for c in findings[1]] == ["文件", "严重程度", "类型", "章节", "行", "原文", "所述", "应为", "说明"]
    all_findings = [(r["source"], f) for r in reports for f in r["findings"]]
    finding_rows = list(findings.iter_rows(min_row=2))
    assert len(finding_rows) == len(all_findings)
    severity_words = {"error": "错误", "warning": "警告", "note": "提示"}
    for cells, (source, finding) in zip(finding_rows, all_findings, strict=True):
        assert cells[0].value == source and cells[1].value == severity_words[finding["severity"]]
        assert (cells[4].value, cells[5].value, cells[8].value) == (finding["location"]["line"], finding["quote"], finding["message"])
        target = cells[0].hyperlink.location  # back to the report's row on 总览
        sheet, cell = target.split("!")
        assert sheet == "'总览'" and overview[cell].value == source
    first_linked = next(row for row in overview.iter_rows(min_row=2) if row[0].hyperlink is not None)
    sheet, cell = first_linked[0].hyperlink.location.split("!")
    assert sheet == "'全部问题'" and findings[cell].value == first_linked[0].value
    assert overview.freeze_panes == findings.freeze_panes == "A2"
    assert overview.column_dimensions["I"].width >= 60 and findings.column_dimensions["I"].width >= 60
    formulas = [rule.formula[0] for rng in findings.conditional_formatting for rule in rng.rules]
    assert {f'$B2="{word}"' for word in severity_words.values()} <= set(formulas)
    counted = {rule.formula[0] for rng in overview.conditional_formatting for rule in rng.rules}
    assert {"F2>0", "G2>0", "H2>0"} <= counted


def test_one_file_gives_exactly_the_single_file_json(tmp_path):
    doc = real_docs(1, 2)[0]
    result = run("check", str(doc), "--json", home=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout) == validate(load(doc)).as_json()


def test_batch_exit_codes(folder, tmp_path):
    assert run("check", str(folder), "--json", "--fail-on", "error", home=tmp_path).returncode == 1
    (tmp_path / "空").mkdir()
    empty = run("check", str(tmp_path / "空"), "--json", home=tmp_path)
    assert empty.returncode == 2 and empty.stdout == "" and len(empty.stderr.strip().splitlines()) == 1
    annotate = run("check", str(folder), "--annotate", str(tmp_path / "a.docx"), home=tmp_path)
    assert annotate.returncode == 2 and "单个文件" in annotate.stderr


def test_an_unreadable_file_never_stops_the_batch_and_progress_is_reported(tmp_path):
    good = [tmp_path / d.name for d in real_docs(3)]
    for doc, copy in zip(real_docs(3), good, strict=True):
        shutil.copy(doc, copy)
    (tmp_path / "空.txt").write_bytes(b"")
    inputs = [ReportInput("空.txt", tmp_path / "空.txt"), *(ReportInput(p.name, p) for p in good)]
    calls = []
    results = check_reports(inputs, progress=lambda done, total, name: calls.append((done, total, name)))
    assert [r.source for r in results] == [i.source for i in inputs]
    assert results[0].error == "文件为空" and results[0].as_json() == {"source": "空.txt", "claims": 0, "findings": [], "error": "文件为空"}
    assert all(not r.error and r.claims > 0 and r.text for r in results[1:])
    assert calls == [(0, 4, "空.txt"), *((i, 4, p.name) for i, p in enumerate(good, start=1)), (4, 4, "")]


def test_unit_type_and_year_come_from_the_text():
    result = check_reports([ReportInput("r216.txt", REAL / "r216.txt")])[0]
    assert (result.unit, result.year) == ("罗湖区审计局", 2024)
    final = check_reports([ReportInput("r101.txt", REAL / "r101.txt")])[0]
    assert (final.report_type, final.year) == ("final-accounts", 2022)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def gbk_zip(name: str, data: bytes) -> bytes:
    """A zip as Chinese Windows writes it: the name in GBK bytes, without the UTF-8 flag."""
    raw = name.encode("gbk")
    placeholder = b"N" * len(raw)
    return zip_bytes({placeholder.decode(): data}).replace(placeholder, raw)


def test_archives_are_unpacked_safely(tmp_path):
    report = REAL.joinpath("r216.txt").read_bytes()
    inner = zip_bytes({"内层/r216.txt": report})
    (tmp_path / "in").mkdir()
    archive = tmp_path / "in" / "reports.zip"
    archive.write_bytes(zip_bytes({
        "../../escaped.txt": report, "/etc/absolute.txt": report, "a/../../../climb.txt": report,
        "说明.exe": b"MZ", "__MACOSX/._r216.txt": b"junk", "nested.zip": inner,
    }))
    inputs = collect_reports([archive])
    sources = {i.source: i for i in inputs}
    assert set(sources) == {"reports.zip/escaped.txt", "reports.zip/etc/absolute.txt", "reports.zip/a/climb.txt",
                            "reports.zip/说明.exe", "reports.zip/nested.zip/内层/r216.txt"}
    assert "不支持" in sources["reports.zip/说明.exe"].problem and sources["reports.zip/说明.exe"].path is None
    unpacked = [i.path for i in inputs if i.path is not None]
    assert all(p.read_bytes() == report for p in unpacked)
    assert not list(tmp_path.rglob("escaped.txt")) and not list(tmp_path.rglob("climb.txt"))
    assert not any(tmp_path in p.parents for p in unpacked)  # a temporary folder, not beside the archive


def test_gbk_names_and_size_limits(tmp_path, monkeypatch):
    report = REAL.joinpath("r216.txt").read_bytes()
    gbk = tmp_path / "gbk.zip"
    gbk.write_bytes(gbk_zip("审计局/三公经费.txt", report))
    assert [i.source for i in collect_reports([gbk])] == ["gbk.zip/审计局/三公经费.txt"]
    monkeypatch.setattr(batch, "MAX_UNZIPPED_BYTES", len(report) + 10)
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(zip_bytes({"a.txt": report, "b.txt": report}))
    [refused] = collect_reports([bomb])
    assert refused.path is None and "过大" in refused.problem
    nested = tmp_path / "nested.zip"  # the limit holds across an archive and the archives inside it
    nested.write_bytes(zip_bytes({"inner.zip": zip_bytes({"a.txt": report, "b.txt": report})}))
    assert any("过大" in i.problem for i in collect_reports([nested]))


def test_overview_of_an_unreadable_report_and_a_clean_one(tmp_path):
    results = check_reports([ReportInput("坏.pdf", None, "PDF 已加密，需要密码才能读取"),
                             ReportInput("r216.txt", REAL / "r216.txt")])
    path = write_overview(results, tmp_path / "o.xlsx")
    rows = list(load_workbook(path)["总览"].iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == "坏.pdf" and rows[0][8] == "未核对：PDF 已加密，需要密码才能读取"
    assert rows[1][:4] == ("r216.txt", "罗湖区审计局", "其他", 2024)
