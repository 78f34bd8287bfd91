"""The real reports as a reviewer uploads them: each document of `real/` set in a Word file (its
`|`-rows as ruled tables, its lines as paragraphs), turned into PDF by LibreOffice, read back by
the PDF loader, and validated. A PDF wraps every paragraph into page-wide lines (breaking after
“万元,” or “%;” as often as anywhere) and puts spaces where the text had none, so this measures
what survives the trip: of the error and warning findings on the published text, how many the
PDF still gives, and how many error findings the PDF adds.

    python -m evals.validator.pdf_roundtrip [--details]      # needs `soffice`

Findings are compared by check, severity and stated figure (spaces removed). Documents are split
as in `real_run`; tune on dev only.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import docx
from docx.shared import Pt

from assistant.validation.validator import validate
from evals.validator.real_run import REAL, read_doc, split
from retrieval.loaders import load, load_text

SERIOUS = ("error", "warning")
FONT_SIZE = Pt(11)
CONVERT_TIMEOUT = 1800


def word_file(body: str) -> docx.Document:
    """The body's lines as paragraphs; runs of `|`-rows as ruled tables."""
    document = docx.Document()
    document.styles["Normal"].font.size = FONT_SIZE
    rows: list[list[str]] = []
    for line in body.split("\n") + [""]:
        if line.strip().startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        if rows:
            add_table(document, rows)
            rows = []
        if line.strip():
            document.add_paragraph(line)
    return document


def add_table(document: docx.Document, rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def signature(text_or_path, name: str) -> Counter:
    document = load(text_or_path) if isinstance(text_or_path, Path) else load_text(text_or_path, name)
    return Counter((f.severity, f.check, "".join(f.stated.split())) for f in validate(document).findings
                   if f.severity in SERIOUS)


def convert(names: list[str], folder: Path) -> None:
    for name in names:
        word_file(read_doc(REAL / "docs" / f"{name}.txt").body).save(folder / f"{name}.docx")
    profile = f"-env:UserInstallation=file://{folder}/profile"  # its own profile: another soffice may be running
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
    subprocess.run([*command, *[str(folder / f"{n}.docx") for n in names]], check=True, capture_output=True,
                   timeout=CONVERT_TIMEOUT)
    for name in [n for n in names if not (folder / f"{n}.pdf").exists()]:  # a batch sometimes drops a file
        subprocess.run([*command, str(folder / f"{name}.docx")], check=True, capture_output=True, timeout=CONVERT_TIMEOUT)


def compare(names: list[str], folder: Path, details: bool) -> tuple[int, int, int]:
    """(findings on the text, of them kept in the PDF, errors the PDF adds)."""
    found = kept = added = 0
    for name in names:
        text = signature(read_doc(REAL / "docs" / f"{name}.txt").body, name)
        pdf = signature(folder / f"{name}.pdf", name)
        found += sum(text.values())
        kept += sum((text & pdf).values())
        extra = pdf - text
        added += sum(n for (severity, _, _), n in extra.items() if severity == "error")
        if details and (text - pdf or extra):
            print(name, "lost:", sorted((text - pdf).elements()), "added:", sorted(extra.elements()))
    return found, kept, added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="list each document's lost and added findings (dev only)")
    args = parser.parse_args()
    print("| split | docs | error/warning findings on the text | kept in the PDF | errors the PDF adds |")
    print("|---|---|---|---|---|")
    for part, names in split().items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            convert(names, folder)
            found, kept, added = compare(names, folder, args.details and part == "dev")
        print(f"| {part} | {len(names)} | {found} | {kept} ({kept / max(found, 1):.0%}) | {added} |")


if __name__ == "__main__":
    main()
