"""`jixiao search` as a user types it: filters, and plain questions in staff's words."""

import json

from retrieval.normalize import fold
from tests.test_cli import run


def test_search_filters_by_kind_and_unit_and_refuses_an_unknown_kind(tmp_path):
    hits = json.loads(run("search", "支出", "--kind", "三公经费", "--unit", "雅安", "--json", home=tmp_path).stdout)
    assert hits and all(h["source"].startswith("001") and "三公" in h["section"] for h in hits)
    refused = run("search", "支出", "--kind", "天气", home=tmp_path)
    assert refused.returncode == 2 and "未知的段落类别" in refused.stderr


def test_a_plain_question_about_trips_abroad_finds_the_official_passages_first(tmp_path):
    hits = json.loads(run("search", "去年坐飞机出国花了多少", "--json", home=tmp_path).stdout)
    assert "因公出国(境)" in fold(hits[0]["text"])  # reports print the brackets full- or half-width
