"""The web app: four pages over the same core the command line uses."""

from __future__ import annotations

import gradio as gr

from ui.pages import corpus, drafting, review, settings_page
from ui.services import Services

CSS = "footer {display: none !important} .finding-context {font-size: 15px}"


def build_app(services: Services) -> gr.Blocks:
    with gr.Blocks(title="绩效 · 预算绩效报告助手") as app:
        gr.Markdown("## 绩效 · 预算绩效报告起草与审核")
        for page in (drafting, review, corpus, settings_page):
            with gr.Tab(page.TITLE):
                ui = page.layout(services)
                page.wire(ui, services)
            if hasattr(page, "on_load"):
                load, outputs = page.on_load(ui, services)
                app.load(load, None, outputs, api_name=False)
    return app.queue(default_concurrency_limit=4)


def serve(services: Services, host: str, port: int) -> None:
    app = build_app(services)
    app.launch(server_name=host, server_port=port, auth=services.settings.logins or None,
               auth_message="请输入账号和密码", max_file_size=f"{services.settings.max_upload_mb}mb",
               css=CSS, show_error=False, footer_links=[])
