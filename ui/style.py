"""The page's own CSS, and the one script it needs: a click on a finding scrolls the report text to
the finding's span and flashes it (a click on a marked span picks its row). Kept client-side so
the jump is instant and works on a reopened review as well."""

CSS = """
footer {display: none !important}
.jx-findings {max-height: 68vh; overflow-y: auto}
.jx-findings table {width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 13px}
.jx-findings th {position: sticky; top: 0; background: #f9fafb; z-index: 1}
.jx-findings table, .jx-findings tr, .jx-findings th, .jx-findings td {border: none}
.jx-findings th, .jx-findings td {padding: 4px 6px; border-bottom: 1px solid #e5e7eb; vertical-align: top;
  text-align: left; overflow: hidden; line-height: 1.45}
.jx-findings th:nth-child(1) {width: 2em} .jx-findings th:nth-child(2) {width: 3.2em}
.jx-findings th:nth-child(4) {width: 7.5em} .jx-findings th:nth-child(5) {width: 7.5em}
.jx-message, .jx-quote, .jx-figure, .jx-section {overflow-wrap: anywhere}
.jx-quote {margin-top: 2px; color: #4b5563; font-size: 12px}
.jx-figure b {font-weight: 600}
.jx-section {font-size: 12px}
.jx-line-no {color: #6b7280}
.jx-row {cursor: pointer} .jx-row:hover {background: #f3f4f6} .jx-row.jx-active {background: #e0e7ff}
.jx-sev {padding: 0 3px; border-radius: 3px; white-space: nowrap}
.jx-text {max-height: 68vh; overflow-y: auto; font-size: 15px; line-height: 1.8}
.jx-excerpt {border-left: 3px solid #e5e7eb; margin: 0 0 14px; padding-left: 8px}
.jx-where {color: #6b7280; font-size: 12px}
.jx-line {display: flex; gap: 10px}
.jx-ln {flex: none; min-width: 3em; color: #9ca3af; text-align: right; user-select: none}
.jx-tx {flex: 1; white-space: pre-wrap; word-break: break-word}
mark[data-findings] {padding: 0; border-radius: 2px; color: inherit}
.jx-error {background: #f8b4b4} .jx-warning {background: #fde68a} .jx-note {background: #bfdbfe}
mark.jx-overlap {box-shadow: inset 0 -2px 0 #7c3aed}
mark.jx-flash {animation: jx-flash 1.8s ease-out}
@keyframes jx-flash {0%, 45% {background: #fb923c; outline: 2px solid #ea580c}}
.jx-lost, .jx-empty {color: #6b7280}
#review-results.jx-stale > * {opacity: 0.35}
#review-results.jx-stale::before {content: "以下是上一次审核的结果，不是当前输入的结果。"; color: #b91c1c; font-weight: 600}
#corpus-confirm-text {padding: 8px 12px}
/* An upload box keeps its Chinese refusal in the notice only: Gradio also leaves a red “错误” badge
   over the box (its status tracker), which hid the box and said nothing more. */
.block:has([data-testid=file-upload]) > [data-testid=status-tracker]:has(> .error) {display: none !important}
/* The overview is read-only: a clicked row is shaded as the open report, without a cell-edit frame. */
#review-overview .cell-selected, #review-overview .cell-selected * {box-shadow: none !important}
#review-overview .selection-button, #review-overview .cell-menu-button {display: none !important}
#review-overview [role=row]:has(.cell-selected) .body-cell, #review-overview .cell-selected .text {background: #e0e7ff !important}
#review-overview .body-cell {cursor: pointer}
/* Uploaded files one short line each, so a batch shows more of its list. */
#review-upload tr.file {padding: 1px 6px; margin: 0}
#review-upload tr.file td {padding-top: 2px; padding-bottom: 2px}
/* A review's progress covers the “将审核” line under 开始核对 rather than being drawn over it. */
#review-pending [data-testid=status-tracker] {background: var(--block-background-fill); align-items: flex-start; padding: 0}
#review-pending .progress-level {align-items: flex-start}
#review-pending .progress-level-inner {margin: 2px 0; font-family: var(--font); font-size: var(--text-md)}
#review-pending .meta-text-center {position: static; transform: none; order: 2; padding: 0; font-family: var(--font)}
#review-pending .pending {visibility: hidden}
/* 起草: numbers in the draft's tables never break inside (“50.0/0”); text still wraps between characters. */
#draft-view td, #draft-view th {overflow-wrap: normal; word-break: normal}
#draft-view th {white-space: nowrap}
/* 起草's upload box is low: its label sits where the icon was, so the icon goes and the words fit. */
#draft-upload [data-testid=upload-icon] {display: none}
#draft-upload [data-testid=upload-text] {padding-top: 14px}
/* Gradio 6 titles a notice with its level in English (“Error”, “Info”) and ignores the title it is
   given, so the title is drawn from the level here. */
.toast-title {font-size: 0 !important}
.toast-title > * {font-size: 14px}
.toast-title::before {font-size: 16px}
.toast-title.error::before {content: "错误"}
.toast-title.warning::before {content: "注意"}
.toast-title.info::before {content: "提示"}
.toast-title.success::before {content: "完成"}
"""

SCRIPT = """
() => {
  const marksOf = (n) => [...document.querySelectorAll("mark[data-findings]")]
    .filter((mark) => mark.dataset.findings.split(" ").includes(n));
  const activate = (row) => {
    document.querySelectorAll("tr.jx-active").forEach((r) => r.classList.remove("jx-active"));
    row.classList.add("jx-active");
  };
  const show = (n) => {
    const anchor = document.getElementById("jx-mark-" + n);
    if (anchor) anchor.scrollIntoView({block: "center", behavior: "smooth"});
    for (const mark of marksOf(n)) {
      mark.classList.remove("jx-flash");
      void mark.offsetWidth;
      mark.classList.add("jx-flash");
    }
  };
  document.addEventListener("click", (event) => {
    const row = event.target.closest("tr[data-finding]");
    if (row) { activate(row); show(row.dataset.finding); return; }
    const mark = event.target.closest("mark[data-findings]");
    if (!mark) return;
    const first = document.querySelector(`tr[data-finding="${mark.dataset.findings.split(" ")[0]}"]`);
    if (first) { activate(first); first.scrollIntoView({block: "nearest"}); }
  });
}
"""

# 开始核对 marks the results on screen as stale (when there are any) before the new review runs; a
# review that succeeds replaces them and unmarks them. When the new input cannot be read, the
# previous report's results stay visible but greyed out under a line saying they are not the new
# input's, so nobody takes them for the new file's.
MARK_STALE = """(...args) => {
  const results = document.getElementById("review-results");
  if (results && results.querySelector("#review-summary strong")) results.classList.add("jx-stale");  // a report is shown
  return args;
}"""
MARK_FRESH = """() => document.getElementById("review-results")?.classList.remove("jx-stale")"""
# A clicked overview row opens its report below the overview: bring the report's summary to the top
# of the window, so its findings start on screen at 1366×768.
SCROLL_TO_REPORT = """() => document.getElementById("review-summary")?.scrollIntoView({block: "start", behavior: "smooth"})"""
