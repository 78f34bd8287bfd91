"""设置: what embedder and endpoint are in use, and a connection test with a clear explanation."""

from __future__ import annotations

import gradio as gr

from assistant.connection import describe_endpoint, test_connection
from ui.services import Services

TITLE = "设置"
EMBEDDERS = {"e5": "内置多语言模型 multilingual-e5-small（离线）", "hash": "字符 n-gram（无模型）", "openai": "模型服务的向量接口"}


def layout(services: Services) -> dict:
    settings = services.settings
    store = f"Chroma 服务器 {settings.chroma_url}" if settings.chroma_url else f"本机嵌入式（{settings.store_dir}）"
    gr.Markdown(f"**向量模型**：{EMBEDDERS[settings.embeddings]}　**向量库**：{store}　**语料段数**：{services.store.count()}")
    endpoint = gr.Markdown(describe_endpoint(settings), elem_id="settings-endpoint")
    test = gr.Button("测试连接", elem_id="settings-test")
    result = gr.Markdown(elem_id="settings-result")
    gr.Markdown("修改设置请编辑环境变量（OPENAI_BASE_URL、OPENAI_API_KEY、JIXIAO_LLM_MODEL、JIXIAO_EMBEDDINGS 等）后重启；"
                "密钥只从环境变量读取，不在页面显示，也不写入日志。")
    return {"endpoint": endpoint, "test": test, "result": result}


def wire(ui: dict, services: Services) -> None:
    def run() -> str:
        ok, message = test_connection(services.settings)
        return f"**{'成功' if ok else '未连通'}**：{message}"

    ui["test"].click(run, None, ui["result"], api_name=False)
