from retranslate.checks import load_checks
from retranslate.files.document import decode
from retranslate.glossary.model import Entry, Glossary
from retranslate.pipeline import check_document

MARKDOWN = """---
title: Marauders in the city
marauder: key
---
# Marauders in the shop

Police said marauders robbed the shop, see `marauders` and [marauders](https://x.org/marauders).
<span class="marauders">text</span> https://example.org/marauders/ page.

```
marauders in fenced code
```

    marauders in indented code

- a list item with marauders
"""


def test_only_prose_is_checked_in_markdown() -> None:
    entry = Entry(id="m", target="looter", wrong=("marauder",), near=("police",), note="n")
    document = decode(MARKDOWN.encode(), "a.md")
    findings = check_document(document, Glossary((entry,)), load_checks(["glossary"]))
    lines = [MARKDOWN.count("\n", 0, f.span.start) + 1 for f in findings]
    # front-matter value, heading, prose sentence, link text, list item; never the front-matter
    # key, inline code, link target, HTML attribute, URL or code blocks
    assert lines == [2, 5, 7, 7, 16]
    assert all(f.text.lower() == "marauders" for f in findings)


def test_plain_text_is_all_prose_but_its_technical_tokens() -> None:
    document = decode(b"`marauders` and marauders", "a.txt")
    assert document.prose[0].start == 0 and document.prose[0].end == len(document.text)
    with_url = decode(b"`marauders` https://x.org/marauders", "a.txt")
    assert [(s.start, s.end) for s in with_url.prose] == [(0, 12)]
