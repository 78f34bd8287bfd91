"""Write `real/split.yaml` from the fixed rule (README: one third held-out by a hash of the id).

The rule depends on nothing but the document id, so adding documents never moves one that was
already assigned; the script refuses to change an existing assignment.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

REAL = Path(__file__).resolve().parent / "real"


def is_heldout(doc_id: str) -> bool:
    return int(hashlib.sha256(f"jixiao-split:{doc_id}".encode()).hexdigest(), 16) % 3 == 0


def main() -> None:
    ids = sorted(p.stem for p in (REAL / "docs").glob("*.txt"))
    split = {"dev": [i for i in ids if not is_heldout(i)], "heldout": [i for i in ids if is_heldout(i)]}
    path = REAL / "split.yaml"
    if path.exists():
        old = yaml.safe_load(path.read_text(encoding="utf-8"))
        moved = [i for part in ("dev", "heldout") for i in old[part] if i in split["heldout" if part == "dev" else "dev"]]
        if moved:
            raise SystemExit(f"these documents would change split: {moved}")
    path.write_text(yaml.safe_dump(split, allow_unicode=True, default_flow_style=None, width=100), encoding="utf-8")
    print(f"dev {len(split['dev'])}, held-out {len(split['heldout'])}")


if __name__ == "__main__":
    main()
