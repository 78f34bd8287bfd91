"""Gradio's English leftovers (ui/gradio_zh.yaml): every replacement is Chinese, every notice
pattern turns its own example into Chinese, and the launch options hand the missing keys to Gradio."""

import re

from ui.chinese import GRADIO_ZH, LOCALE, TRANSLATE_SCRIPT

ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
FILE_TYPE = re.compile(r"\.[a-z]+\b")  # file names and types are quoted as they are


def as_python(replacement: str) -> str:
    return re.sub(r"\$(\d)", r"\\\1", replacement)


def test_every_notice_pattern_turns_its_example_into_chinese():
    for entry in GRADIO_ZH["patterns"]:
        english = re.compile(entry["english"])
        assert english.search(entry["example"]), entry["example"]
        chinese = english.sub(as_python(entry["chinese"]), entry["example"])
        assert not ENGLISH_WORD.search(FILE_TYPE.sub("", chinese)), chinese
        assert entry["english"] in TRANSLATE_SCRIPT.replace("\\\\", "\\")


def test_every_replacement_and_key_is_chinese():
    for text in [*GRADIO_ZH["texts"].values(), *GRADIO_ZH["keys"].values()]:
        assert re.search(r"[\u4e00-\u9fff]", text) and not ENGLISH_WORD.search(text), text


def test_the_app_gives_gradio_the_keys_its_chinese_lacks():
    from ui.app import launch_options

    class Stub:
        class settings:
            logins, max_upload_mb = [], 30

    options = launch_options(Stub())
    assert options["i18n"].translations_dict[LOCALE]["common.upload"] == "上传文件"
    assert "MutationObserver" in options["js"]
