"""Language models through llama-index: Ollama, or any OpenAI-compatible chat endpoint.

`--llm ollama:MODEL` or `--llm openai:MODEL` (with `--llm-base-url`) picks one; nothing else
in the package talks to a model. Every failure (unreachable, timed out, HTTP error, a stream
cut off) becomes one LLMError naming the endpoint, so the caller can fall back to the
extractive answer. Prompts are plain files, read at each start so users can edit them.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROVIDERS = ("ollama", "openai")
OLLAMA_URL = "http://127.0.0.1:11434"
PROMPTS = {"answer": ("units", "question"), "judge": ("units", "question"),
           "rewrite": ("history", "question")}
MAX_TOKENS = 400


class LLMError(RuntimeError):
    """The model could not answer; the message names the endpoint and the reason."""


class PromptError(ValueError):
    """A prompt file is missing or broken; the message names the file."""


@dataclass(frozen=True)
class LLMConfig:
    provider: str
    model: str
    base_url: str
    timeout: float = 60.0
    api_key: str = ""

    @property
    def name(self) -> str:
        return f"{self.provider}:{self.model} at {self.base_url}"


def parse_llm(spec: str, base_url: str = "", timeout: float = 60.0) -> LLMConfig | None:
    """`ollama:MODEL` or `openai:MODEL` into a config; None without a spec (extractive)."""
    if not spec:
        return None
    provider, sep, model = spec.partition(":")
    if not sep or provider not in PROVIDERS or not model.strip():
        raise ValueError(f"--llm {spec!r} is not a model: write ollama:MODEL or openai:MODEL")
    if timeout <= 0:
        raise ValueError("--llm-timeout must be a positive number of seconds")
    if provider == "openai" and not base_url:
        # No hosted default: the user names the endpoint their data goes to.
        raise ValueError("--llm openai:MODEL needs --llm-base-url (e.g. http://127.0.0.1:8080/v1 "
                         "for a local server, or your provider's URL)")
    key = os.environ.get("RESOLUTION_QA_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY", "")
    return LLMConfig(provider, model.strip(), (base_url or OLLAMA_URL).rstrip("/"), timeout, key)


def load_prompts(folder: Path) -> dict[str, str]:
    """Each prompt file, checked for the placeholders it must fill and no others."""
    out = {}
    for name, needed in PROMPTS.items():
        path = folder / f"{name}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PromptError(f"prompt file {path} cannot be read ({exc.__class__.__name__}): "
                              "restore it from the repository") from None
        found = set(re.findall(r"(?<!\{)\{(\w*)\}(?!\})", text))
        missing, unknown = set(needed) - found, found - set(needed)
        if missing or unknown:
            problem = (f"lacks {', '.join('{' + m + '}' for m in sorted(missing))}" if missing
                       else f"has unknown placeholders {', '.join(sorted(unknown))}")
            raise PromptError(f"prompt file {path} {problem}: it must use exactly "
                              f"{', '.join('{' + n + '}' for n in needed)}")
        out[name] = text
    return out


def fill(template: str, **values: str) -> str:
    """Fill a checked template; braces in the values are left alone."""
    return re.sub(r"(?<!\{)\{(\w+)\}(?!\})", lambda m: values[m.group(1)], template)


class LLM:
    """One configured model; `stream` yields text as it arrives."""

    def __init__(self, config: LLMConfig) -> None:
        self.config = config
        self.client: Any
        if config.provider == "ollama":
            from llama_index.llms.ollama import Ollama

            self.client = Ollama(model=config.model, base_url=config.base_url,
                                 request_timeout=config.timeout, temperature=0.1,
                                 context_window=8192,  # else it asks /api/show first
                                 additional_kwargs={"num_predict": MAX_TOKENS})
        else:
            from llama_index.llms.openai_like import OpenAILike

            self.client = OpenAILike(model=config.model, api_base=config.base_url,
                                     api_key=config.api_key or "not-needed",
                                     is_chat_model=True, timeout=config.timeout, max_retries=0,
                                     temperature=0.1, max_tokens=MAX_TOKENS,
                                     context_window=8192)

    def _messages(self, prompt: str) -> list[object]:
        from llama_index.core.llms import ChatMessage

        return [ChatMessage(role="user", content=prompt)]

    def _fail(self, exc: BaseException) -> LLMError:
        reason = str(exc).splitlines()[0][:160] if str(exc) else exc.__class__.__name__
        return LLMError(f"the model {self.config.name} failed ({reason})")

    def complete(self, prompt: str) -> str:
        """The whole reply in one response (no streaming): short answers such as a verdict."""
        try:
            reply = self.client.chat(self._messages(prompt))  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - every client error is the endpoint's failure
            raise self._fail(exc) from None
        return str(reply.message.content or "")

    def stream(self, prompt: str) -> Iterator[str]:
        """The reply, piece by piece; LLMError on any failure, or when the whole reply takes
        longer than the timeout (a server that drips tokens slowly must not hang us)."""
        start = time.monotonic()
        finished = False
        try:
            for chunk in self.client.stream_chat(self._messages(prompt)):  # type: ignore[arg-type]
                if time.monotonic() - start > self.config.timeout:
                    raise TimeoutError(f"no full reply within {self.config.timeout:g} s")
                finished = finished or _finished(chunk.raw)
                if chunk.delta:
                    yield chunk.delta
            if not finished:  # the connection closed before the server said it was done
                raise ConnectionError("the reply broke off before it ended")
        except LLMError:
            raise
        except Exception as exc:  # noqa: BLE001 - every client error is the endpoint's failure
            raise self._fail(exc) from None


def _finished(raw: object) -> bool:
    """Whether a streamed chunk is the last one: Ollama's `done`, OpenAI's `finish_reason`."""
    if isinstance(raw, dict):
        return bool(raw.get("done"))
    choices = getattr(raw, "choices", None) or []
    return any(getattr(c, "finish_reason", None) for c in choices)
