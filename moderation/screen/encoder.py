"""The second opinion's sentence encoder: all-MiniLM-L6-v2, int8, on onnxruntime.

Built by ``scripts/build_encoder.py`` into ``data/encoder/`` (pinned by sha256). Loading is
lazy and may fail (files not built, onnxruntime missing, out of memory): :func:`shared`
then returns ``None`` and :func:`status` says why, and the synchronous screen goes on alone.
Pure: no database, no network, no logging of text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from moderation.screen.loaded import Absent, LoadedOnce

ENCODER_DIR = Path(__file__).resolve().parent / "data" / "encoder"
MODEL_NAME = "minilm-l6-int8.onnx"
TOKENIZER_NAME = "tokenizer.json"
DIMENSIONS = 384


class EncoderUnavailable(RuntimeError):
    """The encoder's files are missing or do not load."""


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class Encoder:
    """Unit-length 384-dimensional embeddings of messages, one core, batch by batch."""

    def __init__(self, directory: Path = ENCODER_DIR, *, threads: int = 1) -> None:
        manifest_path = directory / "manifest.json"
        if not manifest_path.exists():
            raise EncoderUnavailable(f"not built (run scripts/build_encoder.py): {directory}")
        manifest = json.loads(manifest_path.read_text())
        for name in (MODEL_NAME, TOKENIZER_NAME):
            path = directory / name
            if not path.exists() or _sha256(path) != manifest["files"].get(name):
                raise EncoderUnavailable(f"{name} is missing or not the built file")
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - both are dependencies
            raise EncoderUnavailable(f"{exc.name} is not installed") from exc
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(directory / MODEL_NAME), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_NAME))
        self.digest: str = manifest["files"][MODEL_NAME]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of ``texts`` (rows in order), each computed alone.

        One at a time on purpose: the int8 model quantizes its activations with one scale
        per call, so a message's embedding in a batch would depend on the other messages
        in it. Training and the server must see the same numbers.
        """
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, encoding in enumerate(self.tokenizer.encode_batch(list(texts))):
            ids = np.array([encoding.ids], dtype=np.int64)
            mask = np.ones_like(ids)
            (vectors,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            out[row] = vectors[0]
        return out


def _load() -> Encoder:
    try:
        return Encoder()
    except (EncoderUnavailable, MemoryError, OSError) as exc:
        raise Absent(str(exc)) from exc
    except Exception as exc:  # onnxruntime's own load errors
        raise Absent(f"{type(exc).__name__} while loading") from exc


_shared: LoadedOnce[Encoder] = LoadedOnce(_load)


def shared() -> Encoder | None:
    """The process's encoder, loaded on first use; ``None`` if it cannot be."""
    return _shared.get()


def status() -> str:
    """``ready``, ``not loaded`` (not used yet), or why it is absent."""
    return _shared.status()


def reset_for_tests(encoder: Encoder | None = None, error: str | None = None) -> None:
    """Set the shared encoder (or its absence) directly."""
    _shared.set(encoder, error)
