"""`retranslate align`: show how the sentences of a translation line up with its source."""

from __future__ import annotations

import json
import math
import shutil
import textwrap

import click

from retranslate.models import Alignment, Segment


@click.command()
@click.argument("target", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-s", "--source", required=True, type=click.Path(dir_okay=False),
              help="The Russian source of TARGET.")
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(),
              help="Glossary file or folder whose term pairs help the alignment (repeatable).")
@click.option("--no-default-glossary", is_flag=True, help="Leave out the bundled glossary.")
@click.option("--encoding", help="Decode both files with this encoding (default: UTF-8).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Side by side for people, or JSON for programs.")
@click.option("--width", type=int, default=None,
              help="Total width of the side-by-side view (default: the terminal's).")
def align(target: str, source: str, glossaries: tuple[str, ...], no_default_glossary: bool,
          encoding: str | None, output_format: str, width: int | None) -> None:
    """Print the sentence alignment of TARGET (English) against its Russian --source.

    Each link shows its confidence; links below the reliability threshold are marked "?" and
    never drive a fix. A sentence with nothing on the other side was added or dropped.
    """
    from retranslate.files.document import read_document
    from retranslate.glossary import glossary_for
    from retranslate.language.align import align as align_sentences
    from retranslate.language.segment import split_sentences

    en = read_document(target, encoding)
    ru = read_document(source, encoding)
    glossary = glossary_for(glossaries, default=not no_default_glossary)
    en_segments = split_sentences(en.text, "en", en.prose)
    ru_segments = split_sentences(ru.text, "ru", ru.prose)
    links = align_sentences(ru_segments, en_segments, glossary)
    if output_format == "json":
        click.echo(json.dumps([_as_json(link, en_segments, ru_segments) for link in links],
                              ensure_ascii=False, indent=2))
        return
    total = width or shutil.get_terminal_size((120, 24)).columns
    for line in side_by_side(links, en_segments, ru_segments, total):
        click.echo(line)
    reliable = sum(link.reliable for link in links)
    click.echo(f"{len(links)} links, {reliable} reliable; {len(en_segments)} English and "
               f"{len(ru_segments)} Russian sentences")


def side_by_side(links: list[Alignment], en: list[Segment], ru: list[Segment],
                 width: int) -> list[str]:
    """Two wrapped columns per link, English left, Russian right, confidence in the gutter."""
    column = max(20, (width - 9) // 2)
    lines: list[str] = []
    for link in links:
        mark = " " if link.reliable else "?"
        left = _wrap(" ".join(en[i].text for i in link.target), column)
        right = _wrap(" ".join(ru[i].text for i in link.source), column)
        for n in range(max(len(left), len(right))):
            # Rounded down, so a link just under the threshold never shows as 0.60.
            shown = math.floor(link.confidence * 100) / 100
            gutter = f"{shown:.2f}{mark}" if n == 0 else " " * 5
            a = left[n] if n < len(left) else ""
            b = right[n] if n < len(right) else ""
            lines.append(f"{a:<{column}} {gutter} {b}".rstrip())
        lines.append("")
    return lines


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) if text else ["∅"]


def _as_json(link: Alignment, en: list[Segment], ru: list[Segment]) -> dict[str, object]:
    return {
        "target": [{"index": i, "start": en[i].span.start, "end": en[i].span.end,
                    "text": en[i].text} for i in link.target],
        "source": [{"index": i, "start": ru[i].span.start, "end": ru[i].span.end,
                    "text": ru[i].text} for i in link.source],
        "confidence": link.confidence,
        "reliable": link.reliable,
    }
