"""What `validate` accepts, every front end plays: in bounded time, without an exception.

A property test builds scenarios from tests/data/mini.yaml, mutated within what the loader
accepts and up to the edges of its limits (texts of every script and length, long words,
stacked accents, names of the longest length, numbers, spans and budgets at their limits,
many moves, weighted events, texts repeated through YAML aliases), keeps those that
`validate` accepts, and runs each, headless, through the window (the briefing, a team's
orders, the reveal), the terminal game (scripted answers), `simulate` (a few games) and
`report` (HTML and Markdown), each under a time limit that turns a hang into a failure.

Also here: text wrapping is linear (a thousand CJK characters or a 50 KB word wrap in
milliseconds), and a ladder of a thousand steps is drawn without a rung for each step.
"""

from __future__ import annotations

import copy
import io
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from game.bots.match import parse_bots, play_game, simulate
from game.engine.save import replay
from game.report import build_debrief, render_html, render_markdown
from game.scenario import ScenarioError, load_scenario
from game.scenario.load import MAX_BUDGET, MAX_NAME_LENGTH, MAX_NUMBER, MAX_SPAN, MAX_TEXT_LENGTH
from game.scenario.model import Scenario
from game.scenario.yamlread import MAX_MARKS, read_yaml
from game.ui import widgets
from game.ui.scenes.play import OrdersScene, RevealScene
from game.ui.text import TextGame
from tests.conftest import DATA
from tests.ui.pilot import Pilot, launched

#: Seconds each front end may take with one scenario (they take well under a second).
LIMIT = {"window": 15.0, "text": 10.0, "simulate": 10.0, "report": 10.0}


@contextmanager
def within(seconds: float, what: str) -> Iterator[None]:
    """Fail, rather than hang, when the block runs longer than `seconds`."""

    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"{what} took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- scenarios that validate --------------------------------------------------------------------

BASE: dict[str, Any] = read_yaml((DATA / "mini.yaml").read_text(encoding="utf-8"))[0]

#: Characters that make text hard to draw: wide, narrow, right-to-left, combining, emoji, no glyph.
HARD = ["W", "中", "한", "i", "ﷺ", "ש", "ع", "👍🏽", "a\u0301", "\u200b", "\u200d", "\U0010fff0", "\t", "→"]


def long_word(limit: int) -> st.SearchStrategy[str]:
    """One word, no spaces, up to `limit` characters: a wall of CJK, a URL, a run of Ws."""
    return st.builds(lambda piece, n: (piece * n)[:limit], st.sampled_from(HARD), st.integers(1, limit))


