"""The one module that talks to an OpenAI-compatible chat endpoint (through langchain-openai).

Every failure becomes an `LLMError` with a Chinese explanation, so callers can fall back to the
offline drafter and tell the user why.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from assistant.settings import Settings

Tokens = Callable[[str], None]


class LLMError(Exception):
    """The endpoint failed; the message says how, in words a finance officer can act on."""


def explain(exc: Exception) -> str:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "模型服务响应超时"
    if isinstance(exc, openai.AuthenticationError):
        return "密钥无效或未授权（401），请检查 OPENAI_API_KEY"
    if isinstance(exc, openai.RateLimitError):
        return "请求过于频繁或额度不足（429），请稍后再试"
    if isinstance(exc, openai.NotFoundError):
        return "地址或模型不存在（404）：请检查 OPENAI_BASE_URL 是否缺少 /v1，以及 JIXIAO_LLM_MODEL"
    if isinstance(exc, openai.APIConnectionError):
        return "无法连接模型服务，请检查 OPENAI_BASE_URL 和网络"
    if isinstance(exc, openai.APIStatusError):
        return f"模型服务返回错误（{exc.status_code}）"
    return f"模型调用失败（{type(exc).__name__}）"


class ChatModel:
    def __init__(self, settings: Settings) -> None:
        from langchain_openai import ChatOpenAI

        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
        self.model = settings.llm_model
        self._chat = ChatOpenAI(model=settings.llm_model, base_url=settings.openai_base_url, api_key=key,
                                timeout=settings.llm_timeout, max_retries=settings.llm_retries, temperature=0.2)

    def complete(self, system: str, user: str, on_token: Tokens | None = None) -> str:
        """The answer, streamed token by token to `on_token`."""
        from langchain_core.messages import HumanMessage, SystemMessage

        parts: list[str] = []
        finished = False
        try:
            for chunk in self._chat.stream([SystemMessage(system), HumanMessage(user)]):
                finished = finished or bool((chunk.response_metadata or {}).get("finish_reason"))
                token = chunk.content if isinstance(chunk.content, str) else ""
                if token:
                    parts.append(token)
                    if on_token:
                        on_token(token)
        except Exception as exc:  # the openai client raises many kinds; each gets a reason
            raise LLMError(explain(exc)) from exc
        if not finished:
            raise LLMError("模型输出在中途中断（连接被关闭），本节未采用")
        answer = "".join(parts).strip()
        if not answer:
            raise LLMError("模型返回了空内容")
        return answer

    def complete_json(self, system: str, user: str) -> dict:
        text = self.complete(system, user)
        match = re.search(r"\{.*\}", text, re.S)
        try:
            data = json.loads(match.group(0)) if match else None
        except json.JSONDecodeError:
            data = None
        if not isinstance(data, dict):
            raise LLMError("模型返回的内容不是有效的 JSON")
        return data


def ping(settings: Settings) -> str:
    """A one-word round trip without streaming, for the settings page's 测试连接 button."""
    from langchain_core.messages import HumanMessage, SystemMessage

    chat = ChatModel(settings)._chat
    try:
        answer = chat.invoke([SystemMessage("只回答“好”。"), HumanMessage("测试")]).content
    except Exception as exc:  # every client failure gets its Chinese reason
        raise LLMError(explain(exc)) from exc
    if not isinstance(answer, str) or not answer.strip():
        raise LLMError("模型返回了空内容")
    return answer.strip()
