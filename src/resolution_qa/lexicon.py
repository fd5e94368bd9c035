"""The glossary shipped as package data (`data/glossary.json`): lay words people use -> the
terms of art Assembly resolutions use, general to the Assembly's vocabulary (it names no
evaluation question, unit or document)."""

from __future__ import annotations

import json
from importlib import resources


def _load(name: str) -> dict[str, str]:
    data = json.loads((resources.files("resolution_qa") / "data" / name).read_text(
        encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


GLOSSARY: dict[str, list[str]] = {k: v.split() for k, v in _load("glossary.json").items()}
