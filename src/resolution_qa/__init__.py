"""resolution-qa: cited answers to questions about ICC Assembly of States Parties resolutions."""

import os

# Offline by construction: these must be set before any of chromadb, gradio, transformers or
# huggingface_hub is imported, or they phone home (telemetry) or try the hub for weights.
for _name, _value in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    os.environ.setdefault(_name, _value)

__version__ = "0.1.0"
