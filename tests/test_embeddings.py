"""The NumPy MiniLM encoder reproduces the published model's similarities."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.embeddings import Embedder, read_safetensors


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder.load()


def test_matches_reference_similarities(embedder: Embedder) -> None:
    # Figures published with sentence-transformers/all-MiniLM-L6-v2 for these sentences.
    vecs = embedder.encode(["That is a happy person", "That is a happy dog",
                            "That is a very happy person", "Today is a sunny day"])
    sims = vecs[0] @ vecs[1:].T
    assert np.allclose(sims, [0.695, 0.943, 0.257], atol=0.005)


def test_vectors_are_unit_length_and_order_independent(embedder: Embedder) -> None:
    texts = ["a much longer sentence about lifting heavy shopping bags after surgery", "short one"]
    forward = embedder.encode(texts)
    backward = embedder.encode(texts[::-1])
    assert forward.dtype == np.float32
    assert np.allclose(np.linalg.norm(forward, axis=1), 1.0, atol=1e-5)
    assert np.allclose(forward, backward[::-1], atol=1e-5)


def test_cache_reuses_vectors(embedder: Embedder, tmp_path) -> None:
    texts = ["when can I drive again", "can I drink wine"]
    first = embedder.encode_cached(texts, tmp_path)
    assert len(list(tmp_path.glob("embeddings-*.npy"))) == 1
    again = embedder.encode_cached(texts, tmp_path)
    assert np.array_equal(first, again)


def test_safetensors_reader(tmp_path) -> None:
    import json
    import struct

    data = np.arange(6, dtype=np.float32).tobytes()
    header = json.dumps({"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, len(data)]}}).encode()
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(header)) + header + data)
    assert read_safetensors(path)["w"].tolist() == [[0, 1, 2], [3, 4, 5]]
