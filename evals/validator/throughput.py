"""Validator throughput: the largest bundled report (seed 001, ~63 KB) and a 10× longer synthetic
report built from it, timed in one run (best of 5), with the growth factor.

    python -m evals.validator.throughput
"""

from __future__ import annotations

import time

from assistant.settings import CORPUS_DIR
from assistant.validation.validator import validate
from retrieval.loaders import load, load_text

SEED = CORPUS_DIR / "001_cbc299a9f93ac768.txt"


def best_ms(document, runs: int = 5) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        validate(document)
        timings.append((time.perf_counter() - started) * 1000)
    return min(timings)


def main() -> None:
    seed = load(SEED)
    validate(seed)  # warm imports and regex caches, as a server would be
    long_text = "\n".join(seed.text.replace("2021年度四川省雅安市", f"第{i}份2021年度四川省雅安市") for i in range(10))
    long_doc = load_text(long_text, "synthetic-10x.txt")
    one, ten = best_ms(seed), best_ms(long_doc)
    print("| report | size | lines | check time (ms) |\n|---|---|---|---|")
    print(f"| seed 001 | {len(seed.text.encode()) / 1024:.0f} KB | {len(seed.lines)} | {one:.0f} |")
    print(f"| 10 × seed 001 | {len(long_text.encode()) / 1024:.0f} KB | {len(long_doc.lines)} | {ten:.0f} |")
    print(f"\n10× the text took {ten / one:.1f}× the time")


if __name__ == "__main__":
    main()
