"""The game in a terminal: hot-seat play for 1-5 teams, bots in the other seats.

This is also the accessible mode: everything is plain lines of text that a screen
reader reads in order. No pygame here (``game.ui.text`` must import without a display).

The game is a ``Session``, like the window's: saved after every turn into the same games
folder, so ``--resume`` (or the window's Continue) picks it up again.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from game.engine.errors import SaveError
from game.engine.facts import facts_seen
from game.engine.purse import Wallet, wallet
from game.engine.save import read_save
from game.engine.state import GameState, LogEntry, Order
from game.engine.turn import PRIVATE
from game.engine.view import View, redact, track_view
from game.i18n import SOURCE, language, ntr, pick, tr
from game.report.debrief import build_debrief
from game.report.logtext import cap_text, cost_text, others_text, purse_text
from game.scenario.load import ScenarioError
from game.scenario.model import Scenario, Teach, Track
from game.scenario.readable import readable
from game.ui import autosave
from game.ui.session import Session
from game.ui.wording import (
    deal_lines,
    deal_warning,
    effect_preview,
    effect_word,
    log_text,
    refusal_words,
    round_heading,
    save_problem,
    seat_words,
    sitting_out_text,
    teach_lines,
    together,
    track_label,
    turn_heading,
)

Ask = Callable[[str], str]
WIDTH = 78
# Erase the screen, home the cursor, and erase the scrollback too (what `clear` prints):
# without the last, the previous team's secret orders are one scroll away.
CLEAR_SCREEN = "\033[H\033[2J\033[3J"
#: What answers yes to a y/N question, in every language the game speaks ("예": yes in Korean)
YES = ("y", "yes", "예", "네", "ㅇ")
# C0 controls but the newline, DEL and C1 controls (0x9b alone starts a sequence on some terminals)
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def clean(text: object) -> str:
    """Text made safe to print: a control character (ESC, CR, NUL…) is shown as its escape, '\\x1b'; a tab is a space.

    Every line the terminal game writes goes through here, so a scenario's "\\e[2J" can never
    clear the screen, recolour it or move the cursor.
    """
    # NFC: a Hangul syllable typed as separate jamo (as some editors save it) becomes one character,
    # so the wrapping below never breaks a syllable apart and measures it as the two columns it takes.
    text = unicodedata.normalize("NFC", str(text))
    return _CONTROL.sub(lambda m: " " if m[0] == "\t" else f"\\x{ord(m[0]):02x}", text)


def char_width(char: str) -> int:
    """Columns a character takes in a terminal: 2 for East Asian wide (Hangul, CJK), 0 for combining marks."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Columns a line takes in a terminal (len() counts a Hangul syllable as 1; it takes 2)."""
    return sum(char_width(c) for c in text)


#: Marks that close a phrase: a line cut inside a long run without spaces never starts with one.
NO_LINE_START = frozenset(".,;:!?)]}》」』〉、。，．！？")


def wrap(paragraph: str, width: int, indent: str = "", more: str = "") -> list[str]:
    """Lines of at most ``width`` columns; words longer than a line are cut. Linear in the text."""
    lines: list[str] = []
    line, used, empty = [indent], text_width(indent), True

    def new_line() -> None:
        nonlocal line, used, empty
        lines.append("".join(line))
        line, used, empty = [more], text_width(more), True

    for word in paragraph.split():
        size = text_width(word)
        if not empty and used + 1 + size > width:
            new_line()
        if used + size <= width:
            line += [word] if empty else [" ", word]
            used += size + (0 if empty else 1)
            empty = False
            continue
        if not empty:
            line.append(" ")
            used += 1
        cut = 0  # characters of this word on the current line
        for char in word:  # a word wider than the line (CJK without spaces, a URL): cut it
            cells = char_width(char)
            if used + cells > width and not empty:
                carried = line.pop() if char in NO_LINE_START and cut >= 2 else ""
                new_line()
                cut = 0
                if carried:  # '다.' stays together: a line never starts with a closing mark
                    line.append(carried)
                    used, cut, empty = used + char_width(carried), 1, False
            line.append(char)
            used += cells
            cut += 1
            empty = False
    lines.append("".join(line))
    return lines


class Quit(Exception):
    """The players typed quit."""


