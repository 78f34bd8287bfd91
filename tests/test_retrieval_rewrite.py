"""Rewriting a question into official terms through a model endpoint (our own server, the real client)."""

import pytest

from assistant.drafting.llm import ChatModel
from assistant.settings import Settings
from retrieval.chunking import chunk_document
from retrieval.loaders import load_text
from retrieval.rewrite import parse_terms, rewriter
from retrieval.search import search
from tests.fake_openai import FakeOpenAI

REPORT = ("某县2023年度部门决算\n一、“三公”经费支出情况\n因公出国（境）费支出决算0万元，与上年持平。\n"
          "二、差旅情况\n职工国内差旅全年花了3.2万元。\n")
QUESTION = "去外国开会的钱"  # words neither the glossary nor the report uses


@pytest.fixture
def server():
    fake = FakeOpenAI().start()
    yield fake
    fake.stop()


def rewrite_for(server, home, store):
    settings = Settings(JIXIAO_HOME=str(home), JIXIAO_EMBEDDINGS="hash", OPENAI_BASE_URL=server.url,
                        OPENAI_API_KEY="sk-test", JIXIAO_LLM_MODEL="fake", JIXIAO_LLM_RETRIES=0)
    return rewriter(ChatModel(settings).complete, store.keywords.vocabulary)


def test_the_models_official_terms_find_the_passage(server, home, store):
    store.add(chunk_document(load_text(REPORT, "a.txt")))
    server.script = [lambda request: "1. 因公出国（境）费\n2. 支出决算"]
    assert not any("因公出国" in h.text for h in search(store, QUESTION, k=1, method="keyword"))
    hits = search(store, QUESTION, k=1, method="keyword", rewrite=rewrite_for(server, home, store))
    assert "因公出国" in hits[0].text
    asked = server.requests[-1]["body"]["messages"][-1]["content"]
    assert QUESTION in asked and "sk-test" not in asked


def test_terms_the_corpus_never_uses_are_dropped(server, home, store):
    store.add(chunk_document(load_text(REPORT, "a.txt")))
    server.script = [lambda request: "量子纠缠经费、星际旅行补贴"]
    assert rewrite_for(server, home, store)(QUESTION) == []


def test_a_failing_endpoint_leaves_the_search_as_it_was(server, home, store):
    store.add(chunk_document(load_text(REPORT, "a.txt")))
    server.script = ["500"]
    assert search(store, QUESTION, k=1, method="keyword", rewrite=rewrite_for(server, home, store)) == \
        search(store, QUESTION, k=1, method="keyword")


def test_answers_are_read_as_terms():
    assert parse_terms("1. 因公出国（境）费\n- 公务接待费、“三公”经费\n很长很长很长很长很长很长很长很长很长很长的一句话") == [
        "因公出国（境）费", "公务接待费", "三公”经费"]
