"""Accepting a false positive: inline ignores, allowed phrases, house entries that override or
switch off a default entry, and unknown rule ids named where they were written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA
from retranslate.errors import RetranslateError
from retranslate.files.ignores import inline_regions
from retranslate.models import Finding, Severity, Span

GLOSSARY = ["--no-default-glossary", "-g", str(DATA / "glossary" / "test.toml")]
ONLY_GLOSSARY = [*GLOSSARY, "--select", "glossary"]


def _rules(cli, tmp_path: Path, name: str, text: str, *extra: str) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = cli("check", "--format", "json", *ONLY_GLOSSARY, *extra, name, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return [(f["line"], f["rule"]) for f in json.loads(result.stdout)]


def test_ignore_comment_covers_the_next_paragraph_only(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = ("Noise grenades were heard.\n\n"
            "<!-- retranslate: ignore -->\n"
            "The band Noise Grenades played,\nand noise grenades were its hit.\n\n"
            "Later noise grenades went off.\n")
    assert _rules(cli, tmp_path, "a.md", text) == [(1, "glossary/t-stun-grenade"),
                                                   (7, "glossary/t-stun-grenade")]


def test_rule_specific_ignore_leaves_other_rules(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = ("<!-- retranslate: ignore[glossary/t-stun-grenade] -->\n"
            "Noise grenades and a Ministry of Internal Affairs officer.\n")
    assert _rules(cli, tmp_path, "a.md", text) == [(2, "glossary/t-interior")]
    # A prefix covers its family.
    prefixed = text.replace("glossary/t-stun-grenade", "glossary")
    assert _rules(cli, tmp_path, "b.md", prefixed) == []


def test_ignore_start_end_and_ignore_line_in_plain_text(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = ("Noise grenades, one.\n"
            "retranslate: ignore-start\n"
            "Noise grenades, two.\n\n"
            "Noise grenades, three.\n"
            "retranslate: ignore-end\n"
            "Noise grenades, four.  # retranslate: ignore-line\n"
            "Noise grenades, five.\n")
    assert _rules(cli, tmp_path, "a.txt", text) == [(1, "glossary/t-stun-grenade"),
                                                    (8, "glossary/t-stun-grenade")]


def test_fix_leaves_ignored_text_alone(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = "<!-- retranslate: ignore -->\nNoise grenades, kept.\n\nNoise grenades, fixed.\n"
    fixed = cli("fix", *GLOSSARY, "-", input=text.encode())
    assert fixed.stdout.decode() == text.replace("Noise grenades, fixed", "Stun grenades, fixed")


def test_bad_ignore_comments_are_errors_at_file_and_line(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Fine.\n<!-- retranslate: ignore[glossary/almatyy] -->\nText.\n":
            "a.md:2: no rule is called 'glossary/almatyy'",
        "Fine.\n\n<!-- retranslate: ignroe -->\n":
            "a.md:3: unknown directive 'retranslate: ignroe'",
        "<!-- retranslate: ignore-start -->\nText.\n": "a.md:1: ignore-start is never closed",
        "Text.\n<!-- retranslate: ignore-end -->\n": "a.md:2: ignore-end without an ignore-start",
    }
    for text, message in cases.items():
        (tmp_path / "a.md").write_text(text, encoding="utf-8")
        result = cli("check", *GLOSSARY, "a.md", cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.decode().startswith(f"retranslate: error: {message}"), result.stderr


def test_unknown_rules_in_options_and_settings_name_where(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    option = cli("check", *GLOSSARY, "--ignore", "glossary/t-almatyy", "a.txt", cwd=tmp_path)
    assert option.returncode == 2
    message = option.stderr.decode().strip()
    assert message.startswith("retranslate: error: --ignore: no rule is called "
                              "'glossary/t-almatyy'; rules start with ")
    assert ", glossary, " in message and len(message.splitlines()) == 1
    (tmp_path / "pyproject.toml").write_text('[tool.retranslate]\nselect = ["glossary/t-bbcc"]\n',
                                             encoding="utf-8")
    setting = cli("check", *GLOSSARY, "a.txt", cwd=tmp_path)
    assert setting.returncode == 2
    assert setting.stderr.decode().strip() == (
        f"retranslate: error: {tmp_path / 'pyproject.toml'} [tool.retranslate] select: no rule "
        "is called 'glossary/t-bbcc'; did you mean 'glossary/t-bbc'?")


def test_allowed_phrases_silence_findings_inside_them(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "retranslate.toml").write_text('allow = ["Noise Grenade Records"]\n',
                                               encoding="utf-8")
    text = "The label noise grenade records signed them. Noise grenades went off.\n"
    assert _rules(cli, tmp_path, "a.txt", text) == [(1, "glossary/t-stun-grenade")]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    found = json.loads(cli("check", "--format", "json", *GLOSSARY, "a.txt", cwd=tmp_path).stdout)
    assert [f["text"] for f in found] == ["Noise grenades"]


def _house(tmp_path: Path, body: str) -> Path:
    house = tmp_path / "house.toml"
    house.write_text(body, encoding="utf-8")
    return house


def test_a_house_entry_overrides_or_disables_a_default_entry(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(
        "A BBC News correspondent stayed. The Air Force managed to talk.\n", encoding="utf-8")
    default = json.loads(cli("check", "--format", "json", "a.txt", cwd=tmp_path).stdout)
    assert [(f["rule"], f["fixable"]) for f in default] == [("glossary/bbc-air-force", False)]

    override = _house(tmp_path, '[[entry]]\nid = "bbc-air-force"\noverride = true\n'
                      'target = "BBC"\nwrong = ["Air Force"]\nnear = ["BBC"]\nautofix = true\n'
                      'inflect = false\nnote = "Our desk: always the BBC."\n')
    fixed = cli("fix", "-g", str(override), "-", input=(tmp_path / "a.txt").read_bytes())
    assert fixed.stdout == b"A BBC News correspondent stayed. The BBC managed to talk.\n"

    disabled = _house(tmp_path, '[[entry]]\nid = "bbc-air-force"\ndisabled = true\n')
    quiet = cli("check", "-g", str(disabled), "a.txt", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == b""

    duplicate = _house(tmp_path, '[[entry]]\nid = "bbc-air-force"\ntarget = "BBC"\n'
                       'wrong = ["Air Force"]\nnote = "x"\n')
    refused = cli("check", "-g", str(duplicate), "a.txt", cwd=tmp_path)
    assert refused.returncode == 2
    assert f"{duplicate}:1: duplicate id 'bbc-air-force'" in refused.stderr.decode()
    assert "override = true" in refused.stderr.decode()

    missing = _house(tmp_path, '[[entry]]\nid = "bbc-air-forc"\ndisabled = true\n')
    assert (f"{missing}:1: no earlier entry 'bbc-air-forc' to disable"
            in cli("check", "-g", str(missing), "a.txt", cwd=tmp_path).stderr.decode())


def test_per_rule_severity_and_fail_on(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(
        "A BBC News correspondent stayed. The Air Force managed to talk.\n", encoding="utf-8")
    # Review-only entries are warnings: they fail by default, not under --fail-on error.
    assert cli("check", "a.txt", cwd=tmp_path).returncode == 1
    relaxed = cli("check", "--fail-on", "error", "a.txt", cwd=tmp_path)
    assert relaxed.returncode == 0 and b"glossary/bbc-air-force" in relaxed.stdout
    (tmp_path / "retranslate.toml").write_text(
        '[severity]\n"glossary/bbc-air-force" = "error"\n', encoding="utf-8")
    raised = cli("check", "--fail-on", "error", "--format", "json", "a.txt", cwd=tmp_path)
    assert raised.returncode == 1
    assert [f["severity"] for f in json.loads(raised.stdout)] == ["error"]
    (tmp_path / "retranslate.toml").write_text('[severity]\nglossary = "info"\n',
                                               encoding="utf-8")
    assert cli("check", "a.txt", cwd=tmp_path).returncode == 0
    assert cli("check", "--fail-on", "info", "a.txt", cwd=tmp_path).returncode == 1


def test_regions_are_decided_from_the_text_alone() -> None:
    text = "One.\n<!-- retranslate: ignore[numbers] -->\nTwo 2.\nThree.\n\nFour.\n"
    regions = inline_regions(text, "x.md")
    finding = Finding(rule="numbers/number", span=Span(text.index("2"), text.index("2") + 1),
                      severity=Severity.ERROR, message="", text="2")
    later = Finding(rule="numbers/number", span=Span(text.index("Four"), text.index("Four") + 4),
                    severity=Severity.ERROR, message="", text="Four")
    assert any(r.drops(finding) for r in regions)
    assert not any(r.drops(later) for r in regions)
    assert not any(r.drops(Finding(rule="glossary/x", span=finding.span,
                                   severity=Severity.ERROR, message="", text="2"))
                   for r in regions if r.rules)
    with pytest.raises(RetranslateError, match=r"x\.md:1: no rule is called 'nope'"):
        inline_regions("<!-- retranslate: ignore[nope] -->", "x.md", lambda rule: False)
