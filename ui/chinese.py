"""Gradio's own texts in Chinese whatever the browser's language, and notices with Chinese titles.

Gradio 6 picks its interface language from `navigator.language` when the page starts (its
frontend's `setupi18n`), before any `head` or `js` the app supplies has run. So the page itself is
served with a first script that reports the browser's language as zh-CN; Gradio then loads its
own zh-CN texts (“拖放文件到此处”, “错误”, “加载中”).

What its zh-CN texts lack is in gradio_zh.yaml: missing translation keys go to Gradio's own i18n
(`gradio_i18n()`, for launch), and the English that Gradio's browser code writes without a key
(tooltips, the upload box's refusals) is replaced in the page as it appears (TRANSLATE_SCRIPT).
"""

from __future__ import annotations

import json
from pathlib import Path

import gradio as gr
import yaml

LOCALE = "zh-CN"
LOCALE_SCRIPT = (
    "<script>(() => { const locale = '" + LOCALE + "';"
    " for (const [name, value] of [['language', locale], ['languages', [locale, 'zh']]]) {"
    " try { Object.defineProperty(Navigator.prototype, name, {get: () => value, configurable: true}); } catch (e) {} }"
    " document.documentElement.lang = locale; })();</script>"
).encode()
HEAD = b"<head>"
GRADIO_ZH = yaml.safe_load((Path(__file__).with_name("gradio_zh.yaml")).read_text(encoding="utf-8"))


def gradio_i18n() -> gr.I18n:
    return gr.I18n(**{LOCALE: GRADIO_ZH["keys"]})


TRANSLATE_SCRIPT = """
() => {
  const texts = __TEXTS__, patterns = __PATTERNS__.map(([english, chinese]) => [new RegExp(english), chinese]);
  const chinese = (value) => {
    const text = value.trim();
    if (texts[text]) return texts[text];
    for (const [english, replacement] of patterns) if (english.test(text)) return text.replace(english, replacement);
    return null;
  };
  const skip = (node) => node.parentElement && node.parentElement.closest(".jx-text, .jx-findings, textarea");
  const translate = (root) => {
    const elements = root.nodeType === Node.ELEMENT_NODE ? [root, ...root.querySelectorAll("[title], [aria-label], [placeholder]")] : [];
    for (const element of elements)
      for (const name of ["title", "aria-label", "placeholder"]) {
        const value = element.getAttribute(name), replaced = value && chinese(value);
        if (replaced) element.setAttribute(name, replaced);
      }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = root.nodeType === Node.TEXT_NODE ? root : walker.nextNode(); node; node = walker.nextNode()) {
      const replaced = !skip(node) && chinese(node.nodeValue);
      if (replaced) node.nodeValue = replaced;
      if (root.nodeType === Node.TEXT_NODE) break;
    }
  };
  translate(document.body);
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "childList") change.addedNodes.forEach(translate);
      else translate(change.target);
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                              attributeFilter: ["title", "aria-label", "placeholder"]});
}
""".replace("__TEXTS__", json.dumps(GRADIO_ZH["texts"], ensure_ascii=False)).replace(
    "__PATTERNS__", json.dumps([[p["english"], p["chinese"]] for p in GRADIO_ZH["patterns"]], ensure_ascii=False))


class ChineseLocale:
    """ASGI middleware: every HTML page gets LOCALE_SCRIPT as the first thing in its <head>."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        held: dict = {}
        body: list[bytes] = []

        async def rewrite(message) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if b"text/html" not in headers.get(b"content-type", b"") or headers.get(b"content-encoding"):
                    held["pass"] = True
                    await send(message)
                    return
                held["start"] = message
                return
            if held.get("pass") or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = b"".join(body).replace(HEAD, HEAD + LOCALE_SCRIPT, 1)
            start = held["start"]
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(page)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, rewrite)


def info(message: str) -> None:
    gr.Info(message, title="提示")


def warning(message: str) -> None:
    gr.Warning(message, title="注意")


def error(message: str) -> gr.Error:
    """Raise what this returns: a notice titled 错误, without a traceback in the log."""
    return gr.Error(message, title="错误", print_exception=False)
