"""设置: the model endpoint, model, key and embedder, edited here and kept in JIXIAO_HOME/settings.json;
an environment variable still wins (the page says which). The key is never shown back.

Save writes only the fields the user changed against what the page last showed, so a page left open
while another browser saved settings does not write its stale values back over them."""

from __future__ import annotations

import gradio as gr

from assistant.connection import describe_endpoint, test_connection
from assistant.settings import (
    DEFAULT_COLLECTION,
    SettingsError,
    environment_overrides,
    save_settings,
    variable,
)
from retrieval.store import StoreError
from ui.chinese import error, info
from ui.services import Services, ServicesBusy

TITLE = "设置"
EMBEDDERS = {"e5": "内置多语言模型 multilingual-e5-small（离线）", "hash": "字符 n-gram（无模型）", "openai": "模型服务的向量接口"}
FIELDS = ("openai_base_url", "llm_model", "openai_api_key", "embeddings", "embedding_model")
SHOWN_FIELDS = ("openai_base_url", "llm_model", "embeddings", "embedding_model")  # the key is never shown


def shown_values(settings) -> dict:
    """What the form shows for each field: the baseline a user's edits are measured against."""
    return {name: getattr(settings, name) or "" for name in SHOWN_FIELDS}


def layout(services: Services) -> dict:
    """The form starts from the settings in force, so a page opened after a restart shows them before its
    load event refreshes them."""
    settings = services.settings
    status = gr.Markdown(elem_id="settings-status")
    shown = gr.State(shown_values(settings))
    with gr.Row(equal_height=False):
        with gr.Column():
            base_url = gr.Textbox(settings.openai_base_url or "", label="模型服务地址",
                                  placeholder="如 http://192.168.1.10:8000/v1（留空：离线起草）", elem_id="settings-base-url")
            model = gr.Textbox(settings.llm_model, label="模型名称", elem_id="settings-model")
            key = gr.Textbox(label="密钥", type="password", elem_id="settings-key")
            forget_key = gr.Checkbox(label="清除已保存的密钥", value=False, elem_id="settings-forget-key")
        with gr.Column():
            embeddings = gr.Radio([(name, kind) for kind, name in EMBEDDERS.items()], value=settings.embeddings,
                                  label="向量模型", elem_id="settings-embeddings")
            embedding_model = gr.Textbox(settings.embedding_model, label="向量模型名称（选“模型服务的向量接口”时）",
                                         elem_id="settings-embedding-model")
            notes = gr.Markdown(elem_id="settings-notes")
    with gr.Row():
        save = gr.Button("保存设置", variant="primary", elem_id="settings-save")
        test = gr.Button("测试连接", elem_id="settings-test")
    result = gr.Markdown(elem_id="settings-result")
    return {"status": status, "shown": shown, "base_url": base_url, "model": model, "key": key, "forget_key": forget_key,
            "embeddings": embeddings, "embedding_model": embedding_model, "notes": notes, "save": save, "test": test,
            "result": result}


def status_line(services: Services) -> str:
    """The model endpoint, embedder, store and corpus count in force."""
    settings = services.settings
    store = f"Chroma 服务器 {settings.chroma_url}" if settings.chroma_url else f"本机（{settings.store_dir}）"
    busy = f"　**{services.corpus_busy()}**" if services.corpus_busy() else ""
    return (f"{describe_endpoint(settings)}\n\n**向量模型**：{EMBEDDERS[settings.embeddings]}　**向量库**：{store}　"
            f"**语料段数**：{services.store.count()}{busy}")


def current(services: Services) -> tuple:
    """The page filled from the settings in force: values, which are fixed by the environment, the key's state."""
    settings, fixed = services.settings, environment_overrides()
    status = status_line(services)

    def box(name: str, value) -> dict:
        hint = f"由环境变量 {fixed[name]} 设定，优先于此处的设置；要在此修改，请先取消该环境变量" if name in fixed else None
        return gr.update(value=value, interactive=name not in fixed, info=hint)

    key_state = "已设置（不显示）" if settings.openai_api_key else "未设置"
    key = box("openai_api_key", "")
    key["info"] = key["info"] or f"{key_state}；留空则保持不变"
    notes = (f"设置保存在 `{settings.settings_file}`（只有本机账户可读），重启后仍然有效；环境变量优先。"
             "更换向量模型会为新模型单独建立语料库索引（自带语料自动导入，之前上传的报告需重新加入）。")
    return (status, shown_values(settings), box("openai_base_url", settings.openai_base_url or ""),
            box("llm_model", settings.llm_model), key, box("embeddings", settings.embeddings),
            box("embedding_model", settings.embedding_model), notes)


def changes_from(shown: dict, base_url: str, model: str, key: str, forget_key: bool, embeddings: str,
                 embedding_model: str) -> dict:
    """What the user changed against what the form showed, leaving out settings an environment variable fixes."""
    typed = {"openai_base_url": base_url.strip(), "llm_model": model.strip(), "embeddings": embeddings,
             "embedding_model": embedding_model.strip()}
    changes = {name: value for name, value in typed.items() if value != shown.get(name)}
    if key.strip() or forget_key:
        changes["openai_api_key"] = "" if forget_key else key.strip()
    fixed = environment_overrides()
    if "embeddings" in changes and "embeddings" not in fixed and "collection" not in fixed:
        # each embedder keeps its own collection, so switching back and forth never mixes vectors
        changes["collection"] = "" if embeddings == "e5" else f"{DEFAULT_COLLECTION}-{embeddings}"
    return {name: value for name, value in changes.items() if name not in fixed}


def save(services: Services, shown: dict, *form) -> tuple:
    changes = changes_from(shown, *form)
    try:
        settings = save_settings(services.settings.home, changes)
        replaced = services.apply_settings(settings)
    except (SettingsError, StoreError, ServicesBusy) as exc:
        raise error(f"未保存：{exc}") from None
    info("设置已保存并生效" + ("；正在为新的向量模型建立语料库索引" if replaced else ""))
    fixed = [variable(n) for n in FIELDS if n in environment_overrides()]
    note = f"（{'、'.join(fixed)} 由环境变量设定，未改动）" if fixed else ""
    return (*current(services), gr.update(value=False), f"**已保存**{note}")


def wire(ui: dict, services: Services) -> None:
    form = [ui["shown"], ui["base_url"], ui["model"], ui["key"], ui["forget_key"], ui["embeddings"], ui["embedding_model"]]
    shown = [ui["status"], ui["shown"], ui["base_url"], ui["model"], ui["key"], ui["embeddings"], ui["embedding_model"], ui["notes"]]
    ui["save"].click(lambda *f: save(services, *f), form, [*shown, ui["forget_key"], ui["result"]], api_name=False)

    def run_test() -> str:
        ok, message = test_connection(services.settings)
        return f"**{'成功' if ok else '未连通'}**：{message}"

    ui["test"].click(run_test, None, ui["result"], api_name=False)


def on_load(ui: dict, services: Services):
    """The form and the corpus count as they are now, when the page opens."""
    outputs = [ui["status"], ui["shown"], ui["base_url"], ui["model"], ui["key"], ui["embeddings"], ui["embedding_model"], ui["notes"]]
    return (lambda: current(services)), None, outputs


def on_select(ui: dict, services: Services):
    """Choosing the tab refreshes the status line only: refilling the form then could overwrite what a user
    has begun to type if the answer comes late (a slow two-core server lost a typed address this way)."""
    return (lambda: status_line(services)), None, [ui["status"]]
