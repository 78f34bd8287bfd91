"""The validator over the unlabelled scratch pages: every error and warning finding, to read by hand.

    python -m evals.validator.scratch_run            # errors only
    python -m evals.validator.scratch_run --warnings # errors and warnings

The pages have no key: they are dev-style material for spotting false findings a change causes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.validation.validator import validate
from retrieval.loaders import load_text

SCRATCH = Path(__file__).resolve().parent / "scratch"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warnings", action="store_true", help="list warnings as well as errors")
    args = parser.parse_args()
    shown = ("error", "warning") if args.warnings else ("error",)
    counts = {"error": 0, "warning": 0, "note": 0}
    for path in sorted(SCRATCH.glob("*.txt")):
        body = path.read_text(encoding="utf-8").partition("\n\n")[2]
        for finding in validate(load_text(body, path.stem)).findings:
            counts[finding.severity] += 1
            if finding.severity in shown:
                print(f"{path.stem} 第{finding.location.line}行 {finding.severity} [{finding.check}] {finding.message}"
                      f"\n    «{finding.quote}»")
    print(f"\n{counts['error']} errors, {counts['warning']} warnings, {counts['note']} notes")


if __name__ == "__main__":
    main()
