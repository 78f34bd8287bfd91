"""Concurrent users against the web app through gradio_client on 127.0.0.1: reviewers each check
their own report, drafters each chat in their own figures and ask for a draft. Every answer must
be right for its own user (no cross-talk between sessions) and error-free.

    python -m evals.bench.load [--reviewers 5] [--drafters 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

REVIEW = "某县第{n}中心2024年度项目支出绩效自评报告\n一、项目概况\n2024年项目预算{total}万元，其中：劳务费30.2万元、运维费21.5万元、其他费用10.1万元。\n"
DRAFT = "2023年度，单位是某县第{n}服务中心，项目预算{budget}万元，实际支出48.6万元，办件7341件"
NUMERALS = "一二三四五六七八九十"


def reviewer(url: str, n: int, rounds: int, timings: list, errors: list) -> None:
    from gradio_client import Client

    client = Client(url, verbose=False)
    for r in range(rounds):
        total = 64 + n + r  # every user states a different total, so answers can be told apart
        started = time.perf_counter()
        try:
            result = client.predict(None, REVIEW.format(n=n, total=total), "national-2020", ["error", "warning", "note"],
                                    api_name="/review")
            timings.append(time.perf_counter() - started)
            rows = result[1]["data"]
            if not rows or rows[0][4] != f"{total}万元":
                errors.append(f"reviewer {n}: expected a finding on {total}万元, got {rows[:1]}")
        except Exception as exc:  # a failed request is a result to report, not a crash
            errors.append(f"reviewer {n}: {type(exc).__name__}: {exc}")


def drafter(url: str, n: int, rounds: int, timings: list, errors: list) -> None:
    from gradio_client import Client

    for r in range(rounds):
        client = Client(url, verbose=False)  # a new session each round
        budget = 50 + n + r
        started = time.perf_counter()
        try:
            client.predict(DRAFT.format(n=NUMERALS[n], budget=budget), [], "project", "national-2020", api_name="/chat")
            result = client.predict("起草", [], "project", "national-2020", api_name="/chat")
            timings.append(time.perf_counter() - started)
            view = result[2]
            if not isinstance(view, str) or f"某县第{NUMERALS[n]}服务中心" not in view or f"{budget:.2f}万元" not in view:
                errors.append(f"drafter {n}: the draft is not this user's ({str(view)[:80]!r})")
        except Exception as exc:
            errors.append(f"drafter {n}: {type(exc).__name__}: {exc}")


def run_load(url: str, reviewers: int, drafters: int, rounds: int) -> dict:
    review_times: list = []
    draft_times: list = []
    errors: list = []
    threads = [threading.Thread(target=reviewer, args=(url, i, rounds, review_times, errors)) for i in range(reviewers)]
    threads += [threading.Thread(target=drafter, args=(url, i, rounds, draft_times, errors)) for i in range(drafters)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    elapsed = time.perf_counter() - started
    return {"elapsed": elapsed, "review": review_times, "draft": draft_times, "errors": errors,
            "requests": len(review_times) + 2 * len(draft_times)}


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(round(0.95 * (len(values) - 1))))] if values else float("nan")


def main() -> None:
    from tests.browser import start_app

    parser = argparse.ArgumentParser()
    parser.add_argument("--reviewers", type=int, default=5)
    parser.add_argument("--drafters", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    process, url = start_app(Path(tempfile.mkdtemp(prefix="load-")))
    try:
        result = run_load(url, args.reviewers, args.drafters, args.rounds)
    finally:
        process.terminate()
    print(f"{args.reviewers} reviewers and {args.drafters} drafters, {args.rounds} rounds each, in {result['elapsed']:.1f} s")
    print(f"throughput: {result['requests'] / result['elapsed']:.1f} requests/s; errors: {len(result['errors'])}")
    for name in ("review", "draft"):
        values = result[name]
        print(f"{name}: n={len(values)} p50={statistics.median(values):.2f} s p95={p95(values):.2f} s")
    for error in result["errors"]:
        print("  " + error)


if __name__ == "__main__":
    main()