def texts(limit: int) -> st.SearchStrategy[str]:
    """A text the loader accepts, up to `limit` characters."""
    anything = st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from("\n "),
        min_size=1,
        max_size=min(limit, 80),
    )
    words = st.lists(long_word(40), min_size=1, max_size=limit // 41 + 1).map(" ".join).map(lambda t: t[:limit])
    accents = st.sampled_from(["e" + "\u0301" * MAX_MARKS, "Tiếng Việt", "हिन्दी", "ภาษาไทย"])
    return st.one_of(anything, long_word(limit), words, accents, st.sampled_from(["", " ", "\t"]))


@st.composite
def tracks(draw: st.DrawFn, name: str) -> dict[str, Any]:
    """A track anywhere within the number limits, spanning up to MAX_SPAN steps."""
    span = draw(st.sampled_from([1, 2, 10, 99, MAX_SPAN]) | st.integers(1, MAX_SPAN))
    low = draw(st.sampled_from([-MAX_NUMBER, 0, MAX_NUMBER - span]) | st.integers(-MAX_NUMBER, MAX_NUMBER - span))
    high = low + span
    start = draw(st.sampled_from([low, high]) | st.integers(low, high))
    rungs = draw(st.dictionaries(st.integers(low, high), texts(MAX_NAME_LENGTH), max_size=6))
    return {
        "name": draw(texts(MAX_NAME_LENGTH)) if draw(st.booleans()) else name,
        "min": low,
        "max": high,
        "start": start,
        "rungs": rungs,
        "style": draw(st.sampled_from(["meter", "ladder", "gauge"])),
        "visible": draw(st.sampled_from(["public", "owner", "hidden"])),
        "estimate": draw(st.integers(0, min(span, MAX_NUMBER))),
    }


def deltas() -> st.SearchStrategy[int]:
    return st.sampled_from([-MAX_NUMBER, -1, 1, MAX_NUMBER]) | st.integers(-MAX_NUMBER, MAX_NUMBER)


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """mini.yaml with its texts, numbers, spans, tracks and moves changed within the limits."""
    data = copy.deepcopy(BASE)
    short, long = texts(MAX_NAME_LENGTH), texts(MAX_TEXT_LENGTH)
    data["title"] = draw(short)
    data["summary"] = draw(long)
    data["turns"] = draw(st.sampled_from([1, 2, 3, 8, 100]))
    data["tracks"]["tension"] = tension = draw(tracks("Tension"))
    data["endings"]["war"]["when"] = f"tension >= {tension['max']}"  # not at once: the game is played
    data["moves"]["drill"]["requires"] = f"tension < {tension['max']}"
    for actor in data["actors"].values():
        actor["name"] = draw(short)
        actor["short"] = draw(short)
        actor["role"] = draw(long)
        actor["budget"] = draw(st.sampled_from([0, 1, MAX_BUDGET]) | st.integers(0, MAX_BUDGET))
        actor["tracks"] = {key: draw(tracks(key)) for key in actor["tracks"]}
        for objective in actor["objectives"].values():
            objective["text"] = draw(long)
            objective["points"] = draw(deltas())
    shared_teach = {"what": draw(long), "why": draw(long)}  # one object: the YAML repeats it through aliases
    for move in data["moves"].values():
        move["name"] = draw(short)
        move["text"] = draw(long)
        move["cost"] = draw(st.integers(0, MAX_BUDGET))
        move["effects"] = [{track: draw(deltas())} for effect in move["effects"] for track in effect]
        move["teach"] = shared_teach
    data["moves"]["drill"]["roll"]["target"] = draw(deltas())
    data["moves"]["drill"]["roll"]["dice"] = draw(st.sampled_from(["1d2", "2d6", "10d100"]))
    for index in range(draw(st.integers(0, 30))):
        data["moves"][f"extra_{index}"] = {
            "name": draw(short),
            "kind": "talk",
            "by": ["blue", "red"],
            "cost": draw(st.integers(0, 3)),
            "text": draw(long),
            "effects": [{"tension": draw(deltas())}],
            "teach": shared_teach,
        }
    if draw(st.booleans()):
        data["event_chance"] = draw(st.sampled_from([100, MAX_NUMBER]))
        data["events"] = {
            f"event_{index}": {"name": draw(short), "text": draw(long), "weight": draw(st.integers(1, MAX_NUMBER))}
            for index in range(draw(st.integers(1, 5)))
        }
    data["endings"]["calm"]["text"] = draw(long)
    data["questions"] = [draw(long) for _ in range(draw(st.integers(0, 3)))]
    data["glossary"] = {draw(short): draw(long) for _ in range(draw(st.integers(0, 3)))}
    return data


def written(data: dict[str, Any], folder: Path) -> Path | None:
    """The scenario as a file, if `validate` accepts it."""
    path = folder / "generated.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    try:
        load_scenario(path)
    except ScenarioError:
        return None
    return path


# --- the front ends -----------------------------------------------------------------------------


def in_the_window(pilot: Pilot, path: Path) -> None:
    """The briefing, the first team's orders (every page of its hand), the reveal of a turn."""
    app = pilot.app
    app.open_scenario(path)
    scene = app.scene
    assert hasattr(scene, "seats"), f"the window did not open {path.name}: {pilot.screen_text()[:300]}"
    app.start_game(scene.scenario, dict.fromkeys(scene.seats, "human"))  # type: ignore[attr-defined]
    for _ in range(3):
        pilot.step()
    pilot.screen_text()
    session = app.session
    first = next(iter(session.scenario.actors))
    orders = OrdersScene(app, first)
    app.reset(orders)
    pilot.step()
    for page in range(min(orders.pages(), 5)):
        orders.page = page
        pilot.screen_text()
    for actor in session.scenario.actors:
        legal = [o for o in session.view_of(actor).orders if o.offer is None]
        session.give_orders(actor, legal[:1])
    app.resolve()
    assert isinstance(app.scene, RevealScene)
    for _ in range(30):
        pilot.step(0.5)
        pilot.screen_text()
        if not pilot.step():
            break


def in_the_terminal(scenario: Scenario) -> str:
    """A hot-seat game with scripted answers (one card, then Enter), stopped after 400 questions."""
    out = io.StringIO()
    answers = iter(["1", "", "", "2", "", ""] * 67)

    def ask(_prompt: str) -> str:
        return next(answers, "quit")

    TextGame(scenario, dict.fromkeys(scenario.actors, "human"), 3, ask=ask, out=out).run()
    return out.getvalue()


def simulated_and_reported(scenario: Scenario) -> tuple[str, str]:
    """`simulate` of three games with the scenario's bots and three with random bots; the
    report of one more game, in both formats, from its save as `deterrence report` reads it."""
    for bots in (None, "random"):
        summary = simulate(scenario, 3, 0, parse_bots(scenario, bots))
        assert summary.games == 3
    game = play_game(scenario, 1, parse_bots(scenario, None))
    with within(LIMIT["report"], "report"):
        played = replay(scenario, game.save)
        debrief = build_debrief(scenario, played.states, played.logs)
        return render_html(debrief), render_markdown(debrief)


@pytest.fixture(scope="module")
def pilot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pilot]:
    with launched(tmp_path_factory.mktemp("window"), size=(960, 540)) as pilot:
        yield pilot


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scenarios")


