"""--select and --ignore decide which checks run at all, not only which findings are kept."""

from __future__ import annotations

from retranslate.checks import Check
from retranslate.pipeline import Options, check_enabled

GLOSSARY = Check(name="glossary", rules=("glossary/*",), run=lambda ctx: iter(()))
NAMES = Check(name="names", rules=("names/inconsistent", "names/batch"), run=lambda ctx: iter(()))


def test_everything_runs_without_a_selection() -> None:
    assert check_enabled(GLOSSARY, Options())
    assert check_enabled(NAMES, Options())


def test_a_check_runs_when_its_family_or_a_rule_inside_it_is_selected() -> None:
    for select in (("glossary",), ("glossary/",), ("glossary/t-interior",), ("names", "glossary")):
        assert check_enabled(GLOSSARY, Options(select=select)), select
    assert check_enabled(NAMES, Options(select=("names/batch",)))


def test_a_check_is_skipped_when_nothing_of_it_is_selected_or_all_is_ignored() -> None:
    assert not check_enabled(GLOSSARY, Options(select=("names",)))
    assert not check_enabled(GLOSSARY, Options(select=("glossaryx",)))
    assert not check_enabled(NAMES, Options(select=("glossary",)))
    assert not check_enabled(GLOSSARY, Options(ignore=("glossary",)))
    assert not check_enabled(NAMES, Options(ignore=("names/inconsistent", "names/batch")))
    assert check_enabled(NAMES, Options(ignore=("names/batch",)))
    assert check_enabled(GLOSSARY, Options(ignore=("glossary/t-interior",)))
