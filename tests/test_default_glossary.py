"""The bundled ru-en glossary: its examples pass, it flags the corpus's blunders, and it stays
silent on clean native English that uses the same words correctly."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

# Clean English, written for these tests, in which every wrong form of an ambiguous entry is
# the right word: the default glossary must find nothing in any of them.
CLEAN = {
    "religion": (
        "Protestants and Catholics in the town have shared the old stone church since the "
        "Reformation. On Sunday the Lutheran pastor and the Catholic priest led a joint service, "
        "and the congregation prayed for peace. Police closed the square to traffic while the "
        "crowd left the church."
    ),
    "belfast": (
        "Police in Belfast said Protestant and Catholic youths threw stones during the riot. "
        "Loyalists later held a Protestant rally before the Orange Order parade."
    ),
    "air-force": (
        "The US Air Force said two F-16 jets were scrambled from the airbase after a Russian "
        "bomber approached Alaska. The pilots escorted the aircraft for forty minutes. BBC News "
        "later showed footage of the intercept, and the Air Force released photographs of the "
        "bomber. Air Force One landed at Andrews an hour later."
    ),
    "fantasy": (
        "In the novel, a band of marauders rides out of the northern hills, burns the mill and "
        "steals the grain. The young wizard and her dragon chase the marauders into the "
        "mountains, where the orcs keep their treasure."
    ),
    "sports": (
        "The Millersville Marauders scored twice in the final quarter to win the league title. "
        "The coach praised the defence, and the Marauders' fans celebrated outside the stadium "
        "until police asked them to go home."
    ),
    "ukraine": (
        "Air raid sirens sounded in Kyiv, Kharkiv and Odesa on Monday. Officials in Mykolaiv and "
        "Zaporizhzhia reported damage to power lines, and trains from Lviv to the Polish border "
        "were delayed. Fighting continued in the Donbas, around Bakhmut and Horlivka, and the "
        "Verkhovna Rada met in Kyiv."
    ),
    "kazakhstan": (
        "Police in Almaty used stun grenades and tear gas to disperse protesters on Republic "
        "Square. Looters broke into shops, and one gang used an angle grinder to open an ATM. "
        "The Interior Ministry said riot police had detained 2,000 people, and the BBC spoke to "
        "residents of Shymkent and Aktobe by phone. The CSTO sent paratroopers."
    ),
    "history": (
        "In Soviet times Almaty was called Alma-Ata, and the 1978 Declaration of Alma-Ata on "
        "primary health care was signed there. The Kishinev pogrom of 1903, in which "
        "pogromists attacked Jewish homes, shocked Europe. Prince Lvov led the Provisional "
        "Government in 1917."
    ),
    "navy-and-jury": (
        "The ensign reported aboard the destroyer after graduating from Annapolis. Back home, "
        "her father, a jury foreman, read out the verdict, and the construction foreman told the "
        "workers at the site to stop."
    ),
    "texas-and-food": (
        "The oil town of Odessa, Texas, sits in the Permian Basin. Its best restaurant serves "
        "chicken Kiev, and the vegetarian menu offers neither fish nor meat."
    ),
    "good-idioms": (
        "For many families, the price rise was the last straw. The minister's plan was, to put "
        "it mildly, unpopular, and rumours passed from mouth to mouth. The choir sang out of "
        "tune, and the government was out of tune with the public mood."
    ),
    "acronyms": (
        "The patient had a DNR order, the hospital said. Engineers at the plant are testing SNG "
        "made from biomass gas. Mid-January is the busiest time for the clinic."
    ),
    "myth-and-tourists": (
        "In Greek myth Perseus beheaded Medusa. A Bulgarian tourist was cut by broken glass near "
        "the ATM, and the Bulgarian government said it would help."
    ),
    "us-guard": (
        "Air National Guard fighter jets flew over the stadium, and the National Guard helped "
        "firefighters contain the blaze. Soldiers were ordered to fire machine guns at targets "
        "on the range."
    ),
    "generic-news": (
        "Kremlin allies launched a new newspaper in Moscow last year. The city also opened a new "
        "square near the river, and state TV was the first channel to show it. Almaty's mayor "
        "attended. Officials of the presidential administration work on Novaya Square in Moscow."
    ),
    "sociology-and-factory": (
        "Feminist scholars study patriarchal power structures in the army and the police. The "
        "factory installed a new automatic machine for packaging, and guards armed with radios "
        "patrol the production line."
    ),
    "nature-and-space": (
        "Wildlife films show a natural battle between predators and prey. An albino white crow "
        "was spotted by bird watchers. Two cosmonauts and an astronaut returned from the space "
        "station on Tuesday."
    ),
    "markets-and-boards": (
        "Shares in the bank fell 4 percent on the stock exchange after the board meeting, and "
        "investors sold shares of the miner. The shareholders' meeting was declared illegal by "
        "the court, and the company was liquidated; its trustee said creditors would vote. Mass "
        "action lawsuits followed, and analysts overestimate prices when demand is strong."
    ),
    "protest-done-right": (
        "Police detained 40 protesters at an unauthorized rally in the centre, and riot police "
        "dispersed the crowd. The organizers had held an authorized rally a week earlier. "
        "Detainees were taken to a police station, where police reports were drawn up; eight "
        "were fined. "
        "Protesters unfurled banners and chanted that united they were invincible, while riot "
        "police were deployed on the square."
    ),
    "garden-and-plots": (
        "Voters in the village said the election was quiet. Farmers tend their plots of land near "
        "the river, and the film's two plots confused critics. The candidate for president visited "
        "the allotments and the polling station."
    ),
    "airport-and-astronomy": (
        "Arrivals at the airport fell after drones closed the runway and flights were cancelled. "
        "At the observatory, astronomers pointed the telescope at the planet. The ministry "
        "released photographs of the shells found on the beach, and the army released two "
        "prisoners."
    ),
    "money-and-medicine": (
        "A penny for your thoughts, the old man said, counting pounds and pence. The toddler had "
        "croup and a fever, and the doctor prescribed steroids. Diesel rose by 40 cents a gallon "
        "in Texas, and the dollar gained."
    ),
    "diplomacy-and-law": (
        "Diplomatic protocol was observed at the summit, and the ambassador arrived without a "
        "protocol officer. The judge ruled on the facts of the case, and the appeal process over "
        "the coming months will be slow. Fans were excited about the criminal case against the "
        "referee."
    ),
    "fire-done-right": (
        "Firefighters contained the blaze by noon and put it out two hours later. Localized "
        "flooding closed roads, and information on casualties was being clarified. After the fall "
        "of Kabul, the last aircraft left the airport. The bus drivers faced long delays, and the "
        "phone entered power-saving mode."
    ),
    "sport-done-right": (
        "The skater took the bus to the rink, and her coach went to ride his bike. The striker "
        "scored a goal after the ball hit the post, and the plumber replaced the washer under the "
        "bolt before the match."
    ),
    "science-and-society": (
        "Bacterial cultures grew in the lab, and ancient agricultural cultures left many "
        "traditions. Medieval trade networks carried silk along the Silk Road. Deep-sea fish live "
        "without light, and her face is glowing."
    ),
}

# Corpus blunders: (text around it, the flagged text, the suggestion).
CORPUS_BLUNDERS = [
    ("the city of Alma-Ata", "Alma-Ata", "Almaty"),
    ("Air Force managed to talk", "Air Force", "BBC"),
    ("noise grenades are heard", "noise grenades", "stun grenades"),
    ("normal people as pogromists", "pogromists", "rioters"),
    ("not by Protestants", "Protestants", "protesters"),
    ("15 marauders simply", "marauders", "looters"),
    ("a saw-grinder and", "a saw-grinder", "an angle grinder"),
    ("smoky people from", "smoky people", "stoned people"),
    ("natural battle", "natural battle", "real battle"),
    ("ran his nose all over the place", "ran his nose all over the place",
     "had a finger in every pie"),
    ("Watsapp would", "Watsapp", "WhatsApp"),
    ("burned down the akimat", "akimat", "mayor's office"),
    ("Ministry of Internal Affairs of", "Ministry of Internal Affairs", "Interior Ministry"),
    ("on Novaya Square", "Novaya Square", "Republic Square"),
    ("towards New Square", "New Square", "Republic Square"),
    ("not war grenades", "war grenades", "live grenades"),
]

# Correct English in the corpus that must stay unflagged.
CORPUS_CORRECT = ["protesters", "stun grenades", "smoke grenades", "Almaty", "BBC News",
                  "the last straw", "to put it mildly", "from mouth to mouth", "stoned",
                  "Nur-Sultan", "Dzhambul Street", "military school", "paratroopers"]


def _findings(cli: Any, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = cli("check", "--format", "json", "--select", "glossary", *args)
    assert result.returncode in (0, 1), result.stderr.decode()
    return result.returncode, json.loads(result.stdout)


def _offset(text: str, line: int, column: int) -> int:
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    return starts[line - 1] + column - 1


def test_bundled_glossary_loads_and_its_examples_pass(cli: Any) -> None:
    result = cli("glossary", "test")
    assert result.returncode == 0, result.stderr.decode()
    summary = result.stdout.decode()
    entries = int(summary.split(" entries")[0])
    assert entries >= 120, summary
    assert b"warning: no examples" not in result.stderr


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_english_is_not_flagged(name: str, tmp_path: Path, cli: Any) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(CLEAN[name] + "\n", encoding="utf-8")
    code, findings = _findings(cli, str(path))
    assert findings == [] and code == 0, [(f["rule"], f["text"]) for f in findings]


def test_corpus_blunders_are_flagged_with_the_right_suggestion(corpus: Path, cli: Any) -> None:
    text = corpus.read_text(encoding="utf-8")
    code, findings = _findings(cli, str(corpus))
    assert code == 1
    found = {(_offset(text, f["line"], f["column"]), f["text"]): f["suggestion"] for f in findings}
    for around, wrong, right in CORPUS_BLUNDERS:
        start = text.index(around) + around.index(wrong)
        assert found.get((start, wrong)) == right, (wrong, right)


def test_corpus_correct_english_is_left_alone(corpus: Path, cli: Any) -> None:
    text = corpus.read_text(encoding="utf-8")
    _, findings = _findings(cli, str(corpus))
    flagged = [(_offset(text, f["line"], f["column"]), len(f["text"])) for f in findings]
    for phrase in CORPUS_CORRECT:
        for match in re.finditer(re.escape(phrase), text):
            for start, length in flagged:
                assert start + length <= match.start() or start >= match.end(), (
                    f"{phrase!r} at {match.start()} overlaps a finding")
