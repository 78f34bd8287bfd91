"""The command line as reviewers script it: real processes, JSON on stdout, exit codes."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEED_FINAL_ACCOUNTS

JIXIAO = Path(sys.executable).parent / "jixiao"


def run(*args, home, stdin=None, env_extra=None):
    env = {**os.environ, "JIXIAO_HOME": str(home), "JIXIAO_EMBEDDINGS": "hash", "HF_HUB_OFFLINE": "1", **(env_extra or {})}
    return subprocess.run([str(JIXIAO), *args], capture_output=True, text=True, env=env, cwd=ROOT, input=stdin, timeout=300)


def test_search_ingests_the_corpus_on_first_use(tmp_path):
    result = run("search", "三公经费 公务接待", "--json", home=tmp_path)
    hits = json.loads(result.stdout)
    assert result.returncode == 0 and hits
    assert hits[0]["source"].startswith("001") and " > " in hits[0]["section"]
    assert set(hits[0]) == {"source", "section", "text", "score"}


def test_ingest_json_shape_and_idempotence(tmp_path):
    first = json.loads(run("ingest", "corpus", "--json", home=tmp_path).stdout)
    second = json.loads(run("ingest", "corpus", "--json", home=tmp_path).stdout)
    assert first["chunks_added"] > 0 and second["chunks_added"] == 0
    assert set(first) == {"files", "chunks_added", "skipped", "errors"}


def test_check_the_final_accounts_seed(tmp_path):
    result = run("check", str(SEED_FINAL_ACCOUNTS), "--json", home=tmp_path)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["claims"] > 50
    kinds = {f["kind"] for f in report["findings"]}
    assert {"conflict", "growth", "unit", "year", "sum"} <= kinds
    for finding in report["findings"]:
        assert finding["quote"] in SEED_FINAL_ACCOUNTS.read_text(encoding="utf-8")
        assert finding["location"]["line"] >= 1


def test_check_reads_standard_input_and_fails_on_request(tmp_path):
    text = "项目预算64万元，其中：劳务费30.2万元、运维费21.5万元、其他费用10.1万元。"
    assert run("check", "-", "--json", home=tmp_path, stdin=text).returncode == 0
    assert run("check", "-", "--json", "--fail-on", "error", home=tmp_path, stdin=text).returncode == 1


def test_unreadable_input_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"\x00\x01garbage")
    result = run("check", str(bad), "--json", home=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_unknown_rules_are_a_clear_error(tmp_path):
    result = run("check", str(SEED_FINAL_ACCOUNTS), "--rules", "nope", home=tmp_path)
    assert result.returncode == 2 and "national-2020" in result.stderr


def test_readable_report_groups_by_section(tmp_path):
    result = run("check", str(SEED_FINAL_ACCOUNTS), home=tmp_path)
    assert "机关运行经费支出情况" in result.stdout and "错误" in result.stdout


def test_rules_command_lists_rule_sets_and_checks(tmp_path):
    data = json.loads(run("rules", "--json", home=tmp_path).stdout)
    assert {"national-2020", "hunan-key-2019"} <= set(data["rule_sets"]) and len(data["checks"]) >= 10
