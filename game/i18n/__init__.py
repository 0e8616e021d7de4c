"""Every word a player reads, in the player's language: gettext catalogues managed with Babel.

The messages in the code are English (the source language); ``locale/ko/LC_MESSAGES/messages.po``
holds their Korean. ``tr("After turn {turn}.", turn=3)`` and ``ntr("{n} turn", "{n} turns", n)``
look a message up in the current language and fill its named placeholders. Scenario texts are
not here: they are ``{en: …, ko: …}`` in the scenario, read with :func:`pick`.

Catalogues are read from the ``.po`` files themselves, as package data through
``importlib.resources`` (the same from a checkout, an editable install or a wheel), and turned
into a ``gettext.GNUTranslations`` in memory with Babel. So the ``.po`` file a translator edits is
the only copy: no compiled ``.mo`` to rebuild or forget. A fuzzy (unchecked) translation is
not used. How to extract and update the catalogues: docs/translating.md.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

#: The languages the game speaks; English is the source language of every message.
LANGUAGES = ("en", "ko")
SOURCE = "en"
DOMAIN = "messages"
#: The language each language's name is shown in, for a language menu.
NAMES = {"en": "English", "ko": "한국어"}

#: The language chosen for the whole program (the title screen, --lang); None: the system's.
_chosen: str | None = None
#: A language spoken for a while (a report in Korean from an English window), in this context only.
_speaking: ContextVar[str | None] = ContextVar("speaking", default=None)


class Fallback(str):
    """A scenario text shown in English because the scenario has none in the language asked.

    A ``str`` like any other, so it passes through the debrief's data unchanged; the writers
    see the type and mark it (``lang="en"`` in HTML), so a reader knows it is not translated."""

    __slots__ = ()


class Translatable(Protocol):
    """What :func:`pick` needs of a scenario text (``game.scenario.model.Text``)."""

    @property
    def values(self) -> dict[str, str]: ...

    @property
    def default(self) -> str: ...


def parse_language(value: str) -> str:
    """A language the game speaks from 'ko', 'ko_KR', 'ko-KR.UTF-8', 'en_US'...; ValueError otherwise."""
    code = value.strip().replace("-", "_").split(".")[0].split("_")[0].lower()
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {value!r}; the game speaks {', '.join(LANGUAGES)}")
    return code


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the system's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in env.get(name, "").split(":"):
            if value and value not in ("C", "POSIX") and not value.startswith("C."):
                try:
                    return parse_language(value)
                except ValueError:
                    continue
    return SOURCE


def language() -> str:
    """The current language: the one being spoken (:func:`speaking`), else the one chosen
    (:func:`set_language`), else the system's."""
    return _speaking.get() or _chosen or system_language()


def set_language(lang: str | None) -> str:
    """Choose the program's language ('ko', 'ko_KR'...; None: the system's again); return its code."""
    global _chosen
    _chosen = parse_language(lang) if lang else None
    return language()


@contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """Speak a language for the length of a block (None: the current one), then the one before.
    Context-local, so a report written in Korean never changes the words of another thread."""
    code = parse_language(lang) if lang else language()
    token = _speaking.set(code)
    try:
        yield code
    finally:
        _speaking.reset(token)


def catalogue_path(lang: str) -> Traversable:
    """A language's .po file, as package data (imported here: importlib.resources is slow to load)."""
    from importlib import resources

    return resources.files(__package__) / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of a language, read from its .po file once (English: the messages themselves)."""
    if lang == SOURCE:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo  # Babel is needed only when a catalogue is read
    from babel.messages.pofile import read_po

    with catalogue_path(lang).open("rb") as po:
        catalog = read_po(po, domain=DOMAIN)  # its plural rule from its own header, without loading CLDR
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it: it is said later, in the reader's
    language (the engine's log keeps messages and their arguments; ``game.report.logtext`` says them)."""
    return message


def tr(message: str, **placeholders: object) -> str:
    """A message in the current language, its named placeholders filled: tr('Turn {turn}', turn=3)."""
    text = translations(language()).gettext(message)
    return text.format_map(placeholders) if placeholders else text


def ntr(singular: str, plural: str, n: int, **placeholders: object) -> str:
    """A message that depends on a count, by the language's plural rules; ``{n}`` is the count."""
    text = translations(language()).ngettext(singular, plural, n)
    return text.format_map({"n": n, **placeholders})


def pick(text: Translatable | str | None, lang: str | None = None) -> str:
    """A scenario text in a language: its translation, else its English as a :class:`Fallback`."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    code = lang or language()
    found = text.values.get(code)
    if found:
        return found
    return text.default if code == SOURCE else Fallback(text.default)


__all__ = [
    "LANGUAGES",
    "NAMES",
    "N_",
    "SOURCE",
    "Fallback",
    "language",
    "ntr",
    "parse_language",
    "pick",
    "set_language",
    "speaking",
    "system_language",
    "tr",
]
