"""Fetching the English Vosk model: good, corrupt and wrong downloads from a local server."""

from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.errors import ModelFetchError
from assistant.models import CATALOGUE, ModelSpec, cmd_models, fetch_model

FOLDER = "vosk-model-test-en-us-0.1"


def _model_zip(path: Path, folder: str = FOLDER) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{folder}/am/final.mdl", b"acoustic model bytes")
        zf.writestr(f"{folder}/conf/model.conf", b"--endpoint.rule2.min-trailing-silence=0.5\n")
        zf.writestr(f"{folder}/graph/Gr.fst", b"graph")
        zf.writestr(f"{folder}/README", b"test model")
    return path


def _spec_for(archive: Path, url: str) -> ModelSpec:
    data = archive.read_bytes()
    return ModelSpec("test-model", FOLDER, url, len(data), hashlib.sha256(data).hexdigest(),
                     "a model built by the test")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A local HTTP server on 127.0.0.1 serving files from a temporary folder."""
    root = tmp_path / "served"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_fetch_from_local_server_unpacks_the_model(server, tmp_path):
    root, base = server
    archive = _model_zip(root / "model.zip")
    spec = _spec_for(archive, f"{base}/model.zip")
    models = tmp_path / "models"
    dest = fetch_model(spec, models)
    assert dest == models / FOLDER
    assert (dest / "am" / "final.mdl").read_bytes() == b"acoustic model bytes"
    assert [p.name for p in models.iterdir()] == [FOLDER]  # no temporary files left


def test_fetch_from_local_zip_replaces_an_old_copy(tmp_path):
    archive = _model_zip(tmp_path / "usb.zip")
    spec = _spec_for(archive, "http://127.0.0.1:9/unused.zip")
    models = tmp_path / "models"
    (models / FOLDER).mkdir(parents=True)
    (models / FOLDER / "stale").write_text("old")
    dest = fetch_model(spec, models, source=str(archive))
    assert not (dest / "stale").exists()
    assert (dest / "conf" / "model.conf").exists()


def test_corrupt_download_is_refused_and_nothing_installed(server, tmp_path):
    root, base = server
    archive = _model_zip(root / "model.zip")
    spec = _spec_for(archive, f"{base}/model.zip")
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(ModelFetchError, match="sha256"):
        fetch_model(spec, tmp_path / "models")
    assert not (tmp_path / "models" / FOLDER).exists()


def test_truncated_download_is_refused_by_size(server, tmp_path):
    root, base = server
    archive = _model_zip(root / "model.zip")
    spec = _spec_for(archive, f"{base}/model.zip")
    archive.write_bytes(archive.read_bytes()[:-10])
    with pytest.raises(ModelFetchError, match="bytes"):
        fetch_model(spec, tmp_path / "models")


def test_wrong_checksum_is_refused(server, tmp_path):
    root, base = server
    archive = _model_zip(root / "model.zip")
    spec = replace(_spec_for(archive, f"{base}/model.zip"), sha256="0" * 64)
    with pytest.raises(ModelFetchError, match="expected 0000"):
        fetch_model(spec, tmp_path / "models")


def test_not_a_zip_is_refused(server, tmp_path):
    root, base = server
    page = root / "page.zip"
    page.write_text("<html>404 not found</html>")
    spec = _spec_for(page, f"{base}/page.zip")
    with pytest.raises(ModelFetchError, match="not a readable zip"):
        fetch_model(spec, tmp_path / "models")


def test_zip_without_the_model_folder_is_refused(tmp_path):
    archive = _model_zip(tmp_path / "other.zip", folder="something-else")
    spec = _spec_for(archive, "http://127.0.0.1:9/x.zip")
    with pytest.raises(ModelFetchError, match="no Vosk model"):
        fetch_model(spec, tmp_path / "models", source=str(archive))


def test_missing_url_and_missing_file_give_plain_errors(server, tmp_path):
    _, base = server
    spec = ModelSpec("x", FOLDER, f"{base}/absent.zip", 10, "0" * 64, "")
    with pytest.raises(ModelFetchError, match="cannot download"):
        fetch_model(spec, tmp_path / "models")
    with pytest.raises(ModelFetchError, match="is not a file"):
        fetch_model(spec, tmp_path / "models", source=str(tmp_path / "nowhere.zip"))


def test_official_entry_is_pinned():
    spec = CATALOGUE["vosk-small-en-us"]
    assert spec.url.startswith("https://alphacephei.com/vosk/models/")
    assert spec.folder == "vosk-model-small-en-us-0.15"
    assert spec.size == 41_205_931 and len(spec.sha256) == 64


def test_cmd_models_list_and_unknown_name(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path))
    assert cmd_models(argparse.Namespace(action="list")) == 0
    out = capsys.readouterr().out
    assert "vosk-small-en-us: not installed" in out
    with pytest.raises(ModelFetchError, match="expected one of vosk-small-en-us"):
        cmd_models(argparse.Namespace(action="fetch", name="vosk-huge", source=None))


def test_cmd_models_fetch_with_from_checks_the_official_sum(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_MODELS_DIR", str(tmp_path / "models"))
    archive = _model_zip(tmp_path / "usb.zip", folder="vosk-model-small-en-us-0.15")
    args = argparse.Namespace(action="fetch", name="vosk-small-en-us", source=str(archive))
    with pytest.raises(ModelFetchError, match="expected 41205931 bytes"):
        cmd_models(args)
