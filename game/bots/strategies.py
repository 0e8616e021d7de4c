"""Strategies: the ways a class might play a team, declared in the scenario, played as bots.

A strategy plays its `prefer` cards first, never plays its `never` cards, answers offers as
its `answers` say, and leaves the rest to a base bot (the team's own, or the one it names),
which sees the same view with what the strategy already decided taken out of it.
The dominance search also generates simple strategies of its own from a team's cards.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import attrs

from game.engine.purse import Wallet, wallet
from game.engine.rng import Rng
from game.engine.state import Order
from game.engine.view import View
from game.i18n import LANGUAGES, pick, speaking, tr
from game.scenario.model import TEMPERAMENTS, Scenario, Strategy, Text

PREFIX = "strategy:"
KIND_PREFIX = "kind:"
#: Ids of generated strategies start with this, which no id in a file can (ids start with a letter).
GENERATED = "_"


def moves_matching(scenario: Scenario, actor: str, entry: str) -> tuple[str, ...]:
    """The actor's moves an entry of `prefer` or `never` stands for: one move, or a kind's moves."""
    if entry.startswith(KIND_PREFIX):
        kind = entry.removeprefix(KIND_PREFIX)
        return tuple(mv for mv in scenario.moves_of(actor) if scenario.moves[mv].kind == kind)
    return (entry,) if actor in scenario.moves[entry].by else ()


def seat_of(scenario: Scenario, plan: str) -> str:
    """The seat spec of a profile's entry: a strategy's id becomes strategy:ID, a bot spec stays."""
    return f"{PREFIX}{plan}" if plan in scenario.strategies else plan


class StrategyBot:
    """Plays one of the scenario's strategies (looked up by id when it chooses)."""

    def __init__(self, strategy_id: str) -> None:
        self.strategy_id = strategy_id
        self.name = f"{PREFIX}{strategy_id}"

    def choose(self, scenario: Scenario, view: View, rng: Rng) -> list[Order]:
        from game.bots.policies import make_bot  # the base bot: policies import this module

        strategy = scenario.strategies[self.strategy_id]
        actor = view.actor
        banned = {mv for entry in strategy.never for mv in moves_matching(scenario, actor, entry)}
        legal = [o for o in view.orders if o.move not in banned or o.answer in ("accept", "reject")]
        decided: list[Order] = []
        answered: set[int] = set()
        purse = wallet(scenario, view.purse or (view.budget,))  # every resource, and the caps per kind
        taken: set[str] = set()
        for offer in view.offers_to_me:
            rule = strategy.answers.get(offer.move, strategy.answers.get("*"))
            if rule is None:
                continue
            answered.add(offer.id)
            if rule == "ignore":
                continue
            kind = rule if rule in ("accept", "reject") else "counter"
            for order in legal:
                if order.offer == offer.id and order.answer == kind and (kind != "counter" or order.move == rule):
                    if kind != "counter":
                        decided.append(order)
                    elif purse.fits(order.move) and order.move not in taken:
                        decided.append(order)
                        purse.take(order.move)
                        taken.add(order.move)
                    break
        plays = {o.move: o for o in legal if o.offer is None}
        for entry in strategy.prefer:
            for move_id in moves_matching(scenario, actor, entry):
                play = plays.get(move_id)
                if play is not None and move_id not in taken and purse.fits(move_id):
                    decided.append(play)
                    taken.add(move_id)
                    purse.take(move_id)
        if strategy.only:
            return decided
        rest = attrs.evolve(
            view,
            budget=purse.left[0],
            purse=tuple(purse.left),
            orders=tuple(o for o in legal if o.move not in taken and (o.offer is None or o.offer not in answered)),
            offers_to_me=tuple(o for o in view.offers_to_me if o.id not in answered),
        )
        base = make_bot(strategy.bot or scenario.actors[actor].bot)
        chosen = base.choose(scenario, rest, rng)
        if purse.room:  # the base bot knows nothing of the kinds already played: keep to the caps
            chosen = [o for o in chosen if o.answer in ("accept", "reject") or _fits(purse, o.move)]
        return [*decided, *chosen]


def _fits(purse: Wallet, move_id: str) -> bool:
    """Take the move from the wallet if it fits."""
    if not purse.fits(move_id):
        return False
    purse.take(move_id)
    return True


def generated(scenario: Scenario, actor: str) -> dict[str, Strategy]:
    """Simple strategies made from a team's cards, for the dominance search: favour each move,
    only or never each kind of move, each temperament, and random."""
    moves = scenario.moves_of(actor)
    kinds = [k for k in scenario.kinds if any(scenario.moves[mv].kind == k for mv in moves)]
    out: dict[str, Strategy] = {}

    def add(key: str, name: Callable[[], str], **keys: object) -> None:
        out[f"{GENERATED}{actor}_{key}"] = Strategy(actor=actor, name=_in_every_language(name), **keys)  # type: ignore[arg-type]

    for move_id in moves:
        add(f"favour_{move_id}", partial(_always, scenario.moves[move_id].name), prefer=(move_id,))
    for kind in kinds:
        label, only = scenario.kinds[kind].name, (f"{KIND_PREFIX}{kind}",)
        add(f"only_{kind}", partial(_only, label), prefer=only, only=True)
        add(f"never_{kind}", partial(_never, label), never=only)
    for temperament in [*TEMPERAMENTS, *scenario.temperaments]:
        add(f"bot_{temperament}", partial(_objective_bot, temperament), bot=f"objective:{temperament}")
    add("bot_random", _random, bot="random")
    return out


# The names of generated strategies, in the current language.
def _always(move: Text) -> str:
    return tr("Always {move}", move=pick(move))


def _only(kind: Text) -> str:
    return tr("Only {kind}", kind=pick(kind))


def _never(kind: Text) -> str:
    return tr("Never {kind}", kind=pick(kind))


def _objective_bot(temperament: str) -> str:
    return tr("Objective bot, {temperament}", temperament=temperament)


def _random() -> str:
    return tr("Random")


def _in_every_language(name: Callable[[], str]) -> Text:
    """A generated strategy's name as a scenario text, said in each language the game speaks."""
    values = {}
    for lang in LANGUAGES:
        with speaking(lang):
            values[lang] = name()
    return Text(values)


def with_generated(scenario: Scenario) -> Scenario:
    """The scenario with every team's generated strategies added (ids starting with '_')."""
    extra = {sid: st for actor in scenario.actors for sid, st in generated(scenario, actor).items()}
    return attrs.evolve(scenario, strategies={**scenario.strategies, **extra})
