"""Bad and hostile input through the command line: clear Chinese reasons, no crash, no hang, and
nothing half-written into the store."""

import json
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.numbers import parse_numbers
from assistant.validation.validator import validate
from tests.badinput import make_bad_inputs
from tests.test_cli import run


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    return folder, make_bad_inputs(folder)


def test_each_bad_file_gets_a_reason_or_a_report(bad_inputs, tmp_path):
    folder, expected = bad_inputs
    for name, (readable, reason) in expected.items():
        result = run("check", str(folder / name), "--json", home=tmp_path)
        assert "Traceback" not in result.stderr, name
        if readable:
            assert result.returncode == 0, (name, result.stderr)
            json.loads(result.stdout)
        else:
            assert result.returncode == 2, (name, result.stdout[:200])
            assert reason in result.stderr and len(result.stderr.strip().splitlines()) == 1, (name, result.stderr)


def test_readable_oddities_are_checked_correctly(bad_inputs, tmp_path):
    folder, _ = bad_inputs
    fullwidth = json.loads(run("check", str(folder / "fullwidth.txt"), "--json", home=tmp_path).stdout)
    assert [f["kind"] for f in fullwidth["findings"]] == ["sum"]  # ６４ ≠ ３０．２ + ２１．５ + １０．１
    scripts = json.loads(run("check", str(folder / "scripts.html"), "--json", home=tmp_path).stdout)
    assert scripts["claims"] >= 1 and scripts["findings"] == []
    one_line = json.loads(run("check", str(folder / "one_line.txt"), "--json", home=tmp_path).stdout)
    assert one_line["findings"]


def test_a_batch_with_bad_files_stores_only_the_good_ones(bad_inputs, tmp_path):
    folder, expected = bad_inputs
    result = json.loads(run("ingest", str(folder), "--json", home=tmp_path).stdout)
    failed = {e["path"].rsplit("/", 1)[-1] for e in result["errors"]}
    assert failed == {name for name, (readable, _) in expected.items() if not readable}
    again = json.loads(run("ingest", str(folder), "--json", home=tmp_path).stdout)
    assert again["chunks_added"] == 0 and result["chunks_added"] > 0


def test_settings_errors_name_the_variable(tmp_path):
    for variable, value in (("JIXIAO_EMBEDDINGS", "foo"), ("JIXIAO_CHROMA_URL", "ftp://x"), ("OPENAI_BASE_URL", "localhost:1")):
        result = run("search", "预算", "--json", home=tmp_path, env_extra={variable: value})
        assert result.returncode == 2 and variable in result.stderr and "Traceback" not in result.stderr


def test_serving_beyond_loopback_requires_logins(tmp_path):
    result = run("serve", "--host", "0.0.0.0", home=tmp_path)
    assert result.returncode == 2 and "JIXIAO_AUTH" in result.stderr


CHINESE_NUMBERS = st.text(alphabet="0123456789０１２３.,，。%％‰万元亿件次人个项其中合计占比上年增加减少增长下降≥≤<>年度月日：:（）()、；一二三四五六七八九十百千零余|-\n ",
                          max_size=400)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CHINESE_NUMBERS)
def test_number_extraction_never_raises(text):
    for number in parse_numbers(text):
        assert text[number.start : number.end] == number.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CHINESE_NUMBERS, min_size=1, max_size=12))
def test_validator_never_raises(lines):
    report = validate("\n".join(lines))
    for finding in report.findings:
        assert finding.severity in ("error", "warning", "note")


def test_pathological_inputs_finish(tmp_path):
    """A hang detector, not a speed test: each input must finish within a generous bound."""
    script = (
        "from assistant.validation.validator import validate\n"
        "validate('1' * 2_000_000)\n"
        "validate('其中' * 100_000)\n"
        "validate('|' * 500_000)\n"
        "validate(('占' + '1.1%') * 50_000)\n"
        "validate('\\n'.join(['一级指标', '（5分）'] * 20_000))\n"
    )
    import sys

    subprocess.run([sys.executable, "-c", script], check=True, timeout=600)


def test_upload_names_never_escape_the_upload_folder():
    from ui.services import safe_name

    for hostile in ("../../etc/passwd", "/etc/shadow", "..\\\\..\\\\windows\\\\system.ini", "a\x00b.txt", "报告<1>.pdf", "...", ""):
        name = safe_name(hostile)
        assert "/" not in name and "\\\\" not in name and "\x00" not in name and name not in ("", ".", "..")
    assert safe_name("../../etc/passwd") == "passwd" and safe_name("报告<1>.pdf") == "报告_1_.pdf"


def test_only_the_documented_variables_are_read(monkeypatch):
    from assistant.settings import Settings

    for name, value in (("HOME", "/elsewhere"), ("EMBEDDINGS", "openai"), ("COLLECTION", "x"), ("AUTH", "a:b")):
        monkeypatch.setenv(name, value)
    settings = Settings()
    assert str(settings.home) == ".jixiao" and settings.embeddings == "e5"
    assert settings.collection == "jixiao_reports" and settings.logins == []