@settings(
    max_examples=40,
    deadline=None,  # each front end has its own time limit (LIMIT)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(data=scenarios())
@example(data=BASE)
def test_what_validate_accepts_every_front_end_plays(pilot: Pilot, folder: Path, data: dict[str, Any]) -> None:
    path = written(data, folder)
    assume(path is not None)
    assert path is not None
    scenario = load_scenario(path)
    with within(LIMIT["window"], "the window"):
        in_the_window(pilot, path)
    with within(LIMIT["text"], "the terminal game"):
        transcript = in_the_terminal(scenario)
    assert "Team" in transcript
    with within(LIMIT["simulate"], "simulate"):
        html, markdown = simulated_and_reported(scenario)
    assert html.startswith("<!DOCTYPE html>") or html.startswith("<!doctype html>"), html[:40]
    assert markdown.strip()


# --- the cases of issue 10, at the edges of the limits -----------------------------------------


#: One text and one teach, written once and repeated by YAML aliases on every card.
SHARED_TEXT = " ".join(["lorem"] * 833)[:MAX_TEXT_LENGTH]
SHARED_TEACH = {"what": SHARED_TEXT, "why": SHARED_TEXT}

EDGES: dict[str, dict[str, Any]] = {
    "a ladder of a thousand steps": {"tracks": {"tension": {"name": "Tension", "min": -1000, "max": 0, "start": -3,
                                                            "style": "ladder", "rungs": {-1000: "Low", 0: "War"}}}},
    "a budget of a hundred": {"actors.blue.budget": MAX_BUDGET},
    "a name of 200 wide characters": {"moves.talk.name": "W" * MAX_NAME_LENGTH},
    "a word of 5,000 CJK characters": {"moves.talk.text": "中" * MAX_TEXT_LENGTH},
    "a word of 5,000 letters": {"summary": "x" * MAX_TEXT_LENGTH},
    "eight accents on every letter": {"moves.talk.text": ("e" + "\u0301" * MAX_MARKS) * 500},
    "900,000 characters of text, 600,000 through aliases": {"moves": {
        f"card_{index}": {"name": f"Card {index}", "kind": "talk", "by": ["blue", "red"], "effects": [{"tension": 1}],
                          "text": SHARED_TEXT, "teach": SHARED_TEACH}
        for index in range(60)
    }},
}  # fmt: skip


def edged(change: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for dotted, value in change.items():
        *parents, last = dotted.split(".")
        target = data
        for key in parents:
            target = target[key]
        target[last] = value
    if "tracks" in change:  # the ending's condition and blame still name tension
        data["endings"]["war"]["when"] = "tension >= 0"
    return data


@pytest.mark.parametrize("case", list(EDGES))
def test_the_edges_of_the_limits_play_everywhere(pilot: Pilot, tmp_path: Path, case: str) -> None:
    path = written(edged(EDGES[case]), tmp_path)
    assert path is not None, f"{case}: validate refuses it: {load_scenario_failure(tmp_path)}"
    scenario = load_scenario(path)
    with within(LIMIT["window"], "the window"):
        in_the_window(pilot, path)
    with within(LIMIT["text"], "the terminal game"):
        in_the_terminal(scenario)
    with within(LIMIT["simulate"], "simulate"):
        simulated_and_reported(scenario)


def load_scenario_failure(folder: Path) -> str:
    try:
        load_scenario(folder / "generated.yaml")
    except ScenarioError as error:
        return str(error)
    return "no problem"


# --- wrapping and ladders -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def font() -> pygame.font.Font:
    pygame.font.init()
    return pygame.font.Font(None, 24)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("中" * 1000, 0.05), ("x" * 50_000, 2.0), (" ".join(["word"] * 10_000), 2.0), ("W" * MAX_TEXT_LENGTH, 0.1)],
    ids=["1000 CJK", "a 50 KB word", "10,000 words", "5,000 Ws"],
)
def test_wrapping_is_fast_and_every_line_fits(font: pygame.font.Font, text: str, seconds: float) -> None:
    for width in (40, 300, 1200):
        widgets.wrap.cache_clear()
        start = time.perf_counter()
        lines = widgets.wrap(font, text, width)
        elapsed = time.perf_counter() - start
        assert elapsed < seconds, f"wrapping {len(text)} characters at {width} px took {elapsed:.2f} s"
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), "wrapping lost or added characters"
        assert all(font.size(line)[0] <= width for line in lines if len(line) > 1)
        full = [line for line in lines[:-1] if len(line) > 1]
        assert all(font.size(line + text[0])[0] > width * 0.8 for line in full), "lines break far too early"


