"""Drafting offline and against our own OpenAI-compatible server (real HTTP, the real client)."""

import re

import pytest

from assistant.derive import derive
from assistant.drafting.llm import ChatModel
from assistant.drafting.pipeline import draft
from assistant.figures import FiguresError, load_figures, parse_figures
from assistant.settings import Settings
from tests.conftest import CORPUS
from tests.fake_openai import FakeOpenAI, echo_baseline

EXAMPLES = sorted((CORPUS / "examples").glob("*.yaml"))


@pytest.fixture
def server():
    fake = FakeOpenAI().start()
    yield fake
    fake.stop()


def model_for(server, home, timeout=10.0, retries=0):
    settings = Settings(JIXIAO_HOME=str(home), JIXIAO_EMBEDDINGS="hash", OPENAI_BASE_URL=server.url,
                        OPENAI_API_KEY="sk-test", JIXIAO_LLM_MODEL="fake", JIXIAO_LLM_TIMEOUT=timeout,
                        JIXIAO_LLM_RETRIES=retries)
    return ChatModel(settings)


def project():
    return load_figures(CORPUS / "examples" / "project.yaml")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_draft_cleanly_offline(path, corpus_store):
    result = draft(load_figures(path), corpus_store)
    assert result.mode == "offline"
    assert result.findings == []
    assert all(s.title for s in result.sections) and sum(bool(s.text) for s in result.sections) >= 5
    assert any(s.source_sections for s in result.sections)


