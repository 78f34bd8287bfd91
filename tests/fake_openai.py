"""A small OpenAI-compatible server on 127.0.0.1 for tests: chat completions (streamed or not)
and embeddings, answering from a script, so the real `openai` client is exercised over real HTTP.

A script entry is a function `request -> str` (the answer), or one of the strings
"timeout", "401", "429", "500", "garbage", "cut" (a stream closed half-way).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Answer = Callable[[dict], str] | str


def echo_baseline(request: dict) -> str:
    """Answer with the offline baseline the prompt carries; asked to repair, return the draft
    without the sentences the findings name, as a model that follows instructions would."""
    prompt = request["messages"][-1]["content"]
    match = re.search(r"<<<初稿开始\n(.*?)\n初稿结束>>>", prompt, re.S)
    if match:
        return match.group(1)
    draft = re.search(r"<<<草稿开始\n(.*?)\n草稿结束>>>", prompt, re.S)
    if draft:
        flagged = re.findall(r"数字“(.+?)”", prompt)
        sentences = re.split(r"(?<=。)", draft.group(1))
        return "".join(s for s in sentences if not any(f in s for f in flagged))
    return "经核查，本节情况正常。"


class FakeOpenAI:
    def __init__(self) -> None:
        self.script: list[Answer] = []
        self.default: Answer = echo_baseline
        self.requests: list[dict] = []
        self.hang_seconds = 5.0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def next_answer(self) -> Answer:
        return self.script.pop(0) if self.script else self.default

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization", "")})
                if self.path == "/v1/embeddings":
                    return self.embeddings(body)
                if self.path == "/v1/chat/completions":
                    return self.chat(body)
                self.reply(404, {"error": {"message": "not found"}})

            def reply(self, status: int, data: dict) -> None:
                payload = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def embeddings(self, body: dict) -> None:
                texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
                data = [{"object": "embedding", "index": i, "embedding": vector(t)} for i, t in enumerate(texts)]
                self.reply(200, {"object": "list", "data": data, "model": body.get("model", "fake"),
                                 "usage": {"prompt_tokens": 1, "total_tokens": 1}})

            def chat(self, body: dict) -> None:
                answer = fake.next_answer()
                if answer == "timeout":
                    time.sleep(fake.hang_seconds)
                    return self.reply(200, completion("太晚了"))
                if answer in ("401", "429", "500"):
                    return self.reply(int(answer), {"error": {"message": f"scripted {answer}", "type": "error"}})
                if answer == "cut":  # a stream that stops mid-answer: the connection just closes
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    self.wfile.write(f"data: {json.dumps(chunk('项目预算'))}\n\n".encode())
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return None
                if answer == "garbage":
                    payload = b"this is not json"
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return None
                text = answer(body)
                if not body.get("stream"):
                    return self.reply(200, completion(text))
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for piece in [text[i : i + 8] for i in range(0, len(text), 8)]:
                    self.wfile.write(f"data: {json.dumps(chunk(piece))}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(f"data: {json.dumps(chunk('', finish=True))}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                return None

        return Handler


def completion(text: str) -> dict:
    return {"id": "c1", "object": "chat.completion", "created": 0, "model": "fake",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def chunk(text: str, finish: bool = False) -> dict:
    return {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "fake",
            "choices": [{"index": 0, "delta": {} if finish else {"content": text}, "finish_reason": "stop" if finish else None}]}


def vector(text: str, dim: int = 32) -> list[float]:
    digest = hashlib.sha256(text.encode()).digest()
    raw = [(b - 128) / 128 for b in digest[:dim]]
    norm = sum(x * x for x in raw) ** 0.5 or 1.0
    return [x / norm for x in raw]