class TextGame:
    """One game in a terminal; ``ask`` reads a line (input), ``out`` receives text.

    ``terminal``: ``out`` is a terminal, so a hand-over clears the screen and its scrollback;
    otherwise (a pipe, a screen reader's log) a hand-over is a plain separator line.
    """

    def __init__(
        self,
        scenario: Scenario | None = None,
        seats: dict[str, str] | None = None,
        seed: int = 0,
        *,
        ask: Ask = input,
        out: TextIO,
        terminal: bool = False,
        save_path: Path | None = None,
        session: Session | None = None,
        resume_command: str = "deterrence play --text --resume",
        width: int = WIDTH,
    ) -> None:
        if session is None:
            assert scenario is not None and seats is not None
            session = Session(scenario, seats, seed, autosave=save_path)
        self.session = session
        self.s = session.scenario
        self.ask = ask
        self.out = out
        self.terminal = terminal
        self.resume_command = resume_command
        self.width = width
        self.saved = False  # the save holds every completed turn

    @property
    def state(self) -> GameState:
        return self.session.state

    @property
    def save_path(self) -> Path | None:
        return self.session.autosave

    # output helpers --------------------------------------------------------------------------

    def say(self, text: object = "", indent: str = "") -> None:
        if not text:
            self.out.write("\n")
            return
        for paragraph in clean(text).split("\n"):
            self.out.write("\n".join(wrap(paragraph, self.width, indent, indent + "  ")) + "\n")

    def line(self, text: object, indent: str = "") -> None:
        """A line never wrapped: a path or a command the players may copy."""
        self.out.write(indent + clean(text).replace("\n", " ") + "\n")

    def heading(self, text: str) -> None:
        self.say()
        self.say(f"== {text} ==")

    def rule(self, char: str = "=") -> str:
        """A line across the terminal, as wide as the text (a wide character fills two columns)."""
        return char * (self.width // max(1, text_width(char)))

    def prompt(self, text: str) -> str:
        self.out.flush()
        answer = self.ask(clean(text)).strip()
        if answer.lower() in ("quit", "exit"):
            raise Quit
        return answer

    def confirm(self, question: str) -> bool:
        return self.prompt(question).lower() in YES

    def clear(self) -> None:
        """Hand the keyboard over: nothing of the last team's orders may stay within reach."""
        if self.terminal:
            self.out.write(CLEAR_SCREEN)
        else:
            self.out.write("\n" + self.rule() + "\n" + tr("(screen cleared)") + "\n\n")
        self.out.flush()

    def name(self, actor: str) -> str:
        return pick(self.s.actors[actor].name)

    # the game -------------------------------------------------------------------------------

    def run(self, *, briefing: bool = True) -> GameState:
        """Play to the end (or until the players stop: quit, Ctrl-D, Ctrl-C); every turn is saved."""
        try:
            self.keep()
            if briefing:
                self.briefing()
            while not self.state.over:
                self.turn()
            self.ending()
        except Quit:
            self.stopped(tr("Game stopped."))
        except EOFError:
            self.stopped(tr("The input has ended (Ctrl-D or a closed pipe), so the game stops here."))
        except KeyboardInterrupt:
            self.stopped(tr("Interrupted."))
            raise
        return self.state

    def stopped(self, why: str) -> None:
        self.say()
        self.say(why)
        if self.save_path is None:
            self.say(tr("This game was not saved."))
            return
        if not self.saved:
            self.say(
                tr("The last turn could not be saved, so the game cannot be continued from it. It was to be saved in")
            )
            self.line(self.save_path, "  ")
            return
        done = self.session.turns_done()
        if done == 0:
            self.say(tr("The game is saved (no turn completed yet) in"))
        else:
            self.say(tr("The game is saved (the last completed turn, {turn}) in", turn=done))
        self.line(self.save_path, "  ")
        self.say(tr("To continue it:"))
        self.line(self.resume_command, "  ")

    def keep(self) -> None:
        """Write the save; if it cannot be written, say where and offer another folder."""
        while self.save_path is not None:
            if self.session.keep():
                self.saved = True
                return
            self.saved = False
            self.say(tr("The game could not be saved: {why}. It was to be saved in", why=self.session.unsaved))
            self.line(self.save_path, "  ")
            folder = self.prompt(tr("Another folder to save it in (Enter: play on and try again after the turn): "))
            if not folder:
                return
            self.session.autosave = Path(folder).expanduser() / self.save_path.name  # save_path follows it

    def briefing(self) -> None:
        s = self.s
        self.heading(pick(s.title))
        if s.summary:
            self.say(pick(s.summary))
        low, high = s.turn_range
        if low == high:
            self.say(tr("The game lasts {low} turns.", low=low))
        else:
            self.say(
                tr("The game lasts {low} to {high} turns; nobody knows which turn is the last.", low=low, high=high)
            )
        self.heading(tr("Teams"))
        for actor_id, actor in s.actors.items():
            who = seat_words(self.session.seats[actor_id], s)
            self.say(tr("{team} — played by {who}.", team=pick(actor.name), who=who))
            if actor.role:
                self.say(pick(actor.role), "    ")
        if s.learning_objectives:
            self.heading(tr("What this game is about"))
            for item in s.learning_objectives:
                self.say(f"- {pick(item)}")
        if s.glossary:
            self.heading(tr("Glossary"))
            for key, entry in s.glossary.items():
                self.say(f"- {pick(entry.name(key))}: {pick(entry.text)}")
        self.say()
        self.prompt(tr("Press Enter to start turn 1. (Type quit at any prompt to stop.) "))

    def turn(self) -> None:
        """One round of orders (the whole turn, unless the scenario's turn is in rounds) and its reveal."""
        turn, now = self.state.turn, self.session.round
        if self.state.round == 0:  # the events open the turn, once
            self.heading(turn_heading(self.s, turn))
            for entry in redact(self.s, None, self.state.event_log):
                self.say(log_text(self.s, entry), "  ")
            if not self.state.event_log:
                self.say(tr("No event this turn."), "  ")
            out = sitting_out_text(self.s, tuple(self.session.sitting_out()))
            if out:  # no orders prompt for them: say why
                self.say(out, "  ")
            self.board(None)
            if self.session.humans:
                self.say()
                self.prompt(tr("Read the event card out. Press Enter when everyone has seen it. "))
        if now.phase is not None:  # a turn in rounds: whose round it is, on the board as it now stands
            self.heading(round_heading(self.s, now.phase, now.actors))
            if self.state.round:
                self.board(None)
        for actor in self.session.waiting_for():  # the round's teams with something to play
            self.session.give_orders(actor, self.human_orders(actor))
        self.session.resolve()  # saves the round; one it could not write stays in memory
        self.saved = self.save_path is not None and self.session.unsaved is None
        if self.save_path is not None and not self.saved:
            self.keep()
        if now.phase is not None:
            self.heading(tr("{round}: what happened", round=pick(now.phase.name)))
        else:
            self.heading(tr("What happened in turn {turn}", turn=turn))
        happened = redact(self.s, None, [e for e in self.session.logs[-1] if e.turn == turn])
        for entry in happened:
            self.say(self.entry_line(entry), "  ")
        if not happened:
            self.say(tr("Nobody made a move, and nothing changed."), "  ")
        if not self.state.over:
            self.prompt(
                tr("Press Enter for the next round. ") if self.state.round else tr("Press Enter for the next turn. ")
            )

    def entry_line(self, entry: LogEntry) -> str:
        return ("    " if entry.kind == "change" else "") + log_text(self.s, entry)

    def board(self, actor: str | None) -> None:
        self.say()
        self.say(tr("The board as {team} sees it:", team=self.name(actor)) if actor else tr("The board:"))
        for ref, track in self.s.all_tracks.items():
            self.say(self.track_line(ref, track, actor), "  ")
        if self.s.facts:  # format 2: what is true now, as the actor (or the class) reads it
            self.say(tr("What is true now"), "  ")
            seen = facts_seen(self.s, self.state, actor)
            for fact in seen:
                self.say("- " + pick(self.s.facts[fact].text), "    ")
            if not seen:
                self.say(tr("(nothing yet)"), "    ")

    def track_line(self, ref: str, track: Track, actor: str | None) -> str:
        seen = track_view(self.s, self.state, ref, actor)
        label = track_label(self.s, ref)
        unit = pick(track.unit)
        if seen.value is not None:
            rung = _rung(track, seen.value)
            shown = f"{seen.value}{unit}"
            value = tr("{value} (of {low}–{high})", value=shown, low=track.min, high=track.max)
            return f"{label}: {value}{rung}"
        if seen.known:
            high = f"{seen.high}{unit}"
            hidden = tr("somewhere between {low} and {high} (hidden)", low=seen.low, high=high)
            return f"{label}: {hidden}"
        return f"{label}: " + tr("hidden")

    def human_orders(self, actor: str) -> list[Order]:
        name = self.name(actor)
        self.clear()
        now = self.session.round
        if now.phase is not None:  # the screen was cleared: say again whose round it is
            self.say(round_heading(self.s, now.phase, now.actors))
        self.say(tr("Pass the keyboard to Team {team}.", team=name))
        self.prompt(tr("Press Enter when only Team {team} can see the screen. ", team=name))
        me = self.session.view_of(actor)
        self.heading(tr("Team {team} — secret orders for turn {turn}", team=name, turn=me.turn))
        actor_obj = self.s.actors[actor]
        if actor_obj.objectives:
            self.say(tr("Your objectives:"))
            for objective in actor_obj.objectives.values():
                points = _points(objective.points)
                if objective.main:
                    points = tr("{points} (main)", points=points)
                self.say(f"- {pick(objective.text)} — {points}", "  ")
        self.board(actor)
        for entry in redact(self.s, actor, self.session.turn_log(me.turn - 1)):
            # what only this team learnt last turn: a card that did not happen, intelligence, a covert play
            if entry.kind == PRIVATE or entry.audience is not None:
                self.say(tr("Only your team sees this: {text}", text=log_text(self.s, entry)))
        for line, _ in deal_lines(self.s, me):
            self.say(line)
        chosen = self.answers(me)
        accepting = [o.offer for o in chosen if o.answer == "accept" and o.offer is not None]
        chosen += self.plays(me, [o for o in chosen if o.answer == "counter"], accepting)
        self.clear()
        # Only the team's name: the next team is about to sit down in front of this screen.
        self.prompt(tr("The orders of Team {team} are sealed. Press Enter. ", team=name))
        return chosen

    def answers(self, me: View) -> list[Order]:
        chosen: list[Order] = []
        for offer in me.offers_to_me:
            move = self.s.moves[offer.move]
            who = together([self.name(a) for a in offer.by])
            self.say()
            self.say(tr("{teams} offer you: {move}.", teams=who, move=pick(move.name)) + " " + pick(move.text))
            used = {o.move for o in chosen if o.answer == "counter"}
            picking = wallet(self.s, me.purse or (me.budget,))
            for move_id in used:
                picking.take(move_id)
            options = [
                o
                for o in me.orders
                if o.offer == offer.id and not (o.answer == "counter" and (o.move in used or not picking.fits(o.move)))
            ]
            for number, option in enumerate(options, 1):
                label = {"accept": tr("accept"), "reject": tr("reject")}.get(option.answer or "", option.answer or "")
                if option.answer == "counter":
                    counter = self.s.moves[option.move]
                    label = tr(
                        "counter with {move} (costs {cost})", move=pick(counter.name), cost=cost_text(self.s, counter)
                    )
                self.say(f"{number}. {label}", "  ")
            while True:
                answer = self.prompt(tr("Your answer (number): "))
                if answer.isdigit() and 1 <= int(answer) <= len(options):
                    chosen.append(options[int(answer) - 1])
                    break
                self.say(tr("Type a number from 1 to {count}.", count=len(options)))
        return chosen

    def card_numbers(self, actor: str) -> dict[int, str]:
        """Each of the actor's cards by its number for the whole game: its place in the actor's moves."""
        return {number: move_id for number, move_id in enumerate(self.s.moves_of(actor), 1)}

    def plays(self, me: View, counters: Sequence[Order], accepting: list[int]) -> list[Order]:
        cards = self.card_numbers(me.actor)
        countered = {c.move for c in counters}
        playable = {o.move: o for o in me.orders if o.offer is None and o.move not in countered}
        picked: list[Order] = []
        picking = wallet(self.s, me.purse or (me.budget,))  # every resource, and the caps per kind
        for counter in counters:
            picking.take(counter.move)
        show = True
        while True:
            if show:
                self.hand(me, cards, playable, picked, tuple(picking.left), accepting, countered)
                show = False
            answer = self.prompt(tr("Card number to pick or drop, 'i NUMBER' to learn more, Enter when done: "))
            if not answer:
                if picked or self.confirm(tr("Seal no orders this turn? y/N: ")):
                    return picked
                continue
            words = answer.split()
            if len(words) == 2 and words[0].lower() == "i" and words[1].isdigit() and int(words[1]) in cards:
                number = int(words[1])
                self.explain(cards[number])  # printed last, next to the prompt
                order = playable.get(cards[number])
                if order is None:
                    why = self.unavailable(me, cards[number], countered)
                    self.say(tr("(Not playable now: {why}.)", why=why))
                else:
                    self.say(
                        tr("(Picked: type {number} to drop it.)", number=number)
                        if order in picked
                        else tr("(Type {number} to pick it.)", number=number)
                    )
                continue
            if not answer.isdigit() or int(answer) not in cards:
                self.say(
                    tr(
                        "Type a card number ({span}), 'i NUMBER', or press Enter to seal your orders.",
                        span=_span(cards),
                    )
                )
                continue
            move_id = cards[int(answer)]
            order = playable.get(move_id)
            name = pick(self.s.moves[move_id].name)
            if order is None:
                why = self.unavailable(me, move_id, countered)
                self.say(tr("Card {number}, {move}, is {why}.", number=answer, move=name, why=why))
            elif order in picked:
                picked.remove(order)
                picking = wallet(self.s, me.purse or (me.budget,))  # paid again from the start
                for taken in [*counters, *picked]:
                    picking.take(taken.move)
                show = True
            elif not picking.fits(move_id):
                self.say(self.refused(picking, move_id, name))
            else:
                picked.append(order)
                picking.take(move_id)
                show = True

    def refused(self, picking: Wallet, move_id: str, name: str) -> str:
        """Why a card cannot be added to the orders, in format 1's words where they fit."""
        cost = self.s.price(self.s.moves[move_id])
        if len(cost) == 1 and self.s.format < 2:
            return tr(
                "Not enough political capital: {move} costs {cost}, you have {left}.",
                move=name,
                cost=cost[0],
                left=picking.left[0],
            )
        return tr("{move} cannot be added: {why}.", move=name, why=refusal_words(self.s, picking, move_id))

    def hand(
        self,
        me: View,
        cards: dict[int, str],
        playable: dict[str, Order],
        picked: list[Order],
        left: tuple[int, ...],
        accepting: list[int],
        countered: set[str],
    ) -> None:
        self.say()
        if self.s.resources:
            others = others_text(self.s, me.purses)
            if others:
                self.say(tr("The other teams hold: {amounts}.", amounts=others))
            self.say(purse_text(self.s, me.purse, left) + ". " + tr("Your cards:"))
        else:
            self.say(tr("Political capital left: {left} of {budget}. Your cards:", left=left[0], budget=me.budget))
        gone = []
        for number, move_id in cards.items():
            order = playable.get(move_id)
            move = self.s.moves[move_id]
            name = pick(move.name)
            if order is None:
                gone.append(f"{number}. {name} ({self.unavailable(me, move_id, countered)})")
                continue
            mark = "[x]" if order in picked else "[ ]"
            kind = tr("{kind}, cost {cost}", kind=pick(self.s.kinds[move.kind].name), cost=cost_text(self.s, move))
            cap = cap_text(self.s, move)
            if cap:
                kind += f" ({cap})"
            self.say(f"{mark} {number}. {name} — {kind}", "  ")
            warning = deal_warning(self.s, me, move_id, accepting)
            if warning:
                self.say(tr("Warning: {warning}.", warning=warning), "         ")
            self.say(tr("Likely: {effects}.", effects=effect_preview(self.s, move, me)), "         ")
            if move.text:
                self.say(pick(move.text), "         ")
        if gone:
            self.say(tr("Not playable now: {cards}.", cards="; ".join(gone)), "  ")

    def unavailable(self, me: View, move_id: str, countered: set[str]) -> str:
        """Why a card of the team's cannot be picked now, in words."""
        move = self.s.moves[move_id]
        if move.limit is not None and me.plays.get(move_id, 0) >= move.limit:
            return ntr(
                "no longer available: it may be played once in a game",
                "no longer available: it may be played {n} times in a game",
                move.limit,
            )
        if move_id in countered:
            return tr("already your counter-offer this turn")
        if self.s.format >= 2 and not wallet(self.s, me.purse or (me.budget,)).fits(move_id):
            return tr("not available this turn: it costs {cost}, more than you have", cost=cost_text(self.s, move))
        if self.s.price(move)[0] > me.budget:
            cost = self.s.price(move)[0]
            return tr("not available this turn: it costs {cost}, more than your political capital", cost=cost)
        if move.requires is not None:
            return tr(
                "not available this turn: only when {condition}",
                condition=readable(move.requires, self.s, lang=language()),
            )
        return tr("not available this turn")

    def explain(self, move_id: str) -> None:
        move = self.s.moves[move_id]
        self.heading(pick(move.name))
        if move.text:
            self.say(pick(move.text))
        effects = ", ".join(
            effect_word(self.s, e) if e.learn or e.gain else f"{track_label(self.s, e.track)} {e.shown()}"
            for e in move.effects
        )
        if effects:
            self.say(tr("Effects: {effects}", effects=effects))
        if move.roll:
            plus = f" + {readable(move.roll.plus, self.s, 'this turn', language())}" if move.roll.plus else ""
            dice = f"{move.roll.dice}{plus}"
            self.say(tr("Dice: {dice}, success on {target} or more.", dice=dice, target=move.roll.target))
        if move.offer:
            self.say(tr("An offer to {team}, who answers next turn.", team=self.name(move.offer.to)))
        self.teach(move.teach)

    def teach(self, teach: Teach | None) -> None:
        if teach is None:
            return
        for label, text in teach_lines(self.s, teach):
            self.say(f"{label}: {text}")

    def ending(self) -> None:
        outcome = self.state.outcome
        assert outcome is not None
        ending = self.s.endings.get(outcome.ending)
        name = pick(ending.name) if ending else tr("no named ending")
        self.heading(tr("The game is over: {ending}", ending=name))
        if ending is not None:
            if ending.text:
                self.say(pick(ending.text))
            if outcome.blamed:
                self.say(tr("The move that tipped it: {team}’s.", team=self.name(outcome.blamed)))
            self.teach(ending.teach)
        self.heading(tr("Scores"))
        for actor_id, actor in self.s.actors.items():
            if actor_id in self.s.umpires:  # format 2's umpire scores nothing
                continue
            met = outcome.met[actor_id]
            self.say(f"{pick(actor.name)}: {_points(outcome.scores[actor_id])}")
            for oid, objective in actor.objectives.items():
                self.say(f"[{'x' if oid in met else ' '}] {pick(objective.text)}", "    ")
        self.reveal()
        if self.s.questions:
            self.heading(tr("For the debrief"))
            for number, question in enumerate(self.s.questions, 1):
                self.say(f"{number}. {pick(question)}")
        self.report_hint()

    def reveal(self) -> None:
        """The tracks nobody (or only their owner) saw during play, turn by turn, as the debrief shows them."""
        debrief = build_debrief(self.s, self.session.states, self.session.logs)
        revealed = [track for track in debrief.tracks if track.revealed]
        if not revealed:
            return
        self.heading(tr("Hidden tracks, revealed"))
        for track in revealed:
            rung = track.rung_at(track.final)
            path = " → ".join(str(v) for v in track.values)
            start, end = f"{track.values[0]}{track.unit}", f"{track.final}{track.unit}" + (f" ({rung})" if rung else "")
            said = tr("{start} at the start, {end} at the end.", start=start, end=end)
            self.say(f"{track.label}: {said} " + tr("Turn by turn: {path}.", path=path), "  ")

    def report_hint(self) -> None:
        self.say()
        if self.save_path is None:
            return
        if self.saved:
            self.say(tr("The game is saved in"))
            self.line(self.save_path, "  ")
            self.say(tr("For the printable debrief report (charts, timeline, key moments):"))
            lang = "" if language() == SOURCE else f" --lang {language()}"
            self.line(f"deterrence report {shlex.quote(str(self.save_path))}{lang}", "  ")
        else:
            self.say(tr("The game could not be saved, so there is no report of it."))


def _rung(track: Track, value: int) -> str:
    below = [r for r in track.rungs if r <= value]
    return f" — {pick(track.rungs[max(below)])}" if below else ""


def _points(count: int) -> str:
    return ntr("{n} point", "{n} points", count)


def _span(cards: dict[int, str]) -> str:
    return tr("{low} to {high}", low=min(cards), high=max(cards)) if cards else tr("none")


# --- starting and continuing, for `deterrence play --text` -----------------------------------


def resume_command(save: Path | None, data_dir: str | None) -> str:
    """The command that continues this game, to tell the players when they stop."""
    command = "deterrence play --text --resume"
    if save is not None:
        return f"{command} --save {shlex.quote(str(save))}"
    return command + (f" --data-dir {shlex.quote(data_dir)}" if data_dir else "")


def may_write(path: Path, ask: Ask, out: TextIO, *, interactive: bool) -> bool:
    """Whether a new game may be saved into ``path``: an existing file is another game's (or not a save)."""
    if not path.exists():
        return True
    if path.is_dir():
        example = clean(path / "game.json")
        out.write(tr("{path} is a folder; give --save a file name, e.g. {example}", path=clean(path), example=example))
        out.write("\n")
        return False
    try:
        save = read_save(path)
        played = ntr("{n} turn played", "{n} turns played", len(save.turns))
        what = tr("a saved game of {scenario} ({played})", scenario=repr(save.scenario_id), played=played)
    except SaveError:
        what = tr("a file that is not a save of this game")
    if not interactive:
        out.write(
            tr("{path} already holds {what}; a new game will not overwrite it.", path=clean(path), what=clean(what))
        )
        out.write("\n" + tr("Give --save another file, or continue that game:"))
        out.write(f" deterrence play --text --resume --save {shlex.quote(str(path))}\n")
        return False
    out.write(tr("{path} already holds {what}.", path=clean(path), what=clean(what)) + "\n")
    try:
        answer = ask(tr("Overwrite it with this new game? y/N: ")).strip().lower()
    except EOFError:
        answer = ""
    return answer in YES


def open_last(data_dir: Path, save: Path | None, default_scenario: Path) -> tuple[Session | None, list[str]]:
    """The game to continue: the file given, else the newest save that opens; and what failed."""
    candidates = [save] if save is not None else autosave.saved_games(autosave.games_dir(data_dir))
    problems: list[str] = []
    for path in candidates:
        try:
            return autosave.open_session(path, default_scenario), problems
        except ScenarioError as error:
            first = error.problems[0] if error.problems else error
            problems.append(tr("{path}: its scenario has problems: {problem}", path=path, problem=first))
        except (SaveError, OSError) as error:
            problems.append(f"{path}: {save_problem(error)}")
    return None, problems


def play_resumed(
    data_dir: Path,
    save: Path | None,
    default_scenario: Path,
    *,
    ask: Ask,
    out: TextIO,
    terminal: bool,
    command: str,
) -> int:
    """`deterrence play --text --resume`: continue the last game (or the one in --save)."""
    session, problems = open_last(data_dir, save, default_scenario)
    for problem in problems:
        out.write(tr("Cannot continue {problem}", problem=clean(problem)) + "\n")
    if session is None:
        if not problems:
            out.write(tr("There is no saved game in {folder} yet.", folder=clean(autosave.games_dir(data_dir))) + "\n")
        out.write(tr("Start a new one:") + " deterrence play --text\n")
        return 1
    done = session.turns_done()
    title = clean(pick(session.scenario.title))
    if done == 0:
        said = tr("Continuing {scenario} before its first turn, saved in", scenario=title)
    else:
        said = tr("Continuing {scenario} after turn {turn}, saved in", scenario=title, turn=done)
    out.write(f"{said}\n  {clean(session.autosave)}\n")
    game = TextGame(session=session, ask=ask, out=out, terminal=terminal, resume_command=command)
    game.run(briefing=False)
    return 0


def play_new(
    scenario: Scenario,
    seats: dict[str, str],
    seed: int,
    *,
    data_dir: Path,
    save: Path | None,
    ask: Ask,
    out: TextIO,
    terminal: bool,
    interactive: bool,
    command: str,
) -> int:
    """`deterrence play --text`: a new game, saved after every turn (into --save, or the games folder)."""
    if save is not None and not may_write(save, ask, out, interactive=interactive):
        return 2
    path = save or autosave.new_save_path(autosave.games_dir(data_dir), scenario.id, seed)
    session = Session(scenario, seats, seed, autosave=path)
    TextGame(session=session, ask=ask, out=out, terminal=terminal, resume_command=command).run()
    return 0
