"""Settings the 设置 page saves under JIXIAO_HOME: read back on restart, beaten by the environment."""

import json
import stat

import pytest

from assistant.settings import (
    SettingsError,
    environment_overrides,
    get_settings,
    read_settings_file,
    reload_settings,
    save_settings,
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "JIXIAO_LLM_MODEL", "JIXIAO_EMBEDDINGS", "JIXIAO_EMBEDDING_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_saved_settings_are_read_back_by_a_new_process(home):
    save_settings(home, {"openai_base_url": "http://10.0.0.5:8000/v1", "llm_model": "qwen2.5-7b",
                         "openai_api_key": "sk-county", "embeddings": "hash"})
    settings = get_settings()
    assert settings.openai_base_url == "http://10.0.0.5:8000/v1" and settings.llm_model == "qwen2.5-7b"
    assert settings.embeddings == "hash" and settings.llm_configured
    assert settings.openai_api_key.get_secret_value() == "sk-county"


def test_an_environment_variable_beats_the_file_and_is_named(home, monkeypatch):
    save_settings(home, {"llm_model": "qwen2.5-7b"})
    monkeypatch.setenv("JIXIAO_LLM_MODEL", "deepseek-chat")
    assert reload_settings(home).llm_model == "deepseek-chat"
    assert environment_overrides() == {"llm_model": "JIXIAO_LLM_MODEL"}


def test_the_key_is_kept_only_in_the_owner_readable_file_and_never_printed(home):
    settings = save_settings(home, {"openai_api_key": "sk-county-secret"})
    assert "sk-county-secret" not in repr(settings) and "sk-county-secret" not in str(settings.model_dump())
    path = home / "settings.json"
    assert json.loads(path.read_text(encoding="utf-8"))["OPENAI_API_KEY"] == "sk-county-secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_empty_value_removes_a_setting(home):
    save_settings(home, {"openai_api_key": "sk-1", "llm_model": "qwen"})
    settings = save_settings(home, {"openai_api_key": ""})
    assert settings.openai_api_key is None and settings.llm_model == "qwen"
    assert "OPENAI_API_KEY" not in read_settings_file(home)


def test_an_invalid_value_is_refused_and_the_file_left_as_it_was(home):
    save_settings(home, {"openai_base_url": "http://127.0.0.1:8000/v1"})
    with pytest.raises(SettingsError, match="OPENAI_BASE_URL=127.0.0.1:8000 无效"):
        save_settings(home, {"openai_base_url": "127.0.0.1:8000"})
    with pytest.raises(SettingsError, match="JIXIAO_EMBEDDINGS"):
        save_settings(home, {"embeddings": "bert"})
    assert read_settings_file(home) == {"OPENAI_BASE_URL": "http://127.0.0.1:8000/v1"}


def test_settings_the_page_may_not_change_are_refused(home):
    with pytest.raises(SettingsError, match="不能在页面修改"):
        save_settings(home, {"auth": "admin:admin"})
    assert not (home / "settings.json").exists()
