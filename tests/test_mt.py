"""Machine translation on a real (tiny) Argos package the tests build: install, load, translate."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mt_model import argos_environment, build_argosmodel
from retranslate.errors import RetranslateError

pytest.importorskip("argostranslate", reason='needs the mt extra: pip install "retranslate[mt]"')

SENTENCES = ["привет мир", "", "Полиция задержала двух человек в центре города.",
             "Ёж, «кавычки» — 23:00!"]


@pytest.fixture(scope="session")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("argos")
    return {"ru-en": build_argosmodel(folder / "copy"),
            "ru-en lexicon": build_argosmodel(folder / "lexicon",
                                              lexicon={"привет": "hello", "мир": "world"}),
            "en-de": build_argosmodel(folder / "en-de", "en", "de")}


@pytest.fixture
def argos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Argos's folders, settings and index address, all inside this test's tmp_path."""
    environment = argos_environment(tmp_path / "argos")
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    return environment


def packages(argos: dict[str, str]) -> list[Path]:
    folder = Path(argos["ARGOS_PACKAGES_DIR"])
    return sorted(folder.iterdir()) if folder.exists() else []


def test_install_load_translate(archives: dict[str, Path], argos: dict[str, str]) -> None:
    from retranslate.mt.packages import install_file, installed
    from retranslate.mt.translator import load_translator

    model = install_file(archives["ru-en"])
    assert model.pair == "ru-en"
    assert model.path == Path(argos["ARGOS_PACKAGES_DIR"]) / "translate-ru_en-tiny"
    assert installed() == [model]
    translator = load_translator()
    assert translator.translate(SENTENCES) == SENTENCES  # the tiny model copies its input
    assert translator.translate([]) == []
    assert [translator.translate([s])[0] for s in SENTENCES] == SENTENCES  # one by one


def test_reinstalling_a_pair_replaces_the_model(archives: dict[str, Path],
                                               argos: dict[str, str]) -> None:
    from retranslate.mt.packages import install_file, installed
    from retranslate.mt.translator import load_translator

    install_file(archives["ru-en"])
    install_file(archives["ru-en lexicon"])
    assert [m.pair for m in installed()] == ["ru-en"]
    assert load_translator().translate(["привет мир", "Привет, мир!"]) == [
        "hello world", "Привет, world!"]  # the lexicon has lower-case words only


def test_cli_install_list_translate_remove(archives: dict[str, Path], argos: dict[str, str],
                                           cli) -> None:  # type: ignore[no-untyped-def]
    installed = cli("model", "install", str(archives["ru-en"]), env=argos)
    assert installed.returncode == 0, installed.stderr
    folder = Path(argos["ARGOS_PACKAGES_DIR"]) / "translate-ru_en-tiny"
    assert installed.stdout.decode() == f"installed ru-en 0.0.1 in {folder}\n"
    assert cli("model", "list", env=argos).stdout.decode() == f"ru-en\t0.0.1\t{folder}\n"
    translated = cli("model", "translate", input="\n".join(SENTENCES).encode(), env=argos)
    assert translated.returncode == 0, translated.stderr
    assert translated.stdout.decode().splitlines() == SENTENCES
    removed = cli("model", "remove", "ru-en", env=argos)
    assert removed.stdout.decode() == f"removed ru-en from {folder}\n"
    assert packages(argos) == []
    assert cli("model", "list", env=argos).stdout == b""


def test_without_a_model_translate_is_a_one_line_error(argos: dict[str, str],
                                                       cli) -> None:  # type: ignore[no-untyped-def]
    for args in (["model", "translate"], ["model", "remove", "ru-en"]):
        result = cli(*args, input=b"x\n", env=argos)
        assert (result.returncode, result.stdout) == (2, b"")
        assert result.stderr.decode() == (
            "retranslate: error: no ru→en model is installed "
            "(retranslate model install FILE.argosmodel)\n")


def _damaged(archive: Path, folder: Path, how: str) -> Path:
    bad = folder / f"{how}.argosmodel"
    data = archive.read_bytes()
    if how == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif how == "not-zip":
        bad.write_bytes(b"this is not a model")
    elif how == "corrupt":  # a byte of model.bin's compressed data flipped: the zip still opens
        with zipfile.ZipFile(archive) as source:
            member = source.getinfo("translate-ru_en-tiny/model/model.bin")
        start = member.header_offset + 30 + len(member.filename.encode()) + len(member.extra)
        middle = start + member.compress_size // 2
        bad.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:])
    else:  # leave out one part, or add a second top-level folder
        with zipfile.ZipFile(archive) as source, zipfile.ZipFile(bad, "w") as target:
            for item in source.infolist():
                if not item.filename.endswith(how):
                    target.writestr(item, source.read(item))
            if how == "two-tops":
                target.writestr("other/metadata.json", "{}")
    return bad


