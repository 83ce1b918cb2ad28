"""spacing: spaces put in or left out around punctuation, times and words."""

from __future__ import annotations

import pytest

from test_debris import run_check


@pytest.mark.parametrize(("text", "rule", "wrong", "right"), [
    ("says Rasul Zhumaly , a resident", "spacing/before-punctuation", " ,", ","),
    ("The police did not come .\n", "spacing/before-punctuation", " .", "."),
    ("He left ; she stayed.", "spacing/before-punctuation", " ;", ";"),
    ("were heard yesterday, ”says Rasul", "spacing/quote", ", ”", ",” "),
    ("visible everywhere. \"\nNext", "spacing/quote", '. "', '."'),
    ("The shops were closed.The police left.", "spacing/after-punctuation", ".", ". "),
    ("He lived in Almaty,Kazakhstan then.", "spacing/after-punctuation", ",", ", "),
    ("The curfew runs from 21: 00 to 6 am.", "spacing/time", "21: 00", "21:00"),
    ("It starts at 7 :30 sharp.", "spacing/time", "7 :30", "7:30"),
    ("The  square was empty.", "spacing/double-space", "  ", " "),
])
def test_spacing_errors_are_fixed(text: str, rule: str, wrong: str, right: str) -> None:
    assert (rule, wrong, right, True) in run_check("spacing", text)


@pytest.mark.parametrize("text", [
    "The U.S. and the U.K. agreed, e.g. on trade, i.e. on tariffs. Mr. Smith, Ph.D., at 9 a.m.",
    "See file.txt, config.yaml, example.com and www.example.org; v1.2.3 and 3.14 and 1,500.",
    "Call os.Exit, fmt.Println, threading.Event, typing.Dict or decimal.Decimal; read cfg.timeout.",
    "Use --select markup,spacing and pass key,value pairs; CSV rows look like name,age,city.",
    "Wait ... what? Well . . . maybe. The .NET runtime and .5 mm.",
    "Mirror: https://github.com/example/project . Note that this needs Cython.",
    "Two spaces after a full stop.  Are fine.  Always.",
    "Wed,  8 Oct 2003 and Copyright (C) 2000,2001  Free Software Foundation.",
    "Name    Age   City\nAnna    34    Oslo",
    "filename  Specifies the file.\nfilemode  Specifies the mode.",
    "John 3: 16 is a verse, and the ratio was 3: 2.",
    "He meets at 10:30, and at 21:00 the doors close.",
    "   Indented paragraph with  code-like = spacing",
    "a = b , c",
])
def test_native_spacing_is_left_alone(text: str) -> None:
    assert run_check("spacing", text) == []


def test_a_bare_curly_quote_before_a_word_may_be_an_opening_one() -> None:
    assert run_check("spacing", "they called it ”freedom” then") == []
