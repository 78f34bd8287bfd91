"""The web app: four pages over the same core the command line uses.

Every page's `ui` dict gets `ui["user"]`, a gr.State holding who is using the page: the login name
when logins are on, otherwise an id the browser keeps (gr.BrowserState, encrypted with a secret kept
under JIXIAO_HOME so a browser is recognised after a restart). A page's `on_load(ui, services)`
returns (fn, inputs, outputs), run after the user is known and again whenever its tab is chosen (so
counts and lists are never stale), unless its `on_select(ui, services)` says what to refresh then; its
`on_unload(services)` returns what to do when a page is
closed.
"""

from __future__ import annotations

import secrets

import gradio as gr
from starlette.middleware import Middleware

from ui.chinese import TRANSLATE_SCRIPT, ChineseLocale, gradio_i18n
from ui.pages import corpus, drafting, review, settings_page
from ui.services import Services
from ui.style import CSS, SCRIPT

PAGES = (drafting, review, corpus, settings_page)
BROWSER_KEY = "jixiao-user"


def identify(saved: str | None, request: gr.Request) -> tuple[str, str | None]:
    """(user, what the browser keeps): the login name, or the browser's own id (made on first visit)."""
    if request is not None and request.username:
        return request.username, saved
    browser = saved or f"browser-{secrets.token_hex(8)}"
    return browser, browser


def build_app(services: Services) -> gr.Blocks:
    with gr.Blocks(title="绩效 · 预算绩效报告助手") as app:
        gr.Markdown("## 绩效 · 预算绩效报告起草与审核")
        user = gr.State("")
        saved = gr.BrowserState(None, storage_key=BROWSER_KEY, secret=services.workspace.secret("browser"))
        loads = []
        for page in PAGES:
            with gr.Tab(page.TITLE, id=page.__name__.rsplit(".", 1)[-1]) as tab:
                ui = page.layout(services)
                ui["user"] = user
                page.wire(ui, services)
            if hasattr(page, "on_load"):
                fn, inputs, outputs = page.on_load(ui, services)
                loads.append((fn, inputs, outputs))
                if hasattr(page, "on_select"):  # a late answer to choosing a tab must not overwrite what is typed
                    fn, inputs, outputs = page.on_select(ui, services)
                tab.select(fn, inputs, outputs, api_name=False, show_progress="hidden")
        known = app.load(identify, [saved], [user, saved], api_name=False)
        for page in PAGES:
            if hasattr(page, "on_unload"):
                app.unload(page.on_unload(services))
        for fn, inputs, outputs in loads:
            known.then(fn, inputs, outputs, api_name=False)
    return app.queue(default_concurrency_limit=4)


def launch_options(services: Services) -> dict:
    """How the app is served: logins, upload limit, the page's CSS and script, Chinese texts."""
    return {"auth": services.settings.logins or None, "auth_message": "请输入账号和密码",
            "max_file_size": f"{services.settings.max_upload_mb}mb", "css": CSS, "show_error": False,
            "js": f"() => {{ ({SCRIPT.strip()})(); ({TRANSLATE_SCRIPT.strip()})(); }}", "i18n": gradio_i18n(),
            "footer_links": [], "app_kwargs": {"middleware": [Middleware(ChineseLocale)]}}


def serve(services: Services, host: str, port: int) -> None:
    """Answer first, then index the bundled corpus in the background (it would slow the start)."""
    app = build_app(services)
    app.launch(server_name=host, server_port=port, prevent_thread_lock=True, **launch_options(services))
    services.index_corpus_in_background()
    app.block_thread()