@pytest.mark.parametrize(("how", "message"), [
    ("truncated", "not a zip archive (corrupt or truncated?)"),
    ("not-zip", "not a zip archive (corrupt or truncated?)"),
    ("corrupt", "damaged member translate-ru_en-tiny/model/model.bin"),
    ("model.bin", "no model/model.bin"),
    ("vocabulary.json", "no vocabulary in model/"),
    ("sentencepiece.model", "no tokenizer model (sentencepiece.model)"),
    ("metadata.json", "no metadata.json"),
    ("two-tops", "not one top-level folder"),
])
def test_broken_archives_are_refused_in_one_line(archives: dict[str, Path], argos: dict[str, str],
                                                 tmp_path: Path, how: str, message: str,
                                                 cli) -> None:  # type: ignore[no-untyped-def]
    bad = _damaged(archives["ru-en"], tmp_path, how)
    result = cli("model", "install", str(bad), env=argos)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == (
        f"retranslate: error: {bad}: not an Argos model: {message} "
        "(download the .argosmodel again)\n")
    assert packages(argos) == []  # nothing half-installed


def test_wrong_pair_is_refused(archives: dict[str, Path], argos: dict[str, str],
                               cli) -> None:  # type: ignore[no-untyped-def]
    from retranslate.mt.packages import install_file

    with pytest.raises(RetranslateError, match="a en→de model, not ru→en"):
        install_file(archives["en-de"])
    result = cli("model", "install", str(archives["en-de"]), env=argos)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == (
        f"retranslate: error: {archives['en-de']}: a en→de model, not ru→en "
        "(install a ru→en .argosmodel)\n")
    assert packages(argos) == []


def test_a_missing_file_is_named(argos: dict[str, str], tmp_path: Path,
                                 cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("model", "install", "nowhere.argosmodel", cwd=tmp_path, env=argos)
    assert (result.returncode, result.stderr.decode()) == (
        2, "retranslate: error: nowhere.argosmodel: no such model file\n")


def test_the_index_unreachable_is_one_line(argos: dict[str, str],
                                           cli) -> None:  # type: ignore[no-untyped-def]
    # Real Argos code against an address where nothing listens: Argos itself logs each failure
    # and, with no index on disk, would retry until the recursion limit.
    result = cli("model", "install", "ru-en", env=argos)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == (
        "retranslate: error: cannot reach the Argos package index at "
        "http://127.0.0.1:9/index.json (offline? install a downloaded file: "
        "retranslate model install FILE.argosmodel)\n")


def test_a_damaged_installed_model_fails_to_load_clearly(archives: dict[str, Path],
                                                         argos: dict[str, str]) -> None:
    from retranslate.mt.packages import install_file
    from retranslate.mt.translator import load_translator

    model = install_file(archives["ru-en"])
    (model.path / "model" / "model.bin").write_bytes(b"garbage")
    with pytest.raises(RetranslateError, match=r"cannot load the ru-en model: .*remove it and "
                                               r"install the \.argosmodel again") as caught:
        load_translator()
    assert "\n" not in str(caught.value)


def test_a_bad_argos_setting_is_one_line(argos: dict[str, str],
                                         cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("model", "list", env={**argos, "ARGOS_BEAM_SIZE": "four"})
    assert (result.returncode, len(result.stderr.splitlines())) == (2, 1)
    assert b"a bad Argos Translate setting" in result.stderr


def test_without_the_mt_extra_model_commands_say_how_to_get_it() -> None:
    # None in sys.modules makes an import fail as if the package were not installed.
    code = ("import sys; sys.modules.update(argostranslate=None, ctranslate2=None); "
            "sys.argv = ['retranslate', 'model', 'list']; "
            "from retranslate.cli import main; main()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert (result.returncode, result.stderr.decode()) == (
        2, 'retranslate: error: machine translation needs the mt extra: '
           'pip install "retranslate[mt]"\n')


def test_the_model_command_imports_no_mt_library_until_it_runs() -> None:
    code = ("import sys, retranslate, retranslate.commands.model, retranslate.mt.packages, "
            "retranslate.mt.translator; print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'argostranslate', 'ctranslate2', 'sentencepiece', 'numpy'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stdout == b"[]\n"
