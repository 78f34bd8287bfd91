"""The one reader of the environment: every knob jixiao has, each described."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = PROJECT_ROOT / "corpus"
PROMPTS_DIR = PROJECT_ROOT / "prompts"


class Settings(BaseSettings):
    # Only the JIXIAO_*/OPENAI_* names are read: field names such as `home` must not pick up $HOME.
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=False)

    home: Path = Field(
        default=Path(".jixiao"),
        validation_alias="JIXIAO_HOME",
        description="Where the vector store, keyword index and embedding cache live.",
    )
    embeddings: Literal["e5", "hash", "openai"] = Field(
        default="e5",
        validation_alias="JIXIAO_EMBEDDINGS",
        description="e5: bundled multilingual-e5-small; hash: character n-grams, no model; "
        "openai: an OpenAI-compatible embeddings endpoint.",
    )
    chroma_url: str | None = Field(
        default=None,
        validation_alias="JIXIAO_CHROMA_URL",
        description="A Chroma server such as http://127.0.0.1:8000; unset means the embedded store.",
    )
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias="OPENAI_API_KEY", description="Key for the OpenAI-compatible endpoint."
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias="OPENAI_BASE_URL",
        description="Base URL of the OpenAI-compatible endpoint, usually ending in /v1.",
    )
    llm_model: str = Field(
        default="gpt-4o-mini", validation_alias="JIXIAO_LLM_MODEL", description="Chat model name at the endpoint."
    )
    embedding_model: str = Field(
        default="text-embedding-3-small",
        validation_alias="JIXIAO_EMBEDDING_MODEL",
        description="Embedding model name at the endpoint (with JIXIAO_EMBEDDINGS=openai).",
    )
    llm_timeout: float = Field(
        default=60.0, validation_alias="JIXIAO_LLM_TIMEOUT", description="Seconds before an LLM request is given up."
    )
    llm_retries: int = Field(
        default=2, validation_alias="JIXIAO_LLM_RETRIES", description="Retries of a failed LLM request."
    )
    auth: SecretStr | None = Field(
        default=None,
        validation_alias="JIXIAO_AUTH",
        description="Web app logins as user:password pairs separated by commas; required beyond 127.0.0.1.",
    )
    max_upload_mb: int = Field(
        default=30, validation_alias="JIXIAO_MAX_UPLOAD_MB", description="Largest file the web app accepts, in MB."
    )
    collection: str = Field(
        default="jixiao_reports",
        validation_alias="JIXIAO_COLLECTION",
        description="Chroma collection name; the embedder's name is appended so embedders never mix.",
    )

    @field_validator("chroma_url", "openai_base_url")
    @classmethod
    def _url_must_be_http(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"地址必须以 http:// 或 https:// 开头：{value}")
        return value.rstrip("/")

    @property
    def llm_configured(self) -> bool:
        """An endpoint counts as configured when a base URL or a key is given."""
        return bool(self.openai_base_url or self.openai_api_key)

    @property
    def logins(self) -> list[tuple[str, str]]:
        """JIXIAO_AUTH as (user, password) pairs."""
        if not self.auth:
            return []
        pairs = [p.split(":", 1) for p in self.auth.get_secret_value().split(",") if ":" in p]
        return [(user.strip(), password.strip()) for user, password in pairs if user.strip()]

    @property
    def store_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"


class SettingsError(Exception):
    """A setting that cannot be used; the message names the environment variable."""


def describe_error(error: dict) -> str:
    field = Settings.model_fields.get(str(error["loc"][0])) if error["loc"] else None
    variable = field.validation_alias if field and field.validation_alias else ".".join(map(str, error["loc"]))
    value = error.get("input")
    if error["type"] == "literal_error":
        return f"{variable}={value} 无效：可选值为 {error['ctx'].get('expected', '')}"
    message = str(error.get("ctx", {}).get("error", error["msg"]))
    return f"{variable}={value} 无效：{message}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings, or a SettingsError naming each bad variable (never a traceback)."""
    from pydantic import ValidationError

    try:
        return Settings()
    except ValidationError as exc:
        raise SettingsError("；".join(describe_error(e) for e in exc.errors())) from None
