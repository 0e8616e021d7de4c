"""Games to write reports about: bot games replayed from their saves, and a hostile scenario."""

from __future__ import annotations

import json
from pathlib import Path

from game.bots.match import parse_bots, play_game
from game.engine.save import Replay, replay
from game.scenario import load_scenario
from game.scenario.model import Scenario
from tests.conftest import DATA

#: Markup, quotes, a script, an event handler and a javascript: link, in one text.
HOSTILE = (
    "<script>alert(1)</script> \"quotes' <b>bold</b> [click](javascript:alert(2)) "
    "<img src=x onerror=alert(3)> &amp; *stars* `code`"
)


def bot_game(scenario: Scenario, seed: int, bots: str | None = None) -> Replay:
    """A whole bot game, replayed from its save: what `deterrence report` and the debrief see."""
    game = play_game(scenario, seed, parse_bots(scenario, bots))
    return replay(scenario, game.save)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def hostile_scenario(folder: Path) -> Scenario:
    """tests/data/mini.yaml with every kind of player-facing text replaced by hostile text."""
    h = _q(HOSTILE)
    teach = f"{{what: {h}, why: {h}, history: {h}, sources: [evil]}}"
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    replacements = {
        'title: {en: "Mini crisis", ko: "작은 위기"}': f"title: {h}\nsummary: {h}\nteach: {teach}",
        "tension: {name: Tension,": f"tension: {{name: {h}, description: {h},",
        "rungs: {0: Calm, 5: Crisis, 10: War}": f"rungs: {{0: {h}, 5: Crisis, 10: War}}",
        "    name: Blue\n": f"    name: {h}\n    short: {h}\n    role: {h}\n",
        "text: Keep it calm": f"text: {h}",
        "talk: {name: Talk, colour:": f"talk: {{name: {h}, colour:",
        "    name: Talk\n    kind: talk\n": f"    name: {h}\n    kind: talk\n    signal: {h}\n    teach: {teach}\n",
        "trust: {name: Trust, start: 5}": f"trust: {{name: {h}, start: 5, description: {h}}}",
        "power: {name: Power,": f"power: {{name: {h},",
        "war: {name: War,": f"war: {{name: {h}, text: {h}, teach: {teach},",
        "calm: {name: Calm}": f"calm: {{name: {h}, text: {h}, teach: {teach}}}",
    }
    for old, new in replacements.items():
        assert old in text, f"tests/data/mini.yaml changed: {old!r} is not in it any more"
        text = text.replace(old, new, 1)
    text += (
        f"questions: [{h}, {_q('# not a heading')}, {_q('1. not a list')}]\n"
        f"learning_objectives: [{h}]\n"
        f"glossary: {{{_q('<b>term</b>')}: {h}}}\n"
        f"sources:\n  evil: {{title: {h}, publisher: {h}, date: {h}, url: {_q('javascript:alert(4)')}}}\n"
    )
    path = folder / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)
