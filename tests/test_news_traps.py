"""The domain glossaries on real MT of Russian news (the shared development set): each domain's
trap is found with the right suggestion (or, for a calque, flagged for rephrasing), and the
native-English pages of the set stay clean."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"

# (file, rule, flagged text, suggestion): None is a rephrase entry, which suggests nothing.
TRAPS = [
    ("a05.txt", "glossary/protests-shares", "Shares are going for", None),
    ("a09.txt", "glossary/unauthorized-protest-share", "disputed shares", "unauthorized protests"),
    ("a13.txt", "glossary/police-report-protocol-without", "without a Protocol",
     "without a police report"),
    ("a04.txt", "glossary/opened-excited-cases", "excited", "opened"),
    ("a02.txt", "glossary/presidential-candidate-candidate-in-presidents",
     "candidate in presidents", "presidential candidate"),
    ("a02.txt", "glossary/polling-stations-plots", "the plots", "polling stations"),
    ("b01.txt", "glossary/strikes-arrivals", "arrivals", "strikes"),
    ("b02.txt", "glossary/residential-area-residential-array", "residential arrays",
     "residential areas"),
    ("b02.txt", "glossary/no-casualties-without-victims", "There were without victims",
     "There were no casualties"),
    ("b05.txt", "glossary/containment-localization-of-the-fire", "localization", "containment"),
    ("b06.txt", "glossary/put-out-liquidated-fire", "liquidated", "put out"),
    ("b09.txt", "glossary/cereals-croup", "croup", "cereals"),
    ("b09.txt", "glossary/agency-quotes-leads-agency", "leads TASS", None),
    ("b10.txt", "glossary/kopeck-penny", "penny", "kopeck"),
    ("b14.txt", "glossary/utility-failure-communal-accident", "Communal accident",
     "Utility failure"),
]


def _glossary_findings(cli: Any, path: Path) -> list[dict[str, Any]]:
    result = cli("check", "--format", "json", "--select", "glossary", str(path))
    assert result.returncode in (0, 1), result.stderr.decode()
    return list(json.loads(result.stdout))


def _dev(name: str) -> Path:
    path = DEV / name
    if not path.is_file():
        pytest.skip(f"the development set is not at {DEV} (CI has it beside the clone)")
    return path


@pytest.mark.parametrize(("name", "rule", "text", "suggestion"), TRAPS)
def test_news_trap_is_flagged_in_real_mt(name: str, rule: str, text: str,
                                         suggestion: str | None, cli: Any) -> None:
    found = [(f["text"], f["suggestion"]) for f in _glossary_findings(cli, _dev(name))
             if f["rule"] == rule]
    assert (text, suggestion) in found, found


@pytest.mark.parametrize("name", ["aclean01.txt", "aclean02.txt", "aclean03.txt", "aclean04.txt",
                                  "bclean01.txt", "bclean02.txt", "bclean03.txt", "bclean04.txt"])
def test_native_english_news_with_the_trap_words_is_not_flagged(name: str, cli: Any) -> None:
    findings = _glossary_findings(cli, _dev(name))
    assert findings == [], [(f["rule"], f["text"]) for f in findings]
