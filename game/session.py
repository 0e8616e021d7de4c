"""A game at the table: who plays which seat, whose turn to order, history, autosave.

No pygame here: the board-game scenes drive a Session, the team devices' server (game/net)
drives the same one, and tests drive it directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from game.bots.policies import make_bot, shown
from game.engine.dialogue import MAX_DIALOGUE, Message
from game.engine.rng import derive
from game.engine.rounds import Round, acting, current
from game.engine.save import SaveGame, replay, start_save, write_save
from game.engine.state import GameState, Intervention, LogEntry, Order, TurnResult
from game.engine.turn import idle, intervene, new_game, resolve_turn
from game.engine.view import View, view
from game.played import keep_scenario
from game.scenario.model import Scenario

HUMAN = "human"


class Session:
    """One game: the scenario, the seats, every state so far and each turn's log."""

    def __init__(
        self,
        scenario: Scenario,
        seats: dict[str, str],
        seed: int,
        *,
        autosave: Path | None = None,
        save: SaveGame | None = None,
    ) -> None:
        self.scenario = scenario
        self.seats = dict(seats)
        self.seed = seed
        self.autosave = autosave
        if save is None:
            self.save = start_save(scenario, seed, seats)
            first = new_game(scenario, seed, seats)
            self.states: list[GameState] = [first]
            self.logs: list[tuple[LogEntry, ...]] = [first.event_log]
        else:
            self.save = save
            replayed = replay(scenario, save)
            self.states, self.logs = list(replayed.states), list(replayed.logs)
        self.orders: dict[str, list[Order]] = {}
        # Why the last autosave could not be written (None: it was). The game goes on: the
        # whole save stays in memory, and the next keep() writes every turn it holds.
        self.unsaved: str | None = None

    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def humans(self) -> list[str]:
        return [actor for actor, seat in self.seats.items() if seat == HUMAN]

    @property
    def round(self) -> Round:
        """The round whose orders are awaited (format 2 phases; without them, the turn's one round)."""
        return current(self.scenario, self.state)

    def acting(self) -> tuple[str, ...]:
        """The teams who order now (all of them, unless the turn is in rounds)."""
        return acting(self.scenario, self.state)

    def idle(self, actor: str) -> bool:
        """Whether the team has nothing to order now but "pass": it gets no orders screen."""
        return idle(self.scenario, self.state, actor)

    def waiting_for(self) -> list[str]:
        """Human teams that still have to give this round's orders, in seat order: not the teams who
        do not order in it, nor those with nothing to play (their empty orders are given for them)."""
        now = self.acting()
        return [a for a in self.humans if a in now and a not in self.orders and not self.idle(a)]

    def sitting_out(self) -> list[str]:
        """Human teams of this round with nothing they can play: their orders screen is skipped, so
        the class is told why (the same teams the devices' hub does not wait for)."""
        now = self.acting()
        return [a for a in self.humans if a in now and self.idle(a)]

    def view_of(self, actor: str) -> View:
        return view(self.scenario, self.state, actor)

    def give_orders(self, actor: str, orders: Sequence[Order]) -> None:
        self.orders[actor] = list(orders)

    def bot_orders(self) -> dict[str, list[Order]]:
        chosen = {}
        now, suffix = self.acting(), self.round.suffix
        for actor, seat in self.seats.items():
            if seat != HUMAN and actor in now:
                bot = make_bot(seat, self.scenario)
                rng = derive(self.seed, self.state.turn, f"bot:{actor}{suffix}")
                chosen[actor] = bot.choose(self.scenario, shown(bot)(self.scenario, self.state, actor), rng)
        return chosen

    def resolve(self) -> TurnResult:
        """Resolve the round (the turn, without phases) with the humans' orders and the bots'; autosave it.

        A human team with nothing to play was never asked: its orders are the empty ones it would give.
        """
        skipped: dict[str, list[Order]] = {a: [] for a in self.humans if a in self.acting() and a not in self.orders}
        orders: dict[str, list[Order]] = {**self.bot_orders(), **skipped, **self.orders}
        result = resolve_turn(self.scenario, self.state, orders)
        self.save = self.save.with_turn(orders)
        self.states.append(result.state)
        self.logs.append(result.log)
        self.orders = {}
        self.keep()
        return result

    def keep(self) -> bool:
        """Autosave the game; False (and ``unsaved`` says why) if the file could not be written."""
        if self.autosave is None:
            return True
        try:
            write_save(self.autosave, self.save, keep_previous=True)
        except OSError as error:
            self.unsaved = f"could not write in {self.autosave.parent} ({error.strerror or error})"
            return False
        self.unsaved = None
        keep_scenario(self.autosave, self.scenario)  # once per version: the game opens even if the file changes
        return True

    def save_in(self, folder: Path) -> bool:
        """Autosave into another folder from now on, starting with the whole game now."""
        name = self.autosave.name if self.autosave is not None else "autosave.json"
        self.autosave = folder / name
        return self.keep()

    # --- the talks before the orders (team devices) -------------------------------------------

    @property
    def dialogue(self) -> tuple[Message, ...]:
        return self.save.dialogue

    def say(self, message: Message) -> bool:
        """Record what a team said (kept in the save, autosaved with the next keep); False when full."""
        if len(self.save.dialogue) >= MAX_DIALOGUE:
            return False
        self.save = self.save.with_message(message)
        return True

    def next_message_id(self) -> int:
        return self.save.dialogue[-1].id + 1 if self.save.dialogue else 1

    # --- the teacher's controls ---------------------------------------------------------------

    def intervene(self, action: Intervention) -> TurnResult:
        """Apply a teacher's intervention to the turn in progress; it is saved and replayed."""
        result = intervene(self.scenario, self.state, action)
        self.save = self.save.with_intervention(action)
        self.states[-1] = result.state
        self.logs[-1] = (*self.logs[-1], *result.log)
        self.keep()
        return result

    def undo(self) -> bool:
        """Take back the last resolved turn (and what the teacher did after it); False if none."""
        if len(self.states) < 2:
            return False
        self.save = self.save.without_last_turn()
        self.states.pop()
        self.logs.pop()
        self.orders = {}
        self.keep()
        return True

    def last_orders(self) -> dict[str, tuple[Order, ...]]:
        """Every team's orders in the last resolved turn, bots' included."""
        return dict(self.save.turns[-1]) if self.save.turns else {}

    def turns_done(self) -> int:
        """How many turns were completed: with rounds, a turn counts once its last round is resolved."""
        return sum(1 for state in self.states[1:] if state.round == 0 and not state.over) + self.state.over

    def turn_log(self, turn: int) -> list[LogEntry]:
        """Everything that happened in a turn: its events, then its resolution (every round of it)."""
        return [e for log in self.logs for e in log if e.turn == turn]

    def history(self, ref: str) -> list[int]:
        """A track's value at the start of every turn, and at the end."""
        return [state.tracks[ref] for state in self.states]
