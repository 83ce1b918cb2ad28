"""The names gazetteer (names-*.toml, places-*.toml, media and institutions) stays silent on
native English that uses its literal renderings in their own senses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# Written for this test: each paragraph uses the English words MT puts for Russian names
# (Apple, the Queen, Lublin, Hurricane, tulips, the news...) the way English uses them.
CLEAN = {
    "tech": ("Apple said the new iPhone would go on sale on Friday, and its shares rose on the "
             "Nasdaq. The opposition in parliament criticised the company's tax deal."),
    "royal": ("The Queen opened the new hospital wing in Windsor. Buckingham Palace said the "
              "royal visit to Moscow had been postponed."),
    "poland": ("Trains from Lublin to Warsaw were delayed by snow, Polish railways said. In "
               "Moscow, the metro ran normally."),
    "weather": ("Hurricane Ian made landfall in Florida. Residents fled the tornado, and the "
                "National Guard and army troops helped with the evacuation."),
    "garden": ("Gardeners planted tulips, carnations and acacias along the front of the museum, "
               "and the hyacinths will flower in April."),
    "news": ("The news reached the capital on Friday. News of the strike spread, and the "
             "European Commission said it was following the news closely."),
    "church": ("The parish priest restored the white church on the hill, and the congregation "
               "gathered for Mass."),
    "names": ("Dmitry Medvedev met Alexander Lukashenko in Minsk. Later Medvedev said he was "
              "satisfied. Maria Sharapova and Monica Seles played an exhibition in Moscow."),
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_english_gets_no_finding(name: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{name}.txt"
    path.write_text(CLEAN[name] + "\n", encoding="utf-8")
    result = cli("check", "--format", "json", str(path))
    assert result.returncode == 0, result.stdout.decode()
    assert json.loads(result.stdout) == []