def test_wrapping_breaks_between_words_and_inside_a_word_only_when_it_does_not_fit(font: pygame.font.Font) -> None:
    width = font.size("alpha beta")[0]
    assert widgets.wrap(font, "alpha beta gamma", width) == ("alpha beta", "gamma")
    long = "x" * 100
    lines = widgets.wrap(font, f"short {long} end", width)
    assert lines[0] == "short"
    assert "".join(lines[1:-1]) + lines[-1].removesuffix(" end") == long
    assert widgets.wrap(font, "one\ntwo", 1000) == ("one", "two")


def test_a_ladder_of_a_thousand_steps_has_a_rung_per_few_pixels_not_per_step() -> None:
    from game.scenario.model import Text, Track

    track = Track(name=Text.of("Tension"), min=-500, max=500, rungs={-500: Text.of("Calm"), 499: Text.of("War")})
    rect = pygame.Rect(0, 0, 100, 400)
    rungs = widgets.ladder_rungs(rect, track)
    assert len(rungs) <= rect.h // widgets.MIN_RUNG_PX
    assert rungs[0].label == "-500  Calm" and rungs[-1].label.endswith("  War")
    assert all(rung.box.h >= 1 and rect.contains(rung.box) for rung in rungs)
    small = Track(name=Text.of("Tension"), min=0, max=10, rungs={5: Text.of("Crisis")})
    assert [rung.label for rung in widgets.ladder_rungs(rect, small)][4:7] == ["4", "5  Crisis", "6"]
