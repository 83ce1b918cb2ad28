"""Machine translation on a real (tiny) Argos package the tests build: install, load, translate."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from mt_model import build_argosmodel
from retranslate.errors import RetranslateError

pytest.importorskip("argostranslate", reason='needs the mt extra: pip install "retranslate[mt]"')


@pytest.fixture(scope="session")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("argos")
    return {"ru-en": build_argosmodel(folder), "en-de": build_argosmodel(folder, "en", "de")}


@pytest.fixture
def models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "models"
    monkeypatch.setenv("RETRANSLATE_MODELS_DIR", str(folder))
    return folder


def test_install_load_translate(archives: dict[str, Path], models_dir: Path) -> None:
    from retranslate.mt.packages import install_file, installed
    from retranslate.mt.translator import load_translator

    model = install_file(archives["ru-en"])
    assert (model.pair, model.path.parent) == ("ru-en", models_dir)
    assert [m.pair for m in installed()] == ["ru-en"]
    translator = load_translator()
    sentences = ["Полиция задержала двух человек.", "", "Мародёры разграбили магазины."]
    batch = translator.translate(sentences)
    assert len(batch) == 3 and batch[1] == "" and batch[0] and batch[2]
    assert batch == [translator.translate([s])[0] for s in sentences]  # batching changes nothing
    assert translator.translate(sentences) == batch  # deterministic


def test_cli_install_list_translate_remove(archives: dict[str, Path], models_dir: Path,
                                           cli) -> None:  # type: ignore[no-untyped-def]
    env = {"RETRANSLATE_MODELS_DIR": str(models_dir)}
    installed = cli("model", "install", str(archives["ru-en"]), env=env)
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout.decode().startswith("installed ru-en 0.0.1 in ")
    assert cli("model", "list", env=env).stdout.decode().startswith("ru-en\t0.0.1\t")
    translated = cli("model", "translate",
                     input="Полиция задержала людей.\nПротестующие.\n".encode(),
                     env=env)
    assert translated.returncode == 0, translated.stderr
    assert len(translated.stdout.decode().splitlines()) == 2
    assert cli("model", "remove", "ru-en", env=env).returncode == 0
    missing = cli("model", "translate", input=b"x\n", env=env)
    assert missing.returncode == 2
    assert missing.stderr.decode().strip() == (
        "retranslate: error: no ru→en model is installed "
        "(retranslate model install FILE.argosmodel)")


def _damaged(archive: Path, folder: Path, how: str) -> Path:
    bad = folder / f"{how}.argosmodel"
    if how == "truncated":
        bad.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    elif how == "not-zip":
        bad.write_bytes(b"this is not a model")
    elif how == "no-model":
        with zipfile.ZipFile(archive) as source, zipfile.ZipFile(bad, "w") as target:
            for item in source.infolist():
                if not item.filename.endswith("model.bin"):
                    target.writestr(item, source.read(item))
    return bad


@pytest.mark.parametrize(("how", "message"), [
    ("truncated", "not an Argos model: not a zip archive (corrupt or truncated?)"),
    ("not-zip", "not an Argos model: not a zip archive (corrupt or truncated?)"),
    ("no-model", "not an Argos model: no model/model.bin"),
])
def test_broken_archives_are_refused_in_one_line(archives: dict[str, Path], models_dir: Path,
                                                 tmp_path: Path, how: str, message: str,
                                                 cli) -> None:  # type: ignore[no-untyped-def]
    bad = _damaged(archives["ru-en"], tmp_path, how)
    result = cli("model", "install", str(bad), env={"RETRANSLATE_MODELS_DIR": str(models_dir)})
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        f"retranslate: error: {bad}: {message} (download the .argosmodel again)")
    assert not models_dir.exists() or not any(models_dir.iterdir())  # nothing half-installed


def test_wrong_pair_is_refused(archives: dict[str, Path], models_dir: Path) -> None:
    from retranslate.mt.packages import install_file

    with pytest.raises(RetranslateError, match="a en→de model, not ru→en"):
        install_file(archives["en-de"])


def test_a_corrupt_installed_model_fails_to_load_clearly(archives: dict[str, Path],
                                                         models_dir: Path) -> None:
    from retranslate.mt.packages import install_file
    from retranslate.mt.translator import load_translator

    model = install_file(archives["ru-en"])
    (model.path / "model" / "model.bin").write_bytes(b"garbage")
    with pytest.raises(RetranslateError, match=r"cannot load the ru-en model: .*remove it and "
                                               r"install the \.argosmodel again"):
        load_translator()
    shutil.rmtree(model.path)

