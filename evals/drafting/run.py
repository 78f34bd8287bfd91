"""Drafting evaluation over corpus/examples: share of grounded numbers, sections present against
the skeleton, and offline drafting time — offline, and in LLM mode against a scripted local
OpenAI-compatible server that invents a number in every third answer.

    python -m evals.drafting.run
"""

from __future__ import annotations

import itertools
import random
import tempfile
import time

from assistant.derive import derive
from assistant.drafting.grounding import allowed_numbers, is_enumerator
from assistant.drafting.llm import ChatModel
from assistant.drafting.pipeline import draft
from assistant.drafting.skeletons import skeleton
from assistant.figures import load_figures
from assistant.numbers import parse_numbers
from assistant.settings import CORPUS_DIR, Settings
from retrieval.ingest import corpus_files, ingest
from retrieval.store import Store
from tests.fake_openai import FakeOpenAI, echo_baseline

EXAMPLES = sorted((CORPUS_DIR / "examples").glob("*.yaml"))


def grounded_share(result, allowed) -> tuple[int, int]:
    from assistant.drafting.grounding import matches

    total = grounded = 0
    for line in result.markdown().split("\n"):
        for number in parse_numbers(line):
            if is_enumerator(line, number):
                continue
            total += 1
            grounded += any(matches(number, a) for a in allowed)
    return grounded, total


def inventing_server() -> FakeOpenAI:
    server = FakeOpenAI().start()
    counter = itertools.count()
    rng = random.Random(3)

    def answer(request: dict) -> str:
        text = echo_baseline(request)
        if next(counter) % 3 == 2 and "有以下问题" not in request["messages"][-1]["content"]:
            text += f"全年另行完成专项任务{rng.randint(11, 99)}项。"
        return text

    server.default = answer
    return server


def main() -> None:
    home = tempfile.mkdtemp(prefix="draft-eval-")
    settings = Settings(JIXIAO_HOME=home, JIXIAO_EMBEDDINGS="hash")
    store = Store(settings)
    ingest(store, corpus_files(CORPUS_DIR))
    server = inventing_server()
    model = ChatModel(Settings(JIXIAO_HOME=home, OPENAI_BASE_URL=server.url, OPENAI_API_KEY="k", JIXIAO_LLM_RETRIES=0))
    print("| example | mode | sections (drafted / skeleton) | numbers grounded | findings | notices | time (ms) |")
    print("|---|---|---|---|---|---|---|")
    for path in EXAMPLES:
        figures = load_figures(path)
        values, _ = derive(figures)
        allowed = allowed_numbers(figures, values)
        planned = len(skeleton(figures.report_type).sections)
        for mode, llm in (("offline", None), ("llm", model)):
            timings = []
            for _ in range(3 if llm is None else 1):
                started = time.perf_counter()
                result = draft(figures, store, llm)
                timings.append((time.perf_counter() - started) * 1000)
            grounded, total = grounded_share(result, allowed)
            print(f"| {path.stem} | {mode} | {len(result.sections)} / {planned} | {grounded}/{total} ({grounded / total:.0%}) "
                  f"| {len(result.findings)} | {len(result.notices)} | {min(timings):.0f} |")
    server.stop()


if __name__ == "__main__":
    main()
