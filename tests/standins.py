"""Loopback stand-ins for model servers nobody can run here: Ollama's /api/chat and the OpenAI
chat-completions protocol, streaming and not, with scripted replies and failures. They speak the
real wire formats (NDJSON for Ollama, server-sent events for OpenAI); nothing of ours is faked."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

JUDGE_CUE = "YES or NO"
REWRITE_CUE = "Standalone question"


@dataclass
class Script:
    answer: str = ""
    judge: str = "YES"
    rewrite: str = ""
    status: int = 200  # an HTTP error for every request when not 200
    delay: float = 0.0  # seconds before each piece of the reply
    cut_after: int | None = None  # close the stream after this many pieces
    seen: list[str] = field(default_factory=list)  # prompts received

    def reply_to(self, prompt: str) -> str:
        self.seen.append(prompt)
        if JUDGE_CUE in prompt:
            return self.judge
        return self.rewrite if REWRITE_CUE in prompt else self.answer


def _pieces(text: str) -> list[str]:
    words = text.split(" ")
    return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)]


class _Handler(BaseHTTPRequestHandler):
    server: _Server  # type: ignore[assignment]

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        script = self.server.script
        prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
        text = script.reply_to(prompt)
        if script.status != 200:
            self._json({"error": {"message": "scripted failure"}}, script.status)
            return
        stream = bool(body.get("stream"))
        if self.path.startswith("/api/chat"):
            self._ollama(text, stream, body.get("model", "m"))
        elif self.path.endswith("/chat/completions"):
            self._openai(text, stream, body.get("model", "m"))
        else:
            self._json({"error": "not found"}, 404)

    def _json(self, obj: Any, status: int = 200) -> None:
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, chunks: list[bytes], content_type: str, tail: bytes = b"") -> None:
        script = self.server.script
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        try:
            for i, chunk in enumerate(chunks):
                if script.cut_after is not None and i >= script.cut_after:
                    self.wfile.flush()
                    self.connection.shutdown(2)  # the connection drops mid-reply
                    return
                time.sleep(script.delay)
                self.wfile.write(chunk)
                self.wfile.flush()
            self.wfile.write(tail)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
            pass

    def _ollama(self, text: str, stream: bool, model: str) -> None:
        def message(content: str, done: bool) -> dict[str, Any]:
            return {"model": model, "created_at": "2026-12-07T12:00:00Z",
                    "message": {"role": "assistant", "content": content}, "done": done,
                    **({"done_reason": "stop", "total_duration": 1, "eval_count": 1}
                       if done else {})}
        if not stream:
            time.sleep(self.server.script.delay)
            self._json(message(text, True))
            return
        lines = [json.dumps(message(p, False)).encode() + b"\n" for p in _pieces(text)]
        self._stream(lines, "application/x-ndjson", json.dumps(message("", True)).encode() + b"\n")

    def _openai(self, text: str, stream: bool, model: str) -> None:
        base = {"id": "chatcmpl-1", "created": 1765108800, "model": model}
        if not stream:
            time.sleep(self.server.script.delay)
            self._json({**base, "object": "chat.completion", "choices": [{
                "index": 0, "finish_reason": "stop",
                "message": {"role": "assistant", "content": text}}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})
            return

        def event(delta: dict[str, Any], finish: str | None = None) -> bytes:
            chunk = {**base, "object": "chat.completion.chunk",
                     "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            return f"data: {json.dumps(chunk)}\n\n".encode()
        events = [event({"role": "assistant", "content": p}) for p in _pieces(text)]
        self._stream(events, "text/event-stream", event({}, "stop") + b"data: [DONE]\n\n")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    script: Script


class StandIn:
    """A scripted model server on a free loopback port."""

    def __init__(self) -> None:
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.script = Script()
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def script(self) -> Script:
        return self.server.script

    def play(self, **values: Any) -> Script:
        self.server.script = Script(**values)
        return self.server.script

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
