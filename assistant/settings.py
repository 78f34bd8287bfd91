"""The one reader of the environment and of the settings file: every knob jixiao has, each described.

Precedence: values given in code, then environment variables, then `JIXIAO_HOME/settings.json`
(what the 设置 page saves), then the defaults. The file is keyed by the environment variables' names.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = PROJECT_ROOT / "corpus"
PROMPTS_DIR = PROJECT_ROOT / "prompts"
SETTINGS_FILE = "settings.json"
DEFAULT_HOME = Path(".jixiao")
DEFAULT_COLLECTION = "jixiao_reports"
# What the 设置 page may change and keep in the settings file (field names).
EDITABLE = ("openai_base_url", "openai_api_key", "llm_model", "embeddings", "embedding_model", "collection")


class SettingsFileSource(PydanticBaseSettingsSource):
    """`settings.json` under the home the earlier sources chose; only the editable settings are read."""

    def get_field_value(self, field, field_name: str) -> tuple[Any, str, bool]:  # pragma: no cover - unused
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        home = self.current_state.get("JIXIAO_HOME") or self.current_state.get("home") or DEFAULT_HOME
        stored = read_settings_file(Path(home))
        aliases = {Settings.model_fields[name].validation_alias for name in EDITABLE}
        return {key: value for key, value in stored.items() if key in aliases and value not in (None, "")}


class Settings(BaseSettings):
    # Only the JIXIAO_*/OPENAI_* names are read: field names such as `home` must not pick up $HOME.
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=False)

    home: Path = Field(
        default=DEFAULT_HOME,
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
        default=DEFAULT_COLLECTION,
        validation_alias="JIXIAO_COLLECTION",
        description="Chroma collection name; a collection refuses vectors of another embedder (the 设置 page gives "
        "each embedder its own).",
    )

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, SettingsFileSource(settings_cls)

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

    @property
    def workspace_file(self) -> Path:
        """Conversations, drafts and review results (assistant/workspace.py)."""
        return self.home / "workspace.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.home / SETTINGS_FILE


def variable(field_name: str) -> str:
    """The environment variable (and settings-file key) of a setting."""
    return str(Settings.model_fields[field_name].validation_alias)


def environment_overrides() -> dict[str, str]:
    """Editable settings an environment variable fixes: field name -> the variable's name."""
    return {name: variable(name) for name in EDITABLE if os.environ.get(variable(name), "") != ""}


def read_settings_file(home: Path) -> dict[str, Any]:
    path = Path(home) / SETTINGS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise SettingsError(f"设置文件 {path} 无法读取：{exc}") from None
    return data if isinstance(data, dict) else {}


def save_settings(home: Path, changes: dict[str, str | None]) -> Settings:
    """Write editable settings (field name -> value; None or "" removes it) to the settings file,
    after checking that the result is valid; the file is readable by its owner only. Returns the
    settings now in force (an environment variable still beats the file)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise SettingsError(f"不能在页面修改的设置：{'、'.join(sorted(unknown))}")
    stored = read_settings_file(home)
    for name, value in changes.items():
        if value in (None, ""):
            stored.pop(variable(name), None)
        else:
            stored[variable(name)] = value
    validated({**stored, "JIXIAO_HOME": str(home)})
    path = Path(home) / SETTINGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(stored, ensure_ascii=False, indent=2), encoding="utf-8")
    temporary.chmod(0o600)
    temporary.replace(path)
    return reload_settings(home)


def validated(values: dict[str, Any]) -> Settings:
    """Settings built from these values (by variable name) over the environment, or a SettingsError."""
    from pydantic import ValidationError

    try:
        return Settings(**values)
    except ValidationError as exc:
        raise SettingsError("；".join(describe_error(e) for e in exc.errors())) from None


def reload_settings(home: Path) -> Settings:
    """The settings as a restart would read them, for the same home (after the page saved some)."""
    get_settings.cache_clear()
    return validated({"JIXIAO_HOME": str(home)})


class SettingsError(Exception):
    """A setting that cannot be used; the message names the environment variable."""


def describe_error(error: dict) -> str:
    field = Settings.model_fields.get(str(error["loc"][0])) if error["loc"] else None
    name = field.validation_alias if field and field.validation_alias else ".".join(map(str, error["loc"]))
    value = error.get("input")
    if error["type"] == "literal_error":
        return f"{name}={value} 无效：可选值为 {error['ctx'].get('expected', '')}"
    message = str(error.get("ctx", {}).get("error", error["msg"]))
    return f"{name}={value} 无效：{message}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings, or a SettingsError naming each bad variable (never a traceback)."""
    return validated({})
