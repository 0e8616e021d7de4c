"""Bots that see the rules: a move weighed by playing the turn out with the engine, on a guessed world.

Reading a card's effects (``policies._Plan``, ``foresee``) misses what the rules do around them:
interactions with the other teams' moves, drift rules its change sets off (or stops), a roll
whose modifier counts the turn's other plays, an ending its move (or a move after it) triggers
and who is blamed for it, the next turn's scripted events. Here the bot builds a game state from
its view alone (its best guesses of the tracks, the public counts of plays, its own offers and
deals), guesses what the others will order from what they played so far (each of their cards
with the rate the view shows, a quarter when nothing is known yet), and resolves the turn with
``game.engine.turn.resolve_turn`` itself, once without a move and once with it, over a few
sampled worlds (dice and the others' orders), with the same samples for every move so that
chance falls on all of them alike. A move is worth the mean difference in the bot's utility.

A turn in rounds (format 2 ``phases``) is played out from the round the view awaits, with what its
earlier rounds did (``View.round``, ``View.so_far``): the awaited round with the bot's orders and its
teams' guessed ones, then each later round with guessed orders for its teams (``rest_of_turn``), to
the end of the turn: the replies the bot's move draws, the drift, the endings and who is blamed.

The bot still sees only its view: the state it resolves is made from the view's guesses, its
seeds from the bot's own generator, never from the game's (the noninterference test checks its
orders). It costs about (moves + 1) x samples resolutions a choice, so it is switched on only for
the scenarios whose rules reach beyond the cards (``applies``, worked out once per scenario):
format-1 games, the golden games among them, are chosen exactly as before.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from attrs import evolve

from game.bots.rulings import UmpireBot
from game.engine.errors import IllegalOrderError
from game.engine.purse import Wallet, purse_of
from game.engine.rng import DICE, Rng, derive
from game.engine.rounds import acting, is_last, rounds
from game.engine.state import GameState, Order, Outcome, PendingOffer
from game.engine.turn import can_play, env_of, resolve_turn
from game.engine.view import View, guesses
from game.engine.view import view as view_of
from game.scenario.expr import Call, Num, walk
from game.scenario.model import Scenario

#: Worlds sampled per choice where chance is involved (dice, the others' orders, an event card).
SAMPLES = 8
#: Worlds a modelled team samples when it plays the turn out in the bot's model of it.
MODEL_SAMPLES = 2
#: How likely another team is to play one of its cards when nothing is known of its play yet.
PRIOR = 0.25
#: No card of another team is counted on for sure: teams change their minds.
MOST_LIKELY = 0.9

_APPLIES: dict[int, tuple[Scenario, bool]] = {}


def applies(scenario: Scenario) -> bool:
    """Whether the scenario's rules reach beyond what its cards list (format 2 only), so that the
    objective bot must play the turn out to weigh a move; worked out once per scenario."""
    cached = _APPLIES.get(id(scenario))
    if cached is not None and cached[0] is scenario:
        return cached[1]
    rolls_read_plays = any(
        isinstance(node, Call) and node.func in ("played", "played_kind")
        for move in scenario.moves.values()
        if move.roll is not None and move.roll.plus is not None
        for node in walk(move.roll.plus.tree)
    )
    beyond = bool(
        scenario.interactions
        or scenario.drift
        or scenario.events
        or rolls_read_plays
        or any(e.immediate or e.losers or e.winners for e in scenario.endings.values())
    )
    found = scenario.format >= 2 and beyond
    if len(_APPLIES) > 64:
        _APPLIES.clear()
    _APPLIES[id(scenario)] = (scenario, found)
    return found


def guessed_state(scenario: Scenario, view: View, seed: int) -> GameState:
    """A game state made from the view only: tracks at their best guesses (a range's middle), the
    counts of plays everyone saw, the viewer's own plays, offers and deals; in a turn in rounds, the
    round the view awaits and what the turn's earlier rounds did; ``seed`` rolls its dice."""
    tracks = {}
    for ref, guess in guesses(view).items():
        track = scenario.all_tracks.get(ref)
        if track is None:  # a fact (format 2), 0 or 1, kept with the tracks but not one of them
            tracks[ref] = int(guess + 0.5)
            continue
        tracks[ref] = min(track.max, max(track.min, int(guess + 0.5)))
    me = view.actor
    plays = {f"{me}:{move}": n for move, n in view.plays.items()}
    for move_id, n in view.ever.items():  # another team's card: its limit counts its plays, all seen
        by = scenario.moves[move_id].by
        if me not in by and len(by) == 1:
            plays[f"{by[0]}:{move_id}"] = n
    offers = (*view.offers_to_me, *view.my_offers)
    next_offer = 1 + max((o.id for o in offers), default=0)
    state = GameState(  # every field, in order
        seed, view.turn, view.turn_range[1], tracks, {}, offers, view.agreements, view.tokens, plays,
        dict(view.ever), dict(view.last_played), dict(view.last_kinds), frozenset(view.events), view.events, (),
        next_offer, None, {me: view.budget}, DICE, {}, view.round, view.so_far,
    )  # fmt: skip
    return evolve(state, budgets=_guessed_amounts(scenario, view, state))


def _guessed_amounts(scenario: Scenario, view: View, state: GameState) -> dict[str, int]:
    """What each team holds of each resource in the guessed world: the viewer's own, the others' public
    amounts, and for the rest what they get a turn (worked out on the guessed tracks)."""
    purse = purse_of(scenario)
    env = env_of(state)
    out: dict[str, int] = {}
    for actor, keys in purse.keys.items():
        if actor == view.actor:
            amounts: Sequence[int] = view.purse or (view.budget,)
        else:
            seen = view.purses.get(actor) if view.purses else None
            amounts = []
            for index, (fixed, run) in enumerate(purse.per_turn[actor]):
                shown = seen[index] if seen is not None else None
                amounts.append(shown if shown is not None else max(0, run(env)) if fixed is None else fixed)
        out.update(zip(keys, amounts, strict=False))
    return out


def likelihoods(scenario: Scenario, view: View) -> dict[str, dict[str, float]]:
    """For each other team, how likely it is to play each of its cards this turn, from what the view
    shows of its play so far: the share of turns it played the card, last turn's play counting twice."""
    me, turn = view.actor, view.turn
    out: dict[str, dict[str, float]] = {}
    for actor in scenario.actors:
        if actor == me:
            continue
        odds = {}
        for move_id in scenario.moves_of(actor):
            shared = me in scenario.moves[move_id].by  # the counts mix the viewer's plays in
            ever = view.ever.get(move_id, 0) - (view.plays.get(move_id, 0) if shared else 0)
            last = 0 if shared else view.last_played.get(move_id, 0)
            odds[move_id] = min(MOST_LIKELY, (PRIOR + max(0, ever) + last) / turn)
        out[actor] = odds
    return out


def _others(
    scenario: Scenario, state: GameState, me: str, odds: Mapping[str, Mapping[str, float]], rng: Rng
) -> dict[str, list[Order]]:
    """One guess at the orders of the other teams who order in the state's round: each card drawn with its
    odds, kept while its team can pay; my offers their targets answer now, answered either way."""
    orders: dict[str, list[Order]] = {}
    now = acting(scenario, state)
    for actor, cards in odds.items():
        if actor not in now:
            continue
        if actor in scenario.umpires:  # the umpire rules by the scenario's rule, not by habit
            orders[actor] = UmpireBot().choose(scenario, view_of(scenario, state, actor), rng)
            continue
        purse = _wallet(scenario, state, actor)
        chosen: list[Order] = []
        for move_id, p in cards.items():
            drawn = rng.random() < p and purse.fits(move_id)
            if drawn and can_play(scenario, state, actor, move_id) is None:
                chosen.append(Order(move_id))
                purse.take(move_id)
        orders[actor] = chosen
    for offer in _my_offers_answered_now(state, me, now):
        if offer.to in scenario.umpires:  # answered by its bot above
            continue
        accepted = rng.random() < 0.5
        orders.setdefault(offer.to, []).append(Order(offer.move, offer.id, "accept" if accepted else "reject"))
    return orders


def _my_offers_answered_now(state: GameState, me: str, now: tuple[str, ...]) -> list[PendingOffer]:
    """My last turn's offers whose targets order in this round: each is answered in the first round its
    target orders in, and leaves the state once answered."""
    return [o for o in state.offers if me in o.by and o.turn == state.turn - 1 and o.to in now]


def _modelled(
    scenario: Scenario, state: GameState, me: str, odds: Mapping[str, Mapping[str, float]], seed: int, depth: int
) -> dict[str, list[Order]]:
    """The orders of the other teams who order in the state's round as an objective bot in each seat would
    give them, each seeing the guessed state as that team would, and the cards each has made a habit of
    (played in at least half its turns so far) if it can still pay: a model of a team that thinks too.
    ``depth`` 1: that bot plays the turn out too, on fewer worlds, modelling the others in its turn as
    card readers; 0: it reads its cards."""
    from game.bots.policies import ObjectiveBot  # policies imports this module

    orders = {}
    for actor in acting(scenario, state):
        if actor == me:
            continue
        temperament = _temperament_of(scenario, actor)
        bot: UmpireBot | ObjectiveBot = (
            UmpireBot()  # it rules by the scenario's rule: its own bot is the model
            if actor in scenario.umpires
            else ObjectiveBot(temperament, samples=MODEL_SAMPLES, depth=0)
            if depth > 0
            else ObjectiveBot(temperament, blind=True)
        )
        purpose = f"{actor}{rounds(scenario)[state.round].suffix}"
        chosen = bot.choose(scenario, view_of(scenario, state, actor), derive(seed, state.turn, purpose))
        purse = _wallet(scenario, state, actor)
        for order in chosen:
            if order.answer is None:
                purse.take(order.move)
        taken = {o.move for o in chosen}
        for move_id, p in odds.get(actor, {}).items():
            fits = p >= 0.5 and move_id not in taken and purse.fits(move_id)
            if fits and can_play(scenario, state, actor, move_id) is None:
                chosen.append(Order(move_id))
                purse.take(move_id)
        orders[actor] = chosen
    return orders


def rest_of_turn(
    scenario: Scenario,
    state: GameState,
    me: str,
    odds: Mapping[str, Mapping[str, float]],
    seed: int,
    habits: bool,
) -> GameState:
    """The turn played on from a resolved round to its end (format 2 ``phases``): each later round's
    teams order, the round resolves, until the last round's upkeep (drift, endings, the next turn's
    events) or an ending. The others order as card-reading bots in their seats would, or (``habits``)
    as they have played so far; the bot itself, when it orders again, reads its cards."""
    from game.bots.policies import ObjectiveBot  # policies imports this module

    while not state.over and state.round > 0:  # round 0: the next turn has begun
        suffix = rounds(scenario)[state.round].suffix
        if habits:
            orders = _others(scenario, state, me, odds, derive(seed, state.turn, f"others:{me}{suffix}"))
        else:
            orders = _modelled(scenario, state, me, odds, seed, 0)
        if me in acting(scenario, state):
            bot = ObjectiveBot(_temperament_of(scenario, me), blind=True)
            orders[me] = bot.choose(scenario, view_of(scenario, state, me), derive(seed, state.turn, me + suffix))
        state = resolve_turn(scenario, state, orders, explain=False).state
    return state


def _wallet(scenario: Scenario, state: GameState, actor: str) -> Wallet:
    """What a team may still pay this turn in the guessed world: every resource and cap, as the rules count."""
    purse = purse_of(scenario)
    return Wallet(purse, purse.amounts(state.budgets, actor))


def _temperament_of(scenario: Scenario, actor: str) -> str:
    """The temperament of a team's default bot, as the scenario says (a strategy or random: a pragmatist)."""
    policy, _, name = scenario.actors[actor].bot.partition(":")
    return name if policy == "objective" and name else "pragmatist"


class Judge:
    """The actor's utility of a turn's result: ``ObjectiveBot.utility``'s terms, read with the outcome.

    An ending the actor loses (named in ``losers``, blamed when ``blamed`` loses, or one everyone
    loses) is its worst result, as its temperament weighs it; an ending it does not lose is no
    danger to it (``policies._deadly`` must fear a ``blamed`` ending for every team, not knowing
    who will be blamed; the engine knows).
    """

    def __init__(self, scenario: Scenario, actor: str, risk: float) -> None:
        from game.bots.policies import _deadly_endings, gap_of  # policies imports this module

        self.scenario, self.actor, self.risk = scenario, actor, risk
        self.objectives = [(gap_of(obj.when.tree), obj.points) for obj in scenario.actors[actor].objectives.values()]
        self.dangers = [(eid, gap_of(when.tree), weight) for eid, when, weight in _deadly_endings(scenario, actor)]
        self.most = scenario.actors[actor].max_points
        self.worst = float(sum(abs(points) for _, points in self.objectives))  # every objective missed by far

    def lost(self, outcome: Outcome) -> bool:
        ending = self.scenario.endings.get(outcome.ending)
        return (ending is not None and ending.everyone_loses) or self.actor in outcome.losers

    def loss(self, outcome: Outcome) -> float:
        """How bad a lost ending is: its weight as a danger, or every point gone and its own penalty."""
        for ending_id, _, weight in self.dangers:
            if ending_id == outcome.ending:
                return self.risk * weight
        return self.risk * max(4.0, float(self.most - min(0, outcome.scores.get(self.actor, 0))))

    def value(self, world: Mapping[str, float], turn: int, outcome: Outcome | None) -> float:
        """The utility of a resolved turn: objectives met or near, dangers near; a lost ending is worse
        than any world the game goes on in, by as much as the temperament fears it.

        An objective missed by ``gap`` counts ``-points * (1 - e^(-gap/4))``: about ``policies``'
        ``-0.25 * gap * points`` for a near miss, but never below ``-points``; so a world far behind
        is not worse than losing the game (a bot far behind would otherwise gamble on a war it loses).
        """
        if outcome is not None and self.lost(outcome):
            return -self.worst - self.loss(outcome)
        total = 0.0
        for gap_fn, points in self.objectives:
            gap = gap_fn(world, turn)
            total += points if gap == 0 else -points * (1.0 - math.exp(-0.25 * gap))
        if outcome is not None:  # over, and not lost: no danger left
            return total
        for _, gap_fn, weight in self.dangers:
            near = 3.0 - gap_fn(world, turn)
            if near > 0.0:
                total -= self.risk * weight * near * near / 9.0
        return total


_JUDGES: dict[tuple[int, str, float], tuple[Scenario, Judge]] = {}


def judge(scenario: Scenario, actor: str, risk: float) -> Judge:
    """The actor's judge under a temperament's risk, made once per scenario."""
    cached = _JUDGES.get((id(scenario), actor, risk))
    if cached is None or cached[0] is not scenario:
        if len(_JUDGES) > 64:
            _JUDGES.clear()
        cached = _JUDGES[(id(scenario), actor, risk)] = (scenario, Judge(scenario, actor, risk))
    return cached[1]


def world_after(state: GameState, counts: Sequence[tuple[str, str, str]]) -> dict[str, float]:
    """The guessed world of a resolved turn: its tracks, and the counts of plays the bot's terms read."""
    world: dict[str, float] = {ref: float(v) for ref, v in state.tracks.items()}
    for key, func, arg in counts:
        source = state.ever if func == "ever" else state.last_played if func == "played" else state.last_kinds
        world[key] = float(source.get(arg, 0))
    return world


def gains(
    scenario: Scenario,
    view: View,
    candidates: Sequence[Order],
    answers: Sequence[Order],
    judge: Judge,
    counts: Sequence[tuple[str, str, str]],
    seed: int,
    samples: int = SAMPLES,
    depth: int = 1,
) -> dict[Order, float]:
    """What each candidate order adds to the actor's utility, the turn resolved by the rules on the guessed
    world, against the same turn without it (``answers``: the offers' answers, given either way)."""
    me = view.actor
    odds = likelihoods(scenario, view)
    chance = any(0.0 < p < 1.0 for cards in odds.values() for p in cards.values()) or bool(view.my_offers)
    dice = _chancy(scenario)  # without dice or event cards, a world is decided by the others' orders alone
    runs = samples if chance or dice else 2
    start = guessed_state(scenario, view, seed)
    later = not is_last(scenario, start)  # format 2 phases: rounds still to come after this one
    modelled = _modelled(scenario, start, me, odds, seed, depth)
    worlds: dict[object, tuple[GameState, dict[str, list[Order]], int, Later]] = {}  # alike worlds resolved once
    for k in range(runs):
        state = evolve(start, seed=seed + k) if dice else start
        habits = k % 2 == 1  # half the worlds: the others play as they have so far; half, as a bot would
        draw = derive(seed + k, view.turn, f"others:{me}") if habits else None
        others = _others(scenario, state, me, odds, draw) if draw is not None else modelled
        rest = _later(scenario, me, odds, seed + k, habits) if later else None
        key: object = k if dice or later else tuple(sorted((a, tuple(o)) for a, o in others.items()))
        known = worlds.get(key)
        worlds[key] = (state, others, 1 + (known[2] if known else 0), rest)
    totals = dict.fromkeys(candidates, 0.0)
    for state, others, times, rest in worlds.values():
        base = _resolved(scenario, state, {**others, me: list(answers)}, judge, counts, rest)
        if base is None:  # the guessed world refuses even the answers: nothing to learn here
            return dict.fromkeys(candidates, 0.0)
        for order in candidates:
            mine = [a for a in answers if a.offer != order.offer] if order.offer is not None else list(answers)
            after = _resolved(scenario, state, {**others, me: [*mine, order]}, judge, counts, rest)
            totals[order] += times * ((after if after is not None else base) - base)
    return {order: total / runs for order, total in totals.items()}


#: The rest of a turn in rounds, played on from a resolved round (``rest_of_turn`` with one world's guesses).
Later = Callable[[GameState], GameState] | None


def _later(
    scenario: Scenario, me: str, odds: Mapping[str, Mapping[str, float]], seed: int, habits: bool
) -> Callable[[GameState], GameState]:
    return lambda state: rest_of_turn(scenario, state, me, odds, seed, habits)


def _resolved(
    scenario: Scenario,
    state: GameState,
    orders: Mapping[str, Sequence[Order]],
    judge: Judge,
    counts: Sequence[tuple[str, str, str]],
    rest: Later = None,
) -> float | None:
    """The judge's value of the turn resolved with these orders, to the end of the turn (``rest``: its later
    rounds, format 2 phases), or None when the guessed world refuses them."""
    try:
        after = resolve_turn(scenario, state, orders, explain=False).state
        if rest is not None:
            after = rest(after)
    except IllegalOrderError:  # a condition that holds in truth may not in the guesses
        return None
    return judge.value(world_after(after, counts), state.turn, after.outcome)


def _chancy(scenario: Scenario) -> bool:
    """Whether a turn of the scenario can go more than one way: dice, or an event card drawn."""
    chance = scenario.event_chance.tree
    never = isinstance(chance, Num) and chance.value <= 0
    return any(m.roll is not None for m in scenario.moves.values()) or not never
