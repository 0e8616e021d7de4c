"""A scenario's player-facing texts, and how much of them each language covers.

Every ``Text`` of the model (names, teaching texts, events, endings, questions, glossary
entries...) is found by one walk over the model, which mirrors the file key for key, so each
text's path is also where it stands in the file. ``validate`` uses this to report coverage
("ko: 412 of 485 texts, 85%") and to point at every text that lacks a language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path as FsPath
from typing import Any

import attrs
from attrs import frozen

from game.files import read_regular_file
from game.scenario import model as m
from game.scenario.load import Problem
from game.scenario.templates import Unreported, expand_templates, has_templates
from game.scenario.yamlread import MAX_BYTES, Path, Positions, YamlProblem, read_yaml

#: How much of a text a warning quotes, so an author recognises it.
QUOTE_LENGTH = 40


def scenario_texts(scenario: m.Scenario) -> Iterator[tuple[Path, m.Text]]:
    """Every player-facing text of a scenario with its path in the file (in the model's order)."""
    yield from _walk((), scenario)


def _walk(path: Path, value: Any) -> Iterator[tuple[Path, m.Text]]:
    if isinstance(value, m.Text):
        yield path, value
    elif isinstance(value, m.Term) and value.term is None:  # `Term: meaning`: the meaning is the entry's value
        yield path, value.text
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk((*path, key), item)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk((*path, index), item)
    elif attrs.has(type(value)) and not isinstance(value, m.Effect):
        for field in attrs.fields(type(value)):
            if field.name not in m.DERIVED_FIELDS:
                yield from _walk((*path, field.name), getattr(value, field.name))


def has_language(text: m.Text, lang: str) -> bool:
    """Whether a text is written in a language (an empty string does not count)."""
    return bool(text.values.get(lang, "").strip())


def languages_used(scenario: m.Scenario) -> list[str]:
    """Every language any text of the scenario is written in: English first, then by code."""
    found = {lang for _, text in scenario_texts(scenario) for lang, value in text.values.items() if value.strip()}
    return sorted(found, key=lambda lang: (lang != "en", lang))


@frozen
class Coverage:
    """How many of a scenario's texts a language covers."""

    lang: str
    translated: int
    total: int

    @property
    def complete(self) -> bool:
        return self.translated == self.total

    @property
    def percent(self) -> int:
        """Rounded down, so 100% means every text: 484 of 485 is 99%, never 100%."""
        return 100 if self.total == 0 else 100 * self.translated // self.total

    def __str__(self) -> str:
        return f"{self.lang}: {self.translated} of {self.total} texts, {self.percent}%"

    def as_dict(self) -> dict[str, Any]:
        return {"lang": self.lang, "translated": self.translated, "total": self.total, "percent": self.percent}


def coverage(scenario: m.Scenario, lang: str) -> Coverage:
    """How many of the scenario's texts are written in ``lang``."""
    texts = [text for _, text in scenario_texts(scenario)]
    return Coverage(lang, sum(has_language(text, lang) for text in texts), len(texts))


def missing(scenario: m.Scenario, lang: str) -> list[tuple[Path, m.Text]]:
    """The texts (with their paths) that are not written in ``lang``."""
    return [(path, text) for path, text in scenario_texts(scenario) if not has_language(text, lang)]


@frozen
class TranslationReport:
    """A scenario's coverage in each language asked, and a warning for every text one lacks."""

    coverage: tuple[Coverage, ...]
    problems: tuple[Problem, ...]


def check_translations(
    file: str | FsPath, scenario: m.Scenario, langs: Iterable[str] | None = None
) -> TranslationReport:
    """Coverage of ``langs`` (default: every language the scenario uses) in a scenario loaded
    from ``file``, with a positioned warning for each text missing one of them."""
    codes = list(langs) if langs is not None else languages_used(scenario)
    gaps = [(lang, path, text) for lang in codes for path, text in missing(scenario, lang)]
    positions = _positions(file) if gaps else Positions()
    said: dict[tuple[int, int, str], Problem] = {}
    for lang, path, text in gaps:  # a template's copies (format 2) share its place: a gap there is said once
        problem = _warning(str(file), positions, lang, path, text)
        said.setdefault((problem.line, problem.col, lang), problem)
    problems = sorted(said.values(), key=lambda p: (p.line, p.col, p.message))
    return TranslationReport(tuple(coverage(scenario, lang) for lang in codes), tuple(problems))


def _positions(file: str | FsPath) -> Positions:
    """Where each value of a file stands (read again: the loader keeps no positions in the model)."""
    try:
        text = read_regular_file(file, MAX_BYTES).decode("utf-8")
        data, positions = read_yaml(text)
        if isinstance(data, dict) and has_templates(data):  # format 2: a copy's texts stand at its template's
            expand_templates(data, Unreported(positions))
        return positions
    except (OSError, UnicodeDecodeError, YamlProblem):
        return Positions()  # it loaded a moment ago; if it changed since, point at line 1


def _warning(file: str, positions: Positions, lang: str, path: Path, text: m.Text) -> Problem:
    mark = positions.of(path)
    quote = " ".join(text.default.split())
    if len(quote) > QUOTE_LENGTH:
        quote = quote[: QUOTE_LENGTH - 1] + "…"
    where = ".".join(str(part) for part in path)
    return Problem(file, mark.line, mark.col, f"no {lang} translation of {where}: {quote!r}", "warning")