def test_every_derived_figure_keeps_its_formula():
    values, _ = derive(project())
    assert values["execution_rate"].text == "96.00" and "全年执行数" in values["execution_rate"].formula
    assert values["remainder"].text == "3.20"
    assert values["output.0.growth"].text == "15.06"
    assert values["indicator.2.score"].text == "8.00"  # 10 × 24 ÷ 30
    assert values["indicator.7.score"].text == "9.76"  # 10 × 92.75 ÷ 95
    assert values["score.total"].text == "96.36" and values["grade"].unit == "优"


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["budget"].pop("full_year"), "全年预算数缺失"),
        (lambda d: d["budget"].update(spent=90), "执行数大于到位数"),
        (lambda d: d.pop("year"), "报告年度缺失"),
        (lambda d: d["survey"].update(satisfied=900), "满意数大于有效评价数"),
        (lambda d: d["indicators"][5].pop("score"), "需填写得分"),
    ],
)
def test_missing_or_contradictory_inputs_are_named(change, message):
    import yaml

    data = yaml.safe_load((CORPUS / "examples" / "project.yaml").read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(FiguresError, match=message):
        derive(parse_figures(data))


def test_exemplars_reach_the_model_with_their_numbers_masked(server, home, corpus_store):
    result = draft(project(), corpus_store, model_for(server, home))
    assert result.mode == "llm" and result.findings == []
    assert {s.mode for s in result.sections if s.id not in ("table",)} == {"llm"}
    prompts = [r["body"]["messages"][-1]["content"] for r in server.requests]
    exemplars = [re.search(r"<<<参考开始\n(.*?)\n参考结束>>>", p, re.S).group(1) for p in prompts]
    assert any("XX" in e for e in exemplars)
    assert not any(re.search(r"\d", e) for e in exemplars)
    assert all(r["body"].get("stream") for r in server.requests)
    assert "96.00" in prompts[0]  # the computed execution rate is handed over, never recomputed


def test_an_invented_number_is_repaired(server, home, corpus_store):
    invent = lambda request: echo_baseline(request) + "另外，全年新增服务网点17个。"  # noqa: E731
    server.script = [echo_baseline, echo_baseline, invent, echo_baseline]
    result = draft(project(), corpus_store, model_for(server, home))
    repair_prompts = [r for r in server.requests if "有以下问题" in r["body"]["messages"][-1]["content"]]
    assert len(repair_prompts) == 1 and "17个" in repair_prompts[0]["body"]["messages"][-1]["content"]
    assert "17个" not in result.markdown() and result.findings == []


def test_a_number_invented_twice_falls_back_to_the_offline_sentence(server, home, corpus_store):
    server.default = lambda request: echo_baseline(request) + "培训覆盖人员达到5000人次。"
    result = draft(project(), corpus_store, model_for(server, home))
    assert "5000" not in result.markdown()
    assert any("改用程序生成的文本" in n for n in result.notices)
    assert result.findings == []


@pytest.mark.parametrize("failure, reason", [("timeout", "超时"), ("401", "密钥无效"), ("429", "过于频繁"), ("garbage", "失败"),
                                             ("cut", "中断")])
def test_endpoint_failures_fall_back_offline_with_a_notice(server, home, corpus_store, failure, reason):
    server.hang_seconds = 3
    server.default = failure
    result = draft(project(), corpus_store, model_for(server, home, timeout=1.0))
    assert result.findings == []
    assert result.notices and reason in result.notices[0]
    assert "96.00%" in result.markdown()


def test_tokens_stream_as_they_arrive(server, home, corpus_store):
    tokens = []
    draft(project(), corpus_store, model_for(server, home), events=lambda kind, text: tokens.append(text) if kind == "token" else None,
          only={"overview"})
    assert len(tokens) > 5


def test_no_request_leaves_the_machine_without_an_endpoint(server, home, corpus_store, monkeypatch):
    from assistant.cli import run_draft
    from assistant.settings import get_settings

    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    get_settings.cache_clear()
    assert run_draft(project()).mode == "offline"
    assert server.requests == []


def test_openai_embeddings_through_the_endpoint(server, home):
    from retrieval.ingest import corpus_files, ingest
    from retrieval.search import search
    from retrieval.store import Store

    settings = Settings(JIXIAO_HOME=str(home), JIXIAO_EMBEDDINGS="openai", OPENAI_BASE_URL=server.url, OPENAI_API_KEY="k",
                        JIXIAO_EMBEDDING_MODEL="fake-embed")
    store = Store(settings, None)
    assert ingest(store, corpus_files(CORPUS)[:1]).chunks_added > 0
    assert search(store, "项目预算", k=3)
    assert any(r["path"].endswith("/embeddings") for r in server.requests)


def test_an_endpoint_that_is_down_falls_back_and_says_so(home, corpus_store):
    from tests.conftest import free_port

    settings = Settings(JIXIAO_HOME=str(home), OPENAI_BASE_URL=f"http://127.0.0.1:{free_port()}/v1", OPENAI_API_KEY="k",
                        JIXIAO_LLM_RETRIES=1, JIXIAO_LLM_TIMEOUT=5)
    result = draft(project(), corpus_store, ChatModel(settings))
    assert result.findings == [] and "无法连接" in result.notices[0]


def test_the_chat_stays_usable_after_the_model_fails(server, home, corpus_store):
    from assistant.conversation.engine import Conversation

    server.default = "500"
    session = Conversation(store=corpus_store, model=model_for(server, home))
    first = session.handle("2023年度，单位是某县政务服务中心，项目预算50万元，实际支出48.6万元")
    assert "全年执行数 48.60万元" in first.text  # the model failed; the sentence patterns still read the figures
    server.default = echo_baseline
    reply = session.handle("起草")
    assert reply.draft is not None and [f for f in reply.draft.findings if f.severity != "note"] == []


def test_connection_test_explains_failures(server, home):
    from assistant.connection import describe_endpoint, test_connection
    from tests.conftest import free_port

    def settings(url, key="sk-test"):
        return Settings(JIXIAO_HOME=str(home), OPENAI_BASE_URL=url, OPENAI_API_KEY=key, JIXIAO_LLM_RETRIES=0, JIXIAO_LLM_TIMEOUT=5)

    server.default = lambda request: "好"
    ok, message = test_connection(settings(server.url))
    assert ok and "连接成功" in message and server.requests[-1]["body"].get("stream") is not True
    server.default = "401"
    assert "密钥无效" in test_connection(settings(server.url))[1]
    server.default = lambda request: "好"
    assert "/v1" in test_connection(settings(server.url.removesuffix("/v1")))[1]
    assert "无法连接" in test_connection(settings(f"http://127.0.0.1:{free_port()}/v1"))[1]
    assert "sk-test" not in describe_endpoint(settings(server.url)) and "不显示" in describe_endpoint(settings(server.url))
    assert "离线模式" in describe_endpoint(Settings(JIXIAO_HOME=str(home)))


def test_budget_items_that_do_not_add_up_are_named_and_not_listed():
    import yaml

    from assistant.derive import stated_totals

    data = yaml.safe_load((CORPUS / "examples" / "project.yaml").read_text(encoding="utf-8"))
    data["budget"]["items"][0]["amount"] = 60
    figures = parse_figures(data)
    assert stated_totals(figures) == ["您给出的全年预算数80.00万元与所列各项之和87.60万元不一致，请核对"]
    assert "劳务费" not in draft(figures).markdown()
