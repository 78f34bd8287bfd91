"""Five reviewers and two drafters at once through gradio_client: no errors, no cross-talk."""

from evals.bench.load import run_load
from tests.browser import app_url  # noqa: F401  (fixture)


def test_concurrent_users_each_get_their_own_answers(app_url):  # noqa: F811
    result = run_load(app_url, reviewers=5, drafters=2, rounds=1)
    assert result["errors"] == []
    assert len(result["review"]) == 5 and len(result["draft"]) == 2


def test_bad_files_get_chinese_messages_in_the_web_app(app_url, tmp_path):  # noqa: F811
    from gradio_client import Client, handle_file

    from tests.badinput import make_bad_inputs

    expected = make_bad_inputs(tmp_path / "bad")
    client = Client(app_url, verbose=False)
    for name, (readable, reason) in expected.items():
        if name == "huge.txt":
            continue  # refused by the upload limit before any of our code runs (checked below)
        try:
            result = client.predict(handle_file(str(tmp_path / "bad" / name)), "", "national-2020", ["error"], api_name="/review")
            assert readable, f"{name} was accepted"
            assert "核对了" in result[0]
        except Exception as exc:  # gradio_client raises the page's gr.Error as AppError
            assert not readable, f"{name}: {exc}"
            assert "无法读取文件" in str(exc) and reason in str(exc), (name, str(exc))
    rows = client.predict([handle_file(str(tmp_path / "bad" / n)) for n in ("scanned.pdf", "gbk.txt")], api_name="/ingest")[0]
    outcome = {row[0]: (row[1], row[2]) for row in rows["data"]}
    assert outcome["scanned.pdf"][0] == "失败" and "OCR" in outcome["scanned.pdf"][1]
    assert outcome["gbk.txt"][0] == "已入库"


def test_uploads_over_the_limit_are_refused(app_url, tmp_path):  # noqa: F811
    from gradio_client import Client, handle_file

    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (31 * 1024 * 1024))
    client = Client(app_url, verbose=False)
    try:
        client.predict(handle_file(str(big)), "", "national-2020", ["error"], api_name="/review")
    except Exception as exc:
        assert "size" in str(exc).lower() or "大" in str(exc) or "413" in str(exc)
    else:
        raise AssertionError("a 31 MB upload was accepted")
