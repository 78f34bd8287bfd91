"""Gradio's own texts in Chinese whatever the browser's language, and notices with Chinese titles.

Gradio 6 picks its interface language from `navigator.language` when the page starts (its
frontend's `setupi18n`), before any `head` or `js` the app supplies has run. So the page itself is
served with a first script that reports the browser's language as zh-CN; Gradio then loads its
own zh-CN texts (“拖放文件到此处”, “错误”, “加载中”).
"""

from __future__ import annotations

import gradio as gr

LOCALE = "zh-CN"
LOCALE_SCRIPT = (
    "<script>(() => { const locale = '" + LOCALE + "';"
    " for (const [name, value] of [['language', locale], ['languages', [locale, 'zh']]]) {"
    " try { Object.defineProperty(Navigator.prototype, name, {get: () => value, configurable: true}); } catch (e) {} }"
    " document.documentElement.lang = locale; })();</script>"
).encode()
HEAD = b"<head>"


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
