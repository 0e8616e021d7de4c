"""The game in a terminal: hot-seat play for 1-5 teams, bots in the other seats.

This is also the accessible mode: everything is plain lines of text that a screen
reader reads in order. No pygame here (``game.ui.text`` must import without a display).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from game.bots.policies import make_bot
from game.engine.rng import derive
from game.engine.save import SaveGame, start_save, write_save
from game.engine.state import GameState, LogEntry, Order
from game.engine.turn import new_game, resolve_turn
from game.engine.view import View, redact, track_view, view
from game.scenario.model import Scenario, Teach, Track
from game.scenario.readable import readable
from game.ui.wording import deal_lines, deal_warning, effect_preview

Ask = Callable[[str], str]
WIDTH = 78


class Quit(Exception):
    """The players typed quit."""


class TextGame:
    """One game in a terminal; ``ask`` reads a line (input), ``out`` receives text."""

    def __init__(
        self,
        scenario: Scenario,
        seats: dict[str, str],
        seed: int,
        *,
        ask: Ask = input,
        out: TextIO,
        clear: bool = False,
        save_path: Path | None = None,
    ) -> None:
        self.s = scenario
        self.seats = seats
        self.seed = seed
        self.ask = ask
        self.out = out
        self.clear_screen = clear
        self.save_path = save_path
        self.state: GameState = new_game(scenario, seed, seats)
        self.save: SaveGame = start_save(scenario, seed, seats)

    # output helpers --------------------------------------------------------------------------

    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            self.out.write("\n")
            return
        for paragraph in text.split("\n"):
            wrapped = textwrap.fill(paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
            self.out.write((wrapped or indent) + "\n")

    def heading(self, text: str) -> None:
        self.say()
        self.say(f"== {text} ==")

    def prompt(self, text: str) -> str:
        answer = self.ask(text).strip()
        if answer.lower() in ("quit", "exit"):
            raise Quit
        return answer

    def clear(self) -> None:
        if self.clear_screen:
            self.out.write("\033[2J\033[H")
        else:
            self.out.write("\n" + "-" * WIDTH + "\n(screen cleared)\n\n")
        self.out.flush()

    def name(self, actor: str) -> str:
        return str(self.s.actors[actor].name)

    # the game -------------------------------------------------------------------------------

    def run(self) -> GameState:
        try:
            self.briefing()
            while not self.state.over:
                self.turn()
            self.ending()
        except Quit:
            self.say(
                "Game stopped." + (f" The last completed turn is saved in {self.save_path}." if self.save_path else "")
            )
        return self.state

    def briefing(self) -> None:
        s = self.s
        self.heading(str(s.title))
        if s.summary:
            self.say(str(s.summary))
        low, high = s.turn_range
        if low == high:
            self.say(f"The game lasts {low} turns.")
        else:
            self.say(f"The game lasts {low} to {high} turns; nobody knows which turn is the last.")
        self.heading("Teams")
        for actor_id, actor in s.actors.items():
            who = "a team" if self.seats[actor_id] == "human" else f"a bot ({self.seats[actor_id]})"
            self.say(f"{actor.name} — played by {who}.")
            if actor.role:
                self.say(str(actor.role), "    ")
        if s.learning_objectives:
            self.heading("What this game is about")
            for item in s.learning_objectives:
                self.say(f"- {item}")
        self.say()
        self.prompt("Press Enter to start turn 1. (Type quit at any prompt to stop.) ")

    def turn(self) -> None:
        state = self.state
        low, high = self.s.turn_range
        total = str(high) if low == high else f"{low}–{high}"
        self.heading(f"Turn {state.turn} of {total}")
        for entry in redact(self.s, None, state.event_log):
            self.say(entry.text, "  ")
        if not state.event_log:
            self.say("No event this turn.", "  ")
        self.board(None)
        orders: dict[str, list[Order]] = {}
        for actor, seat in self.seats.items():
            if seat == "human":
                orders[actor] = self.human_orders(actor)
        for actor, seat in self.seats.items():
            if seat != "human":
                bot = make_bot(seat)
                rng = derive(self.seed, state.turn, f"bot:{actor}")
                orders[actor] = bot.choose(self.s, view(self.s, state, actor), rng)
        result = resolve_turn(self.s, state, orders)
        self.save = self.save.with_turn(orders)
        if self.save_path is not None:
            write_save(self.save_path, self.save)
        self.heading(f"What happened in turn {state.turn}")
        happened = redact(self.s, None, [e for e in result.log if e.turn == state.turn])
        for entry in happened:
            self.say(self.entry_line(entry), "  ")
        if not happened:
            self.say("Nobody made a move, and nothing changed.", "  ")
        self.state = result.state
        if not self.state.over:
            self.prompt("Press Enter for the next turn. ")

    def entry_line(self, entry: LogEntry) -> str:
        return ("    " if entry.kind == "change" else "") + entry.text

    def board(self, actor: str | None) -> None:
        self.say()
        self.say("The board" + (f" as {self.name(actor)} sees it:" if actor else ":"))
        for ref, track in self.s.all_tracks.items():
            self.say(self.track_line(ref, track, actor), "  ")

    def track_line(self, ref: str, track: Track, actor: str | None) -> str:
        seen = track_view(self.s, self.state, ref, actor)
        label = self.s.track_label[ref]
        if seen.value is not None:
            rung = _rung(track, seen.value)
            return f"{label}: {seen.value}{track.unit} (of {track.min}–{track.max}){rung}"
        if seen.known:
            return f"{label}: somewhere between {seen.low} and {seen.high}{track.unit} (hidden)"
        return f"{label}: hidden"

    def human_orders(self, actor: str) -> list[Order]:
        name = self.name(actor)
        self.clear()
        self.prompt(f"Pass the keyboard to Team {name}. Press Enter when only Team {name} can see the screen. ")
        me = view(self.s, self.state, actor)
        self.heading(f"Team {name} — secret orders for turn {me.turn}")
        actor_obj = self.s.actors[actor]
        if actor_obj.objectives:
            self.say("Your objectives:")
            for objective in actor_obj.objectives.values():
                main = " (main)" if objective.main else ""
                self.say(f"- {objective.text} — {_points(objective.points)}{main}", "  ")
        self.board(actor)
        for line, _ in deal_lines(self.s, me):
            self.say(line)
        chosen = self.answers(me)
        accepting = [o.offer for o in chosen if o.answer == "accept" and o.offer is not None]
        chosen += self.plays(me, [o for o in chosen if o.answer == "counter"], accepting)
        self.clear()
        self.prompt(f"Team {name}'s orders are sealed. Press Enter. ")
        return chosen

    def answers(self, me: View) -> list[Order]:
        chosen: list[Order] = []
        for offer in me.offers_to_me:
            move = self.s.moves[offer.move]
            who = " and ".join(self.name(a) for a in offer.by)
            self.say()
            self.say(f"{who} offer you: {move.name}. {move.text or ''}")
            used = {o.move for o in chosen if o.answer == "counter"}
            left = me.budget - sum(self.s.moves[m].cost for m in used)
            options = [
                o
                for o in me.orders
                if o.offer == offer.id
                and not (o.answer == "counter" and (o.move in used or self.s.moves[o.move].cost > left))
            ]
            for number, option in enumerate(options, 1):
                label: str = option.answer or ""
                if option.answer == "counter":
                    counter = self.s.moves[option.move]
                    label = f"counter with {counter.name} (costs {counter.cost})"
                self.say(f"{number}. {label}", "  ")
            while True:
                answer = self.prompt("Your answer (number): ")
                if answer.isdigit() and 1 <= int(answer) <= len(options):
                    chosen.append(options[int(answer) - 1])
                    break
                self.say(f"Type a number from 1 to {len(options)}.")
        return chosen

    def plays(self, me: View, counters: Sequence[Order], accepting: list[int]) -> list[Order]:
        options = [o for o in me.orders if o.offer is None and o.move not in {c.move for c in counters}]
        picked: list[Order] = []
        left = me.budget - sum(self.s.moves[c.move].cost for c in counters)
        while True:
            self.say()
            self.say(f"Political capital left: {left} of {me.budget}. Your moves:")
            for number, order in enumerate(options, 1):
                move = self.s.moves[order.move]
                mark = "[x]" if order in picked else "[ ]"
                kind = self.s.kinds[move.kind].name
                self.say(f"{mark} {number}. {move.name} — {kind}, cost {move.cost}", "  ")
                warning = deal_warning(self.s, me, order.move, accepting)
                if warning:
                    self.say(f"Warning: {warning}.", "         ")
                self.say(f"Likely: {effect_preview(self.s, move, me)}.", "         ")
                if move.text:
                    self.say(str(move.text), "         ")
            answer = self.prompt("Number to pick or drop, 'i NUMBER' to learn more, Enter when done: ")
            if not answer:
                return picked
            if answer.lower().startswith("i ") and answer[2:].strip().isdigit():
                index = int(answer[2:].strip()) - 1
                if 0 <= index < len(options):
                    self.explain(options[index].move)
                continue
            if not answer.isdigit() or not 1 <= int(answer) <= len(options):
                self.say(f"Type a number from 1 to {len(options)}, 'i NUMBER', or press Enter.")
                continue
            order = options[int(answer) - 1]
            cost = self.s.moves[order.move].cost
            if order in picked:
                picked.remove(order)
                left += cost
            elif cost > left:
                self.say(f"Not enough political capital: it costs {cost}, you have {left} left.")
            else:
                picked.append(order)
                left -= cost

    def explain(self, move_id: str) -> None:
        move = self.s.moves[move_id]
        self.heading(str(move.name))
        if move.text:
            self.say(str(move.text))
        effects = ", ".join(f"{self.s.track_label[e.track]} {e.delta:+d}" for e in move.effects)
        if effects:
            self.say(f"Effects: {effects}")
        if move.roll:
            plus = f" + {readable(move.roll.plus, self.s, 'this turn')}" if move.roll.plus else ""
            self.say(f"Dice: {move.roll.dice}{plus}, success on {move.roll.target} or more.")
        if move.offer:
            self.say(f"An offer to {self.name(move.offer.to)}, who answers next turn.")
        self.teach(move.teach)

    def teach(self, teach: Teach | None) -> None:
        if teach is None:
            return
        for label, text in (("What", teach.what), ("Why it matters", teach.why), ("In history", teach.history)):
            if text:
                self.say(f"{label}: {text}")
        for source_id in teach.sources:
            source = self.s.sources.get(source_id)
            if source:
                self.say(
                    f"Source: {source.title}"
                    + (f", {source.publisher}" if source.publisher else "")
                    + (f", {source.date}" if source.date else ""),
                    "  ",
                )

    def ending(self) -> None:
        outcome = self.state.outcome
        assert outcome is not None
        ending = self.s.endings.get(outcome.ending)
        self.heading(f"The game is over: {ending.name if ending else 'no named ending'}")
        if ending is not None:
            if ending.text:
                self.say(str(ending.text))
            if outcome.blamed:
                self.say(f"The move that tipped it was {self.name(outcome.blamed)}'s.")
            self.teach(ending.teach)
        self.heading("Scores")
        for actor_id, actor in self.s.actors.items():
            met = outcome.met[actor_id]
            self.say(f"{actor.name}: {_points(outcome.scores[actor_id])}")
            for oid, objective in actor.objectives.items():
                self.say(f"[{'x' if oid in met else ' '}] {objective.text}", "    ")
        if self.s.questions:
            self.heading("For the debrief")
            for number, question in enumerate(self.s.questions, 1):
                self.say(f"{number}. {question}")


def _rung(track: Track, value: int) -> str:
    below = [r for r in track.rungs if r <= value]
    return f" — {track.rungs[max(below)]}" if below else ""


def _points(count: int) -> str:
    return f"{count} point" + ("" if count == 1 else "s")
