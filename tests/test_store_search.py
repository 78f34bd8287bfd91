import pytest

from assistant.settings import Settings
from retrieval.chunking import chunk_document
from retrieval.ingest import corpus_files, ingest
from retrieval.loaders import load_text
from retrieval.search import exemplars, search
from retrieval.store import Store, StoreError
from tests.conftest import CORPUS, FIXTURES
from tests.helpers import blank_pdf


def test_ingesting_twice_adds_nothing_the_second_time(store):
    first = ingest(store, corpus_files(CORPUS))
    second = ingest(store, corpus_files(CORPUS))
    assert first.files == 5 and first.chunks_added > 100 and not first.errors
    assert second.chunks_added == 0 and second.skipped == 5
    assert store.count() == first.chunks_added


def test_a_bad_file_is_reported_and_the_batch_goes_on(store, tmp_path):
    blank_pdf(tmp_path / "scan.pdf")
    (tmp_path / "ok.txt").write_text("某县2023年度项目支出绩效自评报告\n一、项目概况\n项目预算50万元。", encoding="utf-8")
    result = ingest(store, [tmp_path])
    assert result.files == 2 and result.chunks_added >= 1
    assert len(result.errors) == 1 and "OCR" in result.errors[0]["error"]


def test_final_accounts_passages_for_sangong(corpus_store):
    hits = search(corpus_store, "三公经费 公务接待", k=5)
    assert hits[0].source.startswith("001")
    assert any("公务接待" in h.text and "“三公”经费" in h.section for h in hits)
    assert all(h.section for h in hits)


def test_filters_by_report_type_and_year(corpus_store):
    hits = search(corpus_store, "预算执行率", k=10, filters={"report_type": "project", "year": 2023})
    assert hits and all(h.metadata["report_type"] == "project" and h.metadata["year"] == 2023 for h in hits)


def test_exemplars_for_a_section_of_a_report_type(corpus_store):
    hits = exemplars(corpus_store, "存在问题", "project", k=3)
    assert hits and all(h.metadata["report_type"] == "project" for h in hits)
    assert any("问题" in h.section for h in hits)


@pytest.mark.parametrize("method", ["keyword", "vector", "hybrid"])
def test_each_method_answers(corpus_store, method):
    assert search(corpus_store, "政府采购支出总额", k=3, method=method)


def test_the_collection_refuses_another_embedder(home):
    Store(Settings(JIXIAO_HOME=str(home), JIXIAO_EMBEDDINGS="hash"))
    with pytest.raises(StoreError, match="不能混用"):
        Store(Settings(JIXIAO_HOME=str(home), JIXIAO_EMBEDDINGS="e5"))


def test_keyword_index_is_rebuilt_from_the_store_when_missing(home):
    import shutil

    settings = Settings(JIXIAO_HOME=str(home), JIXIAO_EMBEDDINGS="hash")
    store = Store(settings)
    store.add(chunk_document(load_text((FIXTURES / "gbk_report.txt").read_bytes().decode("gbk"), "gbk.txt")))
    del store
    shutil.rmtree(home / "keyword")
    reopened = Store(settings)
    assert reopened.keywords.count() == reopened.count() > 0
    assert search(reopened, "预算执行率", k=1, method="keyword")


def test_documents_listing_and_delete(corpus_store, home):
    listed = {d.source: d for d in corpus_store.documents()}
    assert listed["001_cbc299a9f93ac768.txt"].report_type == "final-accounts"
    store = Store(Settings(JIXIAO_HOME=str(home), JIXIAO_EMBEDDINGS="hash"))
    ingest(store, corpus_files(CORPUS)[:2])
    removed = store.delete_source(corpus_files(CORPUS)[0].name)
    assert removed > 0 and corpus_files(CORPUS)[0].name not in {d.source for d in store.documents()}
    assert store.keywords.count() == store.count()


def test_e5_embeds_chinese_offline_and_ranks_paraphrases():
    from retrieval.embeddings import E5Embedder

    model = E5Embedder()
    passages = model.embed_documents(["资金到位率100%，财政资金及时拨付到位", "群众满意度达到99%"])
    query = model.embed_query("钱有没有按时拨下来")
    assert passages.shape == (2, 384)
    assert float(passages[0] @ query) > float(passages[1] @ query)


def store_as_an_older_version_did(store, path):
    """The file's passages as a release with another chunking format stored them (other ids, older tag)."""
    from dataclasses import replace

    from retrieval.chunking import chunk_document
    from retrieval.loaders import load

    old = [replace(c, id="old" + c.id[3:], chunking="c3") for c in chunk_document(load(path))]
    store._store(old)
    return len(old)


def test_adding_a_file_again_replaces_passages_an_older_version_cut(store, tmp_path):
    report = tmp_path / "某县2022年部门决算.txt"
    report.write_text("某县2022年部门决算情况说明\n一、收入支出决算总体情况\n2022年度收入总计120.5万元。\n"
                      "二、三公经费\n公务接待费3.2万元。", encoding="utf-8")
    stale = store_as_an_older_version_did(store, report)
    assert len(store.stale_ids({report.name})) == stale
    result = ingest(store, [report])
    assert result.chunks_added == stale and store.count() == stale
    assert store.stale_ids({report.name}) == []
    assert all(h.metadata["chunking"] != "c3" for h in search(store, "公务接待费", k=5))


def test_the_bundled_corpus_is_indexed_again_when_an_older_version_stored_it(store):
    from retrieval.ingest import ensure_corpus

    first = corpus_files(CORPUS)[0]
    store_as_an_older_version_did(store, first)
    result = ensure_corpus(store, CORPUS)
    assert result is not None and result.files == 5
    assert store.stale_ids({path.name for path in corpus_files(CORPUS)}) == []
    assert ensure_corpus(store, CORPUS) is None
