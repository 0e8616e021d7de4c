"""The authoring guide (scenarios/README.md) tells the truth: its complete example loads and
plays, every key of the format is documented, its commands are real commands, and the
messages it shows are the ones a teacher gets. Also: the tutorial delivers what it promises."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import attrs
import pytest

from game.bots.match import parse_bots, play_game, simulate
from game.cli import build_parser, main
from game.scenario import load_scenario, load_scenario_text
from game.scenario import model as m
from game.scenario.schema import OWN_SHAPES
from tests.conftest import SCENARIOS

GUIDE = SCENARIOS / "README.md"
TEXT = GUIDE.read_text(encoding="utf-8")
SUBCOMMANDS = ("validate", "schema", "simulate", "play")


def block_after(marker: str) -> str:
    """The fenced code block right after an HTML comment such as <!-- full-example -->."""
    found = re.search(rf"<!-- {re.escape(marker)} -->\n```[a-z]*\n(.*?)\n```", TEXT, re.S)
    assert found, f"the guide has no code block after <!-- {marker} -->"
    return found.group(1) + "\n"


# --- the complete example --------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> m.Scenario:
    return load_scenario_text(block_after("full-example"), "lighthouse.yaml")


def test_the_complete_example_loads_without_a_single_warning(example: m.Scenario) -> None:
    assert example.warnings == ()


@pytest.mark.parametrize("bots", [None, "random", "objective:hawk"])
def test_bots_play_the_complete_example_to_a_named_ending(example: m.Scenario, bots: str | None) -> None:
    seats = parse_bots(example, bots)
    for seed in range(10):
        outcome = play_game(example, seed, seats).final.outcome
        assert outcome is not None
        assert outcome.ending in example.endings


# --- every key documented ---------------------------------------------------------------------


def model_classes() -> list[type]:
    """The sections of a scenario file: every attrs class of the model a file spells key by key."""
    classes = {
        cls.__name__: cls
        for cls in vars(m).values()
        if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == m.__name__ and cls not in OWN_SHAPES
    }
    return list(classes.values())


def documented_keys(cls: type) -> dict[str, bool]:
    """Keys in the guide's table for a section, each with whether it is shown as required (bold)."""
    found = re.search(rf"<!-- fields: {cls.__name__} -->\n((?:\|.*\n)+)", TEXT)
    assert found, f"the guide has no table of the keys of {cls.__name__} (<!-- fields: {cls.__name__} -->)"
    keys = {}
    for row in found.group(1).splitlines():
        cell = re.match(r"\|\s*(\*\*)?`([a-z_]+)`(\*\*)?\s*\|", row)
        if cell:
            keys[cell.group(2)] = bool(cell.group(1))
    return keys


@pytest.mark.parametrize("cls", model_classes(), ids=lambda c: c.__name__)
def test_every_key_of_the_format_is_in_the_guide_and_required_keys_are_bold(cls: type) -> None:
    fields = {f.name: f.default is attrs.NOTHING for f in attrs.fields(cls) if f.name not in m.DERIVED_FIELDS}
    assert documented_keys(cls) == fields


# --- commands ---------------------------------------------------------------------------------


def command_lines() -> list[str]:
    """Every line of a shell block in the guide that runs `deterrence`."""
    blocks = re.findall(r"```sh\n(.*?)\n```", TEXT, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip().startswith("deterrence ")]


def argv_of(line: str) -> list[str]:
    words = shlex.split(line, comments=True)
    if ">" in words:
        words = words[: words.index(">")]
    return words[1:]


def test_the_guide_shows_each_command_a_teacher_needs() -> None:
    shown = {argv_of(line)[0] for line in command_lines()}
    assert set(SUBCOMMANDS) <= shown


@pytest.mark.parametrize("line", command_lines())
def test_every_command_line_in_the_guide_is_accepted_by_the_real_command_line(line: str) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            build_parser().parse_args(argv_of(line))
        except SystemExit:
            pytest.fail(f"{line!r} is refused: {err.getvalue().strip()}")


def inline_commands() -> list[str]:
    """Commands named in running text, e.g. `deterrence validate --strict`."""
    return sorted(set(re.findall(r"`(deterrence [^`]+)`", TEXT)))


@pytest.mark.parametrize("span", inline_commands())
def test_every_command_named_in_the_text_has_a_real_subcommand_and_real_options(span: str) -> None:
    argv = argv_of(span)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as done:
        build_parser().parse_args([argv[0], "--help"])
    assert done.value.code == 0, f"{span!r}: {err.getvalue().strip()}"
    for word in argv[1:]:
        if word.startswith("-"):
            assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", out.getvalue()), f"{span!r}: no option {word}"


# --- messages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("example", "exit_code"), [("first", 0), ("broken", 1)])
def test_the_problems_the_guide_shows_are_the_ones_validate_prints(
    example: str, exit_code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("lighthouse.yaml").write_text(block_after(f"{example}-example"), encoding="utf-8")
    assert main(["validate", "lighthouse.yaml"]) == exit_code
    assert capsys.readouterr().out == block_after(f"{example}-output")


# --- the tutorial ----------------------------------------------------------------------------


def test_the_tutorial_can_end_every_way_and_every_card_gets_played() -> None:
    tutorial = load_scenario(SCENARIOS / "tutorial.yaml")
    summary = simulate(tutorial, 300, 1, parse_bots(tutorial, None))
    assert set(summary.endings) == set(tutorial.endings)
    assert all(stats["games"] > 0 for stats in summary.moves.values()), summary.moves
