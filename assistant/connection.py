"""“测试连接”: one request to the configured endpoint, and a Chinese explanation of what failed."""

from __future__ import annotations

from assistant.settings import Settings


def describe_endpoint(settings: Settings) -> str:
    if not settings.llm_configured:
        return "**离线模式**：未设置 OPENAI_BASE_URL / OPENAI_API_KEY，起草使用程序内置写法，不会向任何地址发送请求。"
    key = "已设置（不显示）" if settings.openai_api_key else "未设置"
    return (f"**模型服务**：{settings.openai_base_url or 'https://api.openai.com/v1（默认）'}　模型：{settings.llm_model}　"
            f"密钥：{key}")


def test_connection(settings: Settings) -> tuple[bool, str]:
    if not settings.llm_configured:
        return False, "未配置模型服务，当前为离线模式。"
    from assistant.drafting.llm import LLMError, ping

    try:
        answer = ping(settings)
    except LLMError as exc:
        hint = ""
        base = settings.openai_base_url or ""
        if base and not base.rstrip("/").endswith("/v1") and "404" in str(exc):
            hint = f"（提示：多数兼容服务的地址以 /v1 结尾，可试试 {base.rstrip('/')}/v1）"
        return False, f"连接失败：{exc}{hint}"
    return True, f"连接成功：模型 {settings.llm_model} 已回复“{answer[:20]}”。"
