"""The terminal game as the players at the keyboard meet it: hand-overs keep secrets, nothing they
need scrolls away, card numbers hold, every game is saved and can be continued, and the end reveals
what was hidden. Each test plays through ``TextGame`` (or the ``deterrence`` command) with a script."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from attrs import evolve

from game.engine.save import read_save
from game.scenario import load_scenario
from game.scenario.model import Scenario, Text
from game.ui.session import Session
from game.ui.text import CLEAR_SCREEN, TextGame, may_write
from tests.conftest import DATA, ROOT

MINI = str(DATA / "mini.yaml")
CARDS = """\
format: 1
id: cards
title: Cards
turns: 3
tracks:
  tension: {name: Tension, min: 0, max: 10, start: 5}
actors:
  blue:
    name: Blue
    budget: 2
kinds:
  talk: {name: Talk}
moves:
  once: {name: Once only, kind: talk, by: [blue], cost: 1, limit: 1, effects: [{tension: -1}]}
  talk: {name: Talk, kind: talk, by: [blue], cost: 1, effects: [{tension: -1}]}
  wait: {name: Wait, kind: talk, by: [blue], cost: 0, effects: [{tension: +1}]}
endings:
  calm: {name: Calm}
"""

Rule = Callable[[str, "Table"], "str | None"]


class Table:
    """The players at a terminal: a rule answers each prompt (None: Enter; 'y' to seal no orders).

    Like ``input``, each prompt and its answer are echoed to the screen; where the output stood at
    every prompt is recorded, i.e. what was on screen when the players typed.
    """

    def __init__(self, rule: Rule | None = None) -> None:
        self.out = io.StringIO()
        self.rule = rule or (lambda prompt, table: None)
        self.prompts: list[tuple[str, int]] = []
        self.answered = 0  # where the output stood after the last answer

    def ask(self, prompt: str) -> str:
        assert len(self.prompts) < 1000, "the game keeps asking: a prompt loops"
        self.prompts.append((prompt, len(self.out.getvalue())))
        answer = self.rule(prompt, self)
        if answer is None:
            answer = "y" if prompt.startswith("Seal no orders") else ""
        self.out.write(f"{prompt}{answer}\n")
        self.answered = len(self.out.getvalue())
        return answer

    @property
    def text(self) -> str:
        return self.out.getvalue()

    def since_last_prompt(self) -> str:
        """What was printed since the players last answered."""
        return self.text[self.answered :]

    def team(self) -> str:
        """Whose secret orders are on screen."""
        return re.findall(r"Team (\w+) — secret orders for turn (\d+)", self.text)[-1][0]

    def turn(self) -> int:
        return int(re.findall(r"secret orders for turn (\d+)", self.text)[-1])


def play(scenario: Scenario, seats: dict[str, str], rule: Rule | None = None, **options: object) -> Table:
    table = Table(rule)
    TextGame(scenario, seats, 5, ask=table.ask, out=table.out, **options).run()  # type: ignore[arg-type]
    return table


def picks(choices: dict[tuple[str, int], list[str]]) -> Rule:
    """A team types these answers at the card prompt in that turn, then Enter."""
    queues = {key: list(values) for key, values in choices.items()}

    def rule(prompt: str, table: Table) -> str | None:
        if prompt.startswith("Card number"):
            queue = queues.get((table.team(), table.turn()), [])
            return queue.pop(0) if queue else ""
        return None

    return rule


# --- hand-overs keep secrets ----------------------------------------------------------------


def test_a_hand_over_on_a_terminal_clears_the_screen_and_the_scrollback(mini: Scenario):
    table = play(mini, {"blue": "human", "red": "human"}, picks({("Blue", 1): ["2"]}), terminal=True)
    screens = table.text.split(CLEAR_SCREEN)
    assert "\033[3J" in CLEAR_SCREEN and "\033[2J" in CLEAR_SCREEN
    red = next(s for s in screens if "Team Red — secret orders for turn 1" in s)
    assert red.lstrip().startswith("Pass the keyboard to Team Red.")
    assert "Drill" not in red and "[x]" not in red  # Blue's pick is neither on screen nor in the scrollback
    sealed = next(s for s in screens if "The orders of Team Blue are sealed" in s)
    assert "Drill" not in sealed


def test_without_a_terminal_a_hand_over_is_a_separator_that_repeats_no_choices(mini: Scenario):
    table = play(mini, {"blue": "human", "red": "human"}, picks({("Blue", 1): ["2"]}), terminal=False)
    assert "\033" not in table.text  # a screen reader or a pipe gets no escape sequences
    blue_picked = table.text.index("[x] 2. Drill")
    after = table.text[blue_picked : table.text.index("What happened in turn 1")]
    handed_over = after[after.index("=" * 40) :]  # the first separator after Blue's pick
    assert handed_over.startswith("=" * 78 + "\n(screen cleared)\n")
    assert "The orders of Team Blue are sealed" in handed_over and "Team Red — secret orders" in handed_over
    assert "Drill" not in handed_over and "[x]" not in handed_over


def test_the_event_card_stays_on_screen_until_enter_before_the_first_hand():
    rules = load_scenario(DATA / "rules.yaml")
    table = play(rules, {"blue": "human", "red": "human"}, terminal=True)
    event_at = table.text.index("Opening")
    prompt, at = next((p, at) for p, at in table.prompts if at > event_at)
    shown = table.text[event_at:at]
    assert "\033[2J" not in shown, f"the event card was wiped before anyone could read it ({prompt!r})"
    assert "Enter" in prompt


# --- nothing the players need scrolls away -------------------------------------------------


def test_a_typing_error_and_learn_more_are_the_last_things_before_the_prompt(mini: Scenario):
    typed = ["9", "i 2", ""]
    shown: list[str] = []  # what was printed before each card prompt of Blue's in turn 1

    def rule(prompt: str, table: Table) -> str | None:
        if prompt.startswith("Card number") and table.turn() == 1 and len(shown) < len(typed):
            shown.append(table.since_last_prompt())
            return typed[len(shown) - 1]
        return None

    play(mini, {"blue": "human", "red": "objective"}, rule)
    error, info = shown[1], shown[2]
    assert error.strip() == "Type a card number (1 to 2), 'i NUMBER', or press Enter to seal your orders."
    assert info.lstrip().startswith("== Drill ==")
    assert "Dice: 2d6" in info and info.rstrip().endswith("(Type 2 to pick it.)")
    assert "Political capital left" not in error + info  # the hand is not reprinted over them


def test_card_numbers_hold_for_the_whole_game_when_a_limited_card_is_gone(tmp_path: Path):
    path = tmp_path / "cards.yaml"
    path.write_text(CARDS, encoding="utf-8")
    cards = load_scenario(path)
    said: list[str] = []
    turn1 = picks({("Blue", 1): ["1", "2"]})

    def rule(prompt: str, table: Table) -> str | None:
        if prompt.startswith("Card number") and table.turn() == 2 and not said:
            said.append(table.since_last_prompt())
            return "1"
        if prompt.startswith("Card number") and table.turn() == 2 and len(said) == 1:
            said.append(table.since_last_prompt())
            return ""
        return turn1(prompt, table)

    table = play(cards, {"blue": "human"}, rule)
    hand1 = table.text[table.text.index("secret orders for turn 1") : table.text.index("secret orders for turn 2")]
    assert "[x] 1. Once only" in hand1 and "[x] 2. Talk" in hand1
    hand2 = said[0]
    assert "[ ] 2. Talk" in hand2 and "[ ] 3. Wait" in hand2  # not renumbered 1 and 2
    assert "1. Once only (no longer available" in hand2
    assert "Card 1, Once only, is no longer available" in said[1]


def test_enter_with_nothing_picked_asks_before_sealing_no_orders(mini: Scenario, tmp_path: Path):
    asked: list[str] = []

    def rule(prompt: str, table: Table) -> str | None:
        if prompt.startswith("Seal no orders"):
            asked.append(prompt)
            return "n" if len(asked) == 1 else "y"
        if prompt.startswith("Card number") and table.turn() == 1:
            return "1" if asked and "[x]" not in table.since_last_prompt() else ""
        return None

    save = tmp_path / "game.json"
    play(mini, {"blue": "human", "red": "objective"}, rule, save_path=save)
    assert asked[0] == "Seal no orders this turn? y/N: "
    assert [o.move for o in read_save(save).turns[0]["blue"]] == ["talk"]  # 'n' went back to the cards


# --- saved, continued, stopped cleanly -------------------------------------------------------


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120
    )


BRIEFING = "\n"
TURN = "\n\n\ny\n\n\n"  # the event card, pass the keyboard, no card, seal none: yes, sealed, next turn


def test_every_terminal_game_is_saved_in_the_data_folder_and_resume_continues_it(tmp_path: Path):
    # Input ends after turn 1 (Ctrl-D): the game stops cleanly, saved, and says how to continue.
    first = run("play", "--text", MINI, "--seed", "5", "--teams", "red", "--data-dir", str(tmp_path), stdin="\n" + TURN)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    saves = list((tmp_path / "games").glob("*.json"))
    assert len(saves) == 1 and len(read_save(saves[0]).turns) == 1
    assert "The input has ended" in first.stdout
    assert f"deterrence play --text --resume --data-dir {tmp_path}" in first.stdout

    again = run("play", "--text", "--resume", "--data-dir", str(tmp_path), stdin=TURN * 5)
    assert again.returncode == 0, again.stderr
    assert f"Continuing Mini crisis after turn 1, saved in\n  {saves[0]}\n" in again.stdout
    assert "== Turn 1 " not in again.stdout and "== Turn 2 (" in again.stdout
    assert "The game is over" in again.stdout
    assert len(read_save(saves[0]).turns) >= 3
    assert f"deterrence report {saves[0]}" in again.stdout


def test_resume_without_a_saved_game_says_so(tmp_path: Path):
    result = run("play", "--text", "--resume", "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert "There is no saved game in" in result.stdout and "Traceback" not in result.stderr


def test_save_never_overwrites_another_game_without_asking(tmp_path: Path):
    other = tmp_path / "other.json"
    run("play", "--text", MINI, "--seed", "1", "--teams", "red", "--save", str(other), stdin=BRIEFING + TURN)
    before = other.read_bytes()
    result = run("play", "--text", MINI, "--seed", "9", "--teams", "red", "--save", str(other), stdin=BRIEFING + TURN)
    assert result.returncode == 2
    assert "already holds a saved game of 'mini' (1 turn played); a new game will not overwrite it" in result.stdout
    assert other.read_bytes() == before
    # At a keyboard, the players are asked; only 'y' overwrites.
    assert not may_write(other, lambda _: "n", io.StringIO(), interactive=True)
    assert may_write(other, lambda _: "y", io.StringIO(), interactive=True)
    assert may_write(tmp_path / "new.json", lambda _: "n", io.StringIO(), interactive=False)


def test_closed_input_mid_orders_saves_and_says_how_to_continue(mini: Scenario, tmp_path: Path):
    def rule(prompt: str, table: Table) -> str | None:
        if prompt.startswith("Card number") and table.turn() == 2:
            raise EOFError
        return None

    save = tmp_path / "g.json"
    table = play(mini, {"blue": "human", "red": "human"}, rule, save_path=save, resume_command="RESUME")
    assert "The game is saved (the last completed turn, 1) in\n  " + str(save) in table.text
    assert table.text.rstrip().endswith("To continue it:\n  RESUME")
    assert len(read_save(save).turns) == 1


def test_a_save_that_cannot_be_written_keeps_the_game_going_and_offers_another_folder(mini: Scenario, tmp_path: Path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    elsewhere = tmp_path / "elsewhere"

    def rule(prompt: str, table: Table) -> str | None:
        return (
            str(elsewhere) if prompt.startswith("Another folder") and "What happened in turn 2" in table.text else None
        )

    table = play(mini, {"blue": "human", "red": "objective"}, rule, save_path=blocked / "game.json")
    flat = " ".join(table.text.split())  # the message is wrapped to the terminal's width
    assert f"The game could not be saved: could not write in {blocked}" in flat
    assert f"It was to be saved in {blocked / 'game.json'}" in flat
    assert "The game is over" in table.text
    moved = elsewhere / "game.json"
    assert read_save(moved).turns  # every turn, the ones before the move included
    assert len(read_save(moved).turns) == len(re.findall(r"== What happened in turn", table.text))


# --- what the terminal prints --------------------------------------------------------------


def test_control_characters_in_scenario_text_never_reach_the_terminal(mini: Scenario):
    esc = "\x1b[2J\x1b]0;pwned\x07\x9b31m\r"
    moves = dict(mini.moves)
    moves["talk"] = evolve(moves["talk"], name=Text({"en": f"Talk{esc}"}), text=Text({"en": f"Say{esc} hi"}))
    actors = dict(mini.actors)
    actors["red"] = evolve(actors["red"], name=Text({"en": f"Red{esc}"}))
    labels = {**mini.track_label, "tension": f"Tension{esc}"}
    hostile = evolve(mini, title=Text({"en": f"Mini{esc}"}), moves=moves, actors=actors, track_label=labels)
    table = play(hostile, {"blue": "human", "red": "human"}, terminal=True)
    printed = table.text.replace(CLEAR_SCREEN, "")
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", printed)
    assert "Talk\\x1b[2J" in printed  # shown, harmlessly, so the author sees there is something wrong


def test_an_uncertain_last_turn_is_never_announced(mini: Scenario):
    table = play(mini, {"blue": "objective", "red": "human"})
    headings = re.findall(r"== (Turn \d+.*) ==", table.text)
    assert len(headings) >= 3
    for number, heading in enumerate(headings, 1):
        assert heading == f"Turn {number} (the game ends between turns 3 and 4)"


def test_the_end_reveals_the_hidden_tracks_and_names_the_report_command(mini: Scenario, tmp_path: Path):
    save = tmp_path / "my games" / "class 3.json"
    table = play(mini, {"blue": "human", "red": "human"}, picks({("Red", 1): ["2"]}), save_path=save)
    end = table.text[table.text.index("The game is over") :]
    revealed = end[end.index("== Hidden tracks, revealed ==") :]
    states = Session(mini, {"blue": "human", "red": "human"}, 5, save=read_save(save)).states
    power = [state.tracks["red.power"] for state in states]
    assert f"Red Power: 3 at the start, {power[-1]} at the end. Turn by turn: " in revealed
    assert " → ".join(map(str, power)) in revealed
    assert f"deterrence report '{save}'" in end  # quoted: the path has spaces
    assert json.loads(save.read_text())["turns"]


def display_width(line: str) -> int:
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_korean_and_chinese_text_is_wrapped_by_its_width_on_screen(mini: Scenario):
    korean = "한미 양국은 핵협의그룹을 새로 만들고 전략핵잠수함의 한국 기항을 약속했다. " * 6
    chinese = "中华人民共和国外交部发言人表示" * 20  # no spaces at all
    moves = dict(mini.moves)
    moves["talk"] = evolve(moves["talk"], text=Text({"en": korean + chinese}))
    table = play(evolve(mini, summary=Text({"en": korean}), moves=moves), {"blue": "human", "red": "objective"})
    assert "한미 양국은" in table.text and "中华人民" in table.text
    echoed = {f"{prompt}" for prompt, _ in table.prompts}  # a terminal wraps what input() echoes itself
    widest = max((line for line in table.text.splitlines() if line not in echoed), key=display_width)
    assert display_width(widest) <= 78, widest


def test_resume_passes_over_a_damaged_newest_save_to_the_previous_good_one(tmp_path: Path):
    run("play", "--text", MINI, "--seed", "5", "--teams", "red", "--data-dir", str(tmp_path), stdin=BRIEFING + TURN)
    (good,) = (tmp_path / "games").glob("*.json")
    damaged = tmp_path / "games" / "mini-9999-damaged.json"
    damaged.write_text('{"format": "deterrence-dialogue-save", "turns": [')
    os.utime(damaged, (good.stat().st_mtime + 60, good.stat().st_mtime + 60))
    result = run("play", "--text", "--resume", "--data-dir", str(tmp_path), stdin="quit\n")
    assert result.returncode == 0, result.stderr
    assert f"Cannot continue {damaged}: " in result.stdout
    assert f"Continuing Mini crisis after turn 1, saved in\n  {good}\n" in result.stdout


def test_a_cards_chance_is_a_range_when_its_roll_reads_what_the_team_cannot_see():
    """Worked out as if an unseen track were 0, a card said 3% when the truth was 58%."""
    from game.engine import new_game, view
    from game.scenario import load_scenario_text
    from game.ui.wording import dice_chance

    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    exact = load_scenario_text(text, "exact.yaml")
    state = new_game(exact, 1)
    blue = view(exact, state, "blue")
    assert dice_chance(exact, exact.moves["drill"], blue) == "dice: 58% success"  # trust 5 // 3 = 1
    hidden = load_scenario_text(text.replace('plus: "blue.trust // 3"', 'plus: "red.power // 2"'), "hidden.yaml")
    state = new_game(hidden, 1)
    blue = view(hidden, state, "blue")
    power = blue.tracks["red.power"]
    assert not power.exact and power.known  # Blue sees a range of Red's power
    shown = dice_chance(hidden, hidden.moves["drill"], blue)
    assert shown.startswith("dice: ") and "–" in shown  # a range, from the low end of Blue's estimate to the high end
    low, high = (int(x) for x in shown.removeprefix("dice: ").removesuffix("% success").split("–"))
    assert low < high
