"""The rules: start a game, list legal orders, resolve a turn.

A turn, in the order the rules apply it:

1. **Events** (computed at the end of the previous turn, so players see them before
   ordering): scripted events of this turn, conditional events whose condition holds,
   then with ``event_chance`` percent one random card drawn by weight.
2. **Orders**: every actor secretly picks moves within its budget (political capital,
   refreshed each turn), each move at most once; answers to offers are free.
3. **Resolution**: answers to pending offers first, in the order they were made
   (unanswered offers count as ignored); then moves, ordered by kind (as the scenario
   declares its kinds), then actor, then move, each applying its effects, then its dice
   roll, offer and token; playing a move paused by an agreement breaks it. Joint moves
   happen once, when every actor in ``by`` ordered them; otherwise nobody pays. An offer its
   target accepted in advance (``Order(move, THIS_TURN, "accept")``, a deal agreed in the talks)
   is accepted right after it is made; if it is not made, the standing answer lapses (logged).
   Then interactions (moves that met this turn).
4. **Upkeep**: drift rules in order, agreements and tokens run out, immediate endings
   are checked (also right after the interactions), then the last turn's ending.

Every change of a track is a log entry that says why. Nobody reads the log of a simulated
game, so ``explain=False`` switches the writing off (the same rules run, only the words and
entries are not made): a bot game then costs about half as much.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial

from attrs import evolve

from game.engine import effects
from game.engine import rng as dice
from game.engine.errors import GameOverError, IllegalOrderError
from game.engine.facts import fact_entry
from game.engine.purse import Purse, purse_of
from game.engine.rounds import rounds
from game.engine.sight import may_hold, unseen_reads
from game.engine.state import (
    THIS_TURN,
    ActiveAgreement,
    Arg,
    GameState,
    Intervention,
    LogEntry,
    Msg,
    Order,
    Outcome,
    PendingOffer,
    Ref,
    TokenState,
    TurnResult,
    TurnSoFar,
)
from game.i18n import N_
from game.scenario.expr import Expr, Num
from game.scenario.model import Effect, Event, Interaction, Move, Scenario, Token, fact_id, fact_ref
from game.scenario.readable import readable


class Env:
    """What expressions read: tracks, the turn, and which moves were played."""

    __slots__ = ("ever", "played", "played_kinds", "tracks", "turn")

    def __init__(
        self,
        tracks: dict[str, int],
        turn: int,
        played: dict[str, int],
        played_kinds: dict[str, int],
        ever: dict[str, int],
    ) -> None:
        self.tracks = tracks
        self.turn = turn
        self.played = played
        self.played_kinds = played_kinds
        self.ever = ever


def env_of(state: GameState) -> Env:
    """The environment at the start of a turn: `played` means last turn.

    Expressions only read it, so the last state's is kept and shared: every view of a turn and the
    check of its orders read the same state (a state is never changed once made).
    """
    global _LAST_ENV
    last = _LAST_ENV  # one read of a tuple: another thread's update is seen whole or not at all
    if last[0] is state:
        return last[1]
    env = Env(state.tracks, state.turn, state.last_played, state.last_kinds, state.ever)
    _LAST_ENV = (state, env)
    return env


_LAST_ENV: tuple[object, Env] = (None, Env({}, 0, {}, {}, {}))


# --- starting ------------------------------------------------------------------------------


def new_game(
    scenario: Scenario,
    seed: int,
    seats: Mapping[str, str] | None = None,
    *,
    dice_kind: int = dice.DICE,
    explain: bool = True,
) -> GameState:
    """A fresh game; turn 1's events have already happened.

    ``dice_kind``: the generator the game rolls with (``rng.LEGACY_DICE`` for old saves).
    ``explain=False``: no event log (for games nobody reads, such as simulations).
    """
    low, high = scenario.turn_range
    end_turn = dice.derive(seed, 0, "end", dice_kind).randint(low, high) if high > low else high
    tables = _tables(scenario)
    # every field, in order (no defaults made by factories: a bot game starts here)
    state = GameState(
        seed, 1, end_turn, tables.start, dict(seats or {}), (), (), (), {}, {}, {}, {}, frozenset(), (), (), 1,
        None, {}, dice_kind,
    )  # fmt: skip
    work = _Turn(scenario, state, explain)  # copies the start's tracks: the tables' dict is never changed
    return work.open_turn(1, 0)


# --- what may be ordered ---------------------------------------------------------------------


def budget(scenario: Scenario, state: GameState, actor: str) -> int:
    """Political capital the actor may spend this turn."""
    cash = state.budgets.get(actor)
    if cash is None:
        cash = max(0, scenario.actors[actor].budget(env_of(state)))
    return cash


def purse(scenario: Scenario, state: GameState, actor: str) -> tuple[int, ...]:
    """What the actor holds of each resource this turn, in ``scenario.resource_ids`` order."""
    tables = _tables(scenario)
    if tables.purse is None:
        return (budget(scenario, state, actor),)
    return tables.purse.amounts(state.budgets, actor)


def can_play(scenario: Scenario, state: GameState, actor: str, move_id: str, env: Env | None = None) -> str | None:
    """Why the actor cannot play the move now, or None if it can."""
    move = scenario.moves.get(move_id)
    if move is None:
        return f"there is no move {move_id!r}"
    if actor not in move.by:
        return f"{actor} cannot play {move_id}"
    if scenario.phases and not _tables(scenario).rounds[state.round].allows(actor, move.kind):
        return f"{move_id} cannot be played in this round"  # format 2: not its team's round, or not its kind
    if move.limit is not None and state.plays.get(f"{actor}:{move_id}", 0) >= move.limit:
        return f"{move_id} may be played only {move.limit} time(s) per game"
    requires = _tables(scenario).options[actor][move_id][2]  # a secret it reads counts as it might be
    if requires is not None and not requires(env or env_of(state)):
        return f"{move_id} needs {move.requires.source}"  # type: ignore[union-attr]
    spend = _tables(scenario).purse
    if spend is not None:
        return spend.why_not(spend.amounts(state.budgets, actor), move_id)
    if move.cost > budget(scenario, state, actor):  # type: ignore[operator]  # format 1: a number
        return f"{move_id} costs {move.cost}, more than the budget"
    return None


def legal_moves(scenario: Scenario, state: GameState, actor: str) -> list[Order]:
    """Every order the actor may give this turn: moves first, then answers to offers."""
    return legal_within(scenario, state, actor, budget(scenario, state, actor))


def legal_within(scenario: Scenario, state: GameState, actor: str, cash: int) -> list[Order]:
    """legal_moves, given the actor's budget this turn (a view has worked it out already)."""
    if state.outcome is not None:  # over
        return []
    tables = _LAST_TABLES  # _tables(), its usual case written out: five views a turn ask
    if tables is None or tables.scenario is not scenario:
        tables = _tables(scenario)
    options = tables.options_in[state.round].get(actor)
    if options is None:  # not its round (format 2 phases), or no actor of the scenario
        return []
    if tables.purse is not None:  # format 2: every resource, and the budget-0 rule (format 1's loop stays lean)
        return _legal_spending(scenario, state, actor, cash, options, tables.purse)
    affordable = tables.affordable.get((state.round, actor, cash))
    if affordable is None:
        affordable = _affordable(tables, state.round, actor, cash)
    plays, conditional = affordable
    played = state.plays
    if conditional:  # _open's tests, from the tables: a limit, then a condition (read in the state's env)
        last = _LAST_ENV  # env_of(), its usual case written out
        env = last[1] if last[0] is state else env_of(state)
        orders = [
            order
            for limit, requires, key, order in plays
            if (limit is None or played.get(key, 0) < limit) and (requires is None or requires(env))
        ]
    else:
        env = None
        orders = [order for limit, _, key, order in plays if limit is None or played.get(key, 0) < limit]
    if not state.offers:  # most views: no answer to add
        return orders
    return _with_answers(scenario, state, actor, orders, env, (options, cash), tables)


def _affordable(tables: _Tables, round_index: int, actor: str, cash: int) -> _Affordable:
    """The actor's options it can pay for out of ``cash`` in a round, in file order, made once per budget:
    (limit, condition, "actor:move", order) each, and whether any has a condition."""
    if len(tables.affordable) > 4096:  # budgets worked out by a formula may take many values
        tables.affordable.clear()
    plays = tuple(
        (limit, requires, key, order)
        for cost, limit, requires, key, order in tables.options_in[round_index][actor].values()
        if cost <= cash
    )
    found = tables.affordable[(round_index, actor, cash)] = (plays, any(p[1] is not None for p in plays))
    return found


def _legal_spending(
    scenario: Scenario, state: GameState, actor: str, cash: int, options: dict[str, _Option], spend: Purse
) -> list[Order]:
    """legal_within for a format-2 scenario: the purse also decides what the actor can afford."""
    env = None
    plays = state.plays
    orders = []
    amounts = spend.amounts(state.budgets, actor)
    for cost, limit, requires, key, order in options.values():
        if cost > cash or (limit is not None and plays.get(key, 0) >= limit):
            continue
        if not spend.affordable(amounts, order.move):
            continue
        if requires is None:
            orders.append(order)
            continue
        if env is None:
            env = env_of(state)
        if requires(env):
            orders.append(order)
    return _with_answers(scenario, state, actor, orders, env)


def _with_answers(
    scenario: Scenario,
    state: GameState,
    actor: str,
    orders: list[Order],
    env: Env | None,
    plain: tuple[dict[str, _Option], int] | None = None,
    tables: _Tables | None = None,
) -> list[Order]:
    """The plays, then the answers the actor may give to the offers made to it. ``plain``: format 1's
    options of the actor and its budget, which say whether a counter may be played as can_play would
    (the move is the actor's, then _open's tests), without making the words of why not."""
    if not state.offers:
        return orders
    known = (tables or _tables(scenario)).answers
    last = _LAST_OFFERS  # offers_grouped(state), its usual case written out
    for offer in (last if last[0] is state else offers_grouped(state))[1].get(actor, ()):
        answers = known.get((offer.move, offer.id))
        if answers is None:
            answers = _answers(scenario, known, offer)
        accept, reject, counters = answers
        orders.append(accept)
        orders.append(reject)
        for counter in counters:
            if plain is not None:
                option = plain[0].get(counter.move)
                if option is not None and _open(option, plain[1], state):
                    orders.append(counter)
            elif can_play(scenario, state, actor, counter.move, env) is None:
                orders.append(counter)
    return orders


def _answers(scenario: Scenario, known: dict[tuple[str, int], _Answers], offer: PendingOffer) -> _Answers:
    """The orders answering an offer: made once, then shared by every view (orders are values)."""
    if len(known) > 4096:  # offer ids count up in each game: kept for the games of a series
        known.clear()
    counters = scenario.moves[offer.move].offer.counters  # type: ignore[union-attr]
    answers = known[(offer.move, offer.id)] = (
        Order(offer.move, offer.id, "accept"),
        Order(offer.move, offer.id, "reject"),
        tuple(Order(counter, offer.id, "counter") for counter in counters),
    )
    return answers


def idle(scenario: Scenario, state: GameState, actor: str) -> bool:
    """Whether the actor has nothing to order now but "pass" (not its round, nothing it may play or
    answer): front ends then skip its orders screen, as its empty orders are all it could give."""
    return not legal_moves(scenario, state, actor)


_PLAY_ORDERS: dict[str, Order] = {}

# (cost, limit, requires, "actor:move", order) for each move an actor may play
# a play in a turn: (its place in the turn, the move, its card, the actors who play it, their "actor:move" keys)
_Play = tuple[int, str, Move, tuple[str, ...], tuple[str, ...]]
_Option = tuple[int, int | None, Callable[[Env], int] | None, str, Order]
# the options an actor can pay for (legal_within): (limit, requires, "actor:move", order) each, in file
# order, and whether any has a condition
_Affordable = tuple[tuple[tuple[int | None, Callable[[Env], int] | None, str, Order], ...], bool]
# the orders answering an offer: accept, reject, and each counter (which the rules may not allow now)
_Answers = tuple[Order, Order, tuple[Order, ...]]


class _Tables:
    """What the rules look up again and again, worked out once per scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        # each actor's moves, in file order, as legal_moves and check_orders test them
        self.options: dict[str, dict[str, _Option]] = {
            actor: {
                move_id: (
                    move.cost if isinstance(move.cost, int) else scenario.price(move)[0],
                    move.limit,
                    move.requires.run if move.requires else None,
                    f"{actor}:{move_id}",
                    _play_order(move_id),
                )
                for move_id in scenario.moves_of(actor)
                for move in (scenario.moves[move_id],)
            }
            for actor in scenario.actors
        }
        self.bounds = {ref: (track.min, track.max) for ref, track in scenario.all_tracks.items()}
        self.start = {ref: track.start for ref, track in scenario.all_tracks.items()}
        for fact, spec in scenario.facts.items():  # format 2: a fact's truth is a number, 0 or 1
            self.bounds[fact_ref(fact)] = (0, 1)
            self.start[fact_ref(fact)] = int(spec.start)
        self.dice = {move_id: dice.parse_dice(m.roll.dice) for move_id, m in scenario.moves.items() if m.roll}
        # each actor's budget: a number (most scenarios), or the formula to work out each turn
        self.budgets = tuple(
            (
                actor_id,
                max(0, actor.budget.tree.value) if isinstance(actor.budget.tree, Num) else None,
                actor.budget.run,
            )
            for actor_id, actor in scenario.actors.items()
        )
        # where a play of (actor, move) comes in a turn: by kind, then actor, then move, as one number
        rank = scenario.rank
        kinds, actors, moves = rank["kind"], rank["actor"], rank["move"]
        self.order_of = {
            (actor, move_id): (kinds[move.kind] * len(actors) + actors[actor]) * len(moves) + moves[move_id]
            for actor in actors
            for move_id, move in scenario.moves.items()
        }
        self.blind = _blind(scenario, self.options)
        self.objectives = tuple(
            (actor_id, tuple((oid, obj.when.run, obj.points) for oid, obj in actor.objectives.items()))
            for actor_id, actor in scenario.actors.items()
        )
        # each actor's play of each of its moves, as moves() sorts them (None: a joint move, gathered first)
        self.solo: dict[str, dict[str, _Play | None]] = {
            actor: {
                move_id: None if move.joint else (self.order_of[actor, move_id], move_id, move, (actor,), (key,))
                for move_id in scenario.moves_of(actor)
                for move, key in ((scenario.moves[move_id], f"{actor}:{move_id}"),)
            }
            for actor in scenario.actors
        }
        # facts every turn reads, worked out once: most scenarios have no offers, no scripted events...
        self.offers = any(move.offer is not None for move in scenario.moves.values())
        # the moves that break some agreement when played (most plays break none: one test)
        self.pausing = frozenset(
            move_id
            for move in scenario.moves.values()
            if move.offer is not None and move.offer.agreement is not None
            for paused in move.offer.agreement.pauses.values()
            for move_id in paused
        )
        self.immediate = tuple(
            (ending_id, ending.when.run)
            for ending_id, ending in scenario.endings.items()
            if ending.immediate and ending.when is not None
        )
        fixed = {actor_id: cash for actor_id, cash, _ in self.budgets if cash is not None}
        self.fixed_budgets = fixed if len(fixed) == len(self.budgets) else None  # every one a plain number
        # the events a turn opens with: scripted or conditional (tested each turn), and the deck's cards
        self.scripted = tuple(
            (event_id, event.once, event.turn, event.when.run if event.when is not None else None)
            for event_id, event in scenario.events.items()
            if event.weight is None
        )
        self.deck = tuple(
            (event_id, event.once, event.when.run if event.when is not None else None, event.weight.run)
            for event_id, event in scenario.events.items()
            if event.weight is not None
        )
        chance = scenario.event_chance.tree
        self.chance = None if not isinstance(chance, Num) else chance.value  # None: a formula, worked out
        self.rounds = rounds(scenario)
        # each round's options (format 2 phases): its teams' moves of the kinds it allows; one round without
        self.options_in: tuple[dict[str, dict[str, _Option]], ...] = (
            tuple(_round_options(scenario, self.options, r.actors, r.kinds) for r in self.rounds)
            if scenario.phases
            else (self.options,)
        )
        # format 2's resources, free moves and caps (format 1 keeps to the one budget above)
        self.purse: Purse | None = purse_of(scenario) if scenario.format >= 2 else None
        self.pays = self.purse is not None and self.purse.keeps  # a play's price is counted (play asks)
        # the interactions and drift rules, with what a turn tests of them (each turn tests them all)
        self.interactions = tuple(
            (inter_id, inter, inter.when, inter.requires.run if inter.requires is not None else None)
            for inter_id, inter in scenario.interactions.items()
        )
        self.drift = tuple(
            (str(index), f"drift:{index}", rule, rule.when.run if rule.when is not None else None)
            for index, rule in enumerate(scenario.drift)
        )
        # each (round, actor, budget)'s options it can pay for, made when first asked (legal_within)
        self.affordable: dict[tuple[int, str, int], _Affordable] = {}
        self.answers: dict[tuple[str, int], _Answers] = {}  # by (offered move, offer id), made when first asked
        # a roll's dice purpose for each (actor, move), made once (a later round adds its suffix)
        self.roll_purpose = {
            (actor, move_id): f"roll:{actor}:{move_id}"
            for actor in scenario.actors
            for move_id in scenario.moves_of(actor)
            if scenario.moves[move_id].roll is not None
        }


def _round_options(
    scenario: Scenario, options: dict[str, dict[str, _Option]], actors: tuple[str, ...], kinds: frozenset[str] | None
) -> dict[str, dict[str, _Option]]:
    """The options of the teams who order in a round, for the kinds it allows."""
    return {
        actor: {
            move_id: option
            for move_id, option in options[actor].items()
            if kinds is None or scenario.moves[move_id].kind in kinds
        }
        for actor in actors
    }


def _blind(scenario: Scenario, options: dict[str, dict[str, _Option]]) -> dict[tuple[str, str], Expr]:
    """The moves whose condition reads a track their player cannot see, by (actor, move).

    Offered whenever the condition may hold for all the player knows (``may_hold``, put in the
    option's place), they are checked against the truth when played (``_Turn.unmet``): a card that
    appeared exactly when another team's secret crossed its threshold would tell the secret.
    """
    blind = {}
    for actor, moves in options.items():
        for move_id, (cost, limit, _, key, order) in moves.items():
            requires = scenario.moves[move_id].requires
            if requires is not None and unseen_reads(scenario, requires, actor):
                blind[(actor, move_id)] = requires
                moves[move_id] = (cost, limit, partial(may_hold, scenario, requires, actor), key, order)
    return blind


_TABLES: dict[int, _Tables] = {}


def _tables(scenario: Scenario) -> _Tables:
    global _LAST_TABLES
    tables = _LAST_TABLES  # the scenario being played, asked ~5 times a turn: one test
    if tables is not None and tables.scenario is scenario:
        return tables
    tables = _TABLES.get(id(scenario))
    if tables is None or tables.scenario is not scenario:
        if len(_TABLES) > 16:  # scenarios loaded again and again (tests, the menu) are not kept forever
            _TABLES.clear()
        tables = _TABLES[id(scenario)] = _Tables(scenario)
    _LAST_TABLES = tables
    return tables


_LAST_TABLES: _Tables | None = None


def _open(option: _Option, cash: int, state: GameState) -> bool:
    """Whether a move of the actor's may be played now: can_play's tests, from the tables."""
    cost, limit, requires, key, _ = option
    if cost > cash or (limit is not None and state.plays.get(key, 0) >= limit):
        return False
    return requires is None or bool(requires(env_of(state)))


def _play_order(move_id: str) -> Order:
    """The order to play a move; orders are values, so one per move id is shared."""
    order = _PLAY_ORDERS.get(move_id)
    if order is None:
        order = _PLAY_ORDERS[move_id] = Order(move_id)
    return order


def offers_to(state: GameState, actor: str) -> list[PendingOffer]:
    """Offers the actor can answer this turn."""
    return list(offers_grouped(state)[1].get(actor, ()))


_Grouped = tuple[object, Mapping[str, tuple[PendingOffer, ...]], Mapping[str, tuple[PendingOffer, ...]]]


def offers_grouped(state: GameState) -> _Grouped:
    """Last turn's offers by target (those each actor can answer this turn) and by maker (those each made or
    joined), sorted once for the state: its five views and the check of its orders ask."""
    global _LAST_OFFERS
    last = _LAST_OFFERS  # one read of a tuple: another thread's update is seen whole or not at all
    if last[0] is state:
        return last
    by_target: dict[str, tuple[PendingOffer, ...]] = {}
    by_maker: dict[str, tuple[PendingOffer, ...]] = {}
    turn = state.turn - 1
    for offer in state.offers:
        if offer.turn == turn:
            by_target[offer.to] = (*by_target.get(offer.to, ()), offer)
            for maker in dict.fromkeys(offer.by):  # an offer made jointly is each maker's once
                by_maker[maker] = (*by_maker.get(maker, ()), offer)
    last = _LAST_OFFERS = (state, by_target, by_maker)
    return last


_LAST_OFFERS: _Grouped = (None, {}, {})


def check_orders(scenario: Scenario, state: GameState, actor: str, orders: Sequence[Order]) -> None:
    """Raise IllegalOrderError quoting the first order the rules do not allow."""
    if actor not in scenario.actors:
        raise IllegalOrderError(f"unknown actor {actor!r} in orders for turn {state.turn}")
    if not orders:  # giving no orders is always allowed
        return
    tables = _LAST_TABLES  # _tables(), its usual case written out
    if tables is None or tables.scenario is not scenario:
        tables = _tables(scenario)
    options = tables.options_in[state.round].get(actor)
    if options is None:
        raise IllegalOrderError(f"illegal orders of {actor} on turn {state.turn}: it does not order in this round")
    cash = state.budgets.get(actor)  # budget(), its usual case written out
    if cash is None:
        cash = budget(scenario, state, actor)
    played = state.plays
    spent = 0
    seen_moves: list[str] = []  # a turn's orders are few: a list is searched faster than a set is made
    answers: _Answering | None = None  # what the answers so far have used, made at the first answer
    for order in orders:
        move = order.move
        if order.offer is not None:  # an answer: checked apart (most orders are plays)
            if answers is None:
                answers = _Answering(offers_to(state, actor) if state.offers else [])
            if not answers.check(scenario, state, actor, order):
                continue  # accept, reject or a standing answer: nothing is played
        elif order.answer is not None:
            raise _illegal(state, actor, order, "an answer needs the offer's number")
        if move in seen_moves:
            raise _illegal(state, actor, order, "a move is played at most once per turn")
        seen_moves.append(move)
        option = options.get(move)
        if option is not None:  # _open's tests written out: the card is the actor's, paid for, open
            cost, limit, requires, key, _ = option
            if (
                cost <= cash
                and (limit is None or played.get(key, 0) < limit)
                and (requires is None or requires(env_of(state)))
            ):
                spent += cost
                continue
        reason = can_play(scenario, state, actor, move)  # says why; None is not expected here
        if reason is not None:
            raise _illegal(state, actor, order, reason)
        spent += scenario.price(scenario.moves[move])[0]
    spend = tables.purse
    if spend is not None:
        paid = [o.move for o in orders if o.offer is None or o.answer == "counter"]
        reason = spend.over(spend.amounts(state.budgets, actor), paid)
        if reason is not None:
            raise IllegalOrderError(f"illegal orders of {actor} on turn {state.turn}: {reason}")
    elif spent > cash:
        raise IllegalOrderError(
            f"illegal orders of {actor} on turn {state.turn}: they cost {spent}, the budget is {cash}"
        )


class _Answering:
    """check_orders' record of one actor's answers: the offers it may answer, those answered so far."""

    __slots__ = ("answered", "answered_now", "pending")

    def __init__(self, offers: Iterable[PendingOffer]) -> None:
        self.pending = {o.id: o for o in offers}
        self.answered: set[int] = set()
        self.answered_now: set[str] = set()  # moves answered in advance

    def check(self, scenario: Scenario, state: GameState, actor: str, order: Order) -> bool:
        """Raise for a bad answer; whether it plays a card (a counter-offer) that is checked as a play."""
        if order.offer == THIS_TURN:  # a standing answer: free, and no play
            reason = _standing_error(scenario, actor, order, self.answered_now)
            if reason is not None:
                raise _illegal(state, actor, order, reason)
            return False
        offer = self.pending.get(order.offer)  # type: ignore[arg-type]
        if offer is None:
            raise _illegal(state, actor, order, f"no offer {order.offer} awaits {actor}'s answer")
        if order.offer in self.answered:
            raise _illegal(state, actor, order, f"offer {order.offer} is answered twice")
        self.answered.add(order.offer)  # type: ignore[arg-type]
        if order.answer in ("accept", "reject"):
            if order.move != offer.move:
                raise _illegal(state, actor, order, f"offer {order.offer} is {offer.move!r}")
            return False
        if order.answer != "counter":
            raise _illegal(state, actor, order, "an answer is accept, reject or counter")
        counters = scenario.moves[offer.move].offer.counters  # type: ignore[union-attr]
        if order.move not in counters:
            raise _illegal(state, actor, order, f"{order.move!r} is not a counter to {offer.move!r}")
        return True


def _standing_error(scenario: Scenario, actor: str, order: Order, answered_now: set[str]) -> str | None:
    """Why a standing answer (an offer accepted in the talks, before it is made) is not allowed."""
    if order.answer != "accept":
        return "an offer not made yet can only be accepted in advance"
    move = scenario.moves.get(order.move)
    if move is None or move.offer is None or move.offer.to != actor or actor in move.by:
        return f"{order.move!r} is not an offer made to {actor}"
    if order.move in answered_now:
        return f"{order.move!r} is accepted in advance twice"
    answered_now.add(order.move)
    return None


def _illegal(state: GameState, actor: str, order: Order, reason: str) -> IllegalOrderError:
    """The error for one bad order; its words are made only when an order is refused."""
    return IllegalOrderError(f"illegal order {str(order)!r} of {actor} on turn {state.turn}: {reason}")


# --- resolving ---------------------------------------------------------------------------------


class _Turn:
    """The working copy of one turn's resolution; frozen into a GameState at the end."""

    __slots__ = (
        "acting",
        "agreements",
        "audience",
        "bounds",
        "broken",
        "counter_to",
        "env",
        "ever",
        "explain",
        "fired",
        "gained",
        "kinds",
        "learned",
        "led",
        "log",
        "lowered_by",
        "next_offer",
        "offers",
        "played",
        "plays",
        "raised_by",
        "s",
        "spent",
        "standing",
        "state",
        "suffix",
        "tables",
        "tokens",
        "tracks",
        "turn",
    )

    def __init__(self, scenario: Scenario, state: GameState, explain: bool = True) -> None:
        self.s = scenario
        self.explain = explain  # write the log (the rules run the same either way)
        self.tables = _tables(scenario)
        self.bounds = self.tables.bounds
        self.state = state
        self.turn = state.turn
        self.tracks = dict(state.tracks)
        self.plays = dict(state.plays)
        self.ever = dict(state.ever)
        self.played: dict[str, int] = {}
        self.kinds: dict[str, int] = {}
        self.offers = [o for o in state.offers if o.turn >= state.turn - 1] if state.offers else []
        self.agreements = list(state.agreements) if state.agreements else []
        self.tokens = list(state.tokens) if state.tokens else []
        self.next_offer = state.next_offer
        self.raised_by: dict[str, str] = {}
        self.lowered_by: dict[str, str] = {}  # format 2 blames a fall too
        self.broken: dict[int, tuple[ActiveAgreement, list[str]]] = {}  # offer -> the deal broken this turn, by whom
        self.counter_to: dict[tuple[str, str], str] = {}  # a counter-offer goes back to the offer's maker
        self.spent: dict[str, int] = {}  # format 2: what each team paid this turn, by GameState.budgets key
        self.gained: dict[str, int] = {}  # ... and what effects gave it for the next turn
        self.standing: dict[tuple[str, str], bool] = {}  # (target, move) accepted in the talks -> made yet
        self.log: list[LogEntry] = []
        self.led: list[tuple[str, str]] = []  # (move, its lead actor) for each play, in order
        self.learned = state.learned  # copied when first changed (learn): most turns learn nothing
        self.audience: tuple[str, ...] | None = None  # who reads the entries being written (None: all)
        self.env = Env(self.tracks, self.turn, self.played, self.kinds, self.ever)
        # format 2 phases: who orders in this round (None: everyone), which interactions
        # happened this turn; the dice's purposes of a later round differ from the first's
        self.acting: frozenset[str] | None = None
        self.fired: set[str] | None = None
        self.suffix = ""
        if scenario.phases:
            self.resume(state)

    def resume(self, state: GameState) -> None:
        """Take up the turn where its earlier rounds left it (format 2 phases)."""
        this = self.tables.rounds[state.round]
        self.acting, self.spent, self.fired, self.suffix = frozenset(this.actors), {}, set(), this.suffix
        so_far = state.so_far
        if so_far is None:
            return
        self.played.update(so_far.played)  # in place: the environment reads these very dicts
        self.kinds.update(so_far.kinds)
        self.raised_by.update(so_far.raised_by)
        self.lowered_by.update(so_far.lowered_by)
        self.led.extend(so_far.led)
        self.fired.update(so_far.fired)
        self.gained.update(so_far.gained)  # a gain of an earlier round is for the next turn too

    # effects ------------------------------------------------------------------------------

    def apply(self, changes: Iterable[Effect], phase: str, source: str, why: Arg, actor: str | None = None) -> None:
        """Change each effect's track by its steps, within the track's bounds (the one rule of a change)."""
        tracks, bounds = self.tracks, self.bounds
        tested: dict[int, bool] | None = None  # the branches decided so far in this list (format 2)
        for effect in changes:
            ref, delta = effect.track, effect.delta
            if not effect.plain:  # most effects are a fixed step of a track: one test
                if tested is None:  # made for the first effect that may need it: ~20 lists a turn need none
                    tested = {}
                if effect.learn is not None:
                    if not effect.computed or effects.step(effect, self.env, tracks, tested) is not None:
                        self.learn(effect, phase, source)
                    continue
                if effect.gain is not None:
                    if not effect.computed or effects.step(effect, self.env, tracks, tested) is not None:
                        self.gain(effect, phase, source, actor)
                    continue
                if effect.computed:
                    found = effects.step(effect, self.env, tracks, tested)
                    if found is None:
                        continue  # in a branch not taken
                    delta = found
            low, high = bounds[ref]
            before = tracks[ref]
            after = before + delta  # min(high, max(low, before + delta)), written out: ~30 changes a turn
            if after < low:
                after = low
            elif after > high:
                after = high
            tracks[ref] = after
            if after > before and actor is not None:
                self.raised_by[ref] = actor
            elif after < before and actor is not None:
                self.lowered_by[ref] = actor
            if self.explain:
                if not effect.fact:
                    self.tell(ref, delta, before, after, phase, source, why, actor)
                elif after != before:  # a fact said again is no news
                    fact = fact_id(ref) or ""
                    entry = fact_entry(self.s, self.turn, phase, fact, after == 1, actor, source, self.audience)
                    self.log.append(entry)

    def change(self, ref: str, delta: int, phase: str, source: str, why: Arg, actor: str | None) -> None:
        self.apply((Effect(ref, delta),), phase, source, why, actor)

    def tell(
        self, ref: str, delta: int, before: int, after: int, phase: str, source: str, why: Arg, actor: str | None
    ) -> None:
        """The log entry of one change of a track, and why."""
        low, high = self.bounds[ref]
        args: tuple[tuple[str, Arg], ...] = (
            ("track", _track(self.s, ref)),
            ("before", before),
            ("after", after),
            ("delta", f"{delta:+d}"),
            ("why", why),
        )
        message = CHANGE
        if after - before != delta and after in (low, high):
            message, args = CHANGE_HELD, (*args, ("held", after))
        self.log.append(
            LogEntry(
                self.turn,
                phase,
                "change",
                message,
                actor,
                source,
                ref,
                before,
                after,
                args=args,
                audience=self.audience,
            )
        )

    def learn(self, effect: Effect, phase: str, source: str) -> None:
        """Intelligence: narrow one team's range of a track (never widen it); only that team is told."""
        assert effect.learn is not None
        by, width = effect.learn.by, effect.learn.width
        key = f"{by}:{effect.track}"
        if key in self.learned and self.learned[key] <= width:
            return
        if self.learned is self.state.learned:
            self.learned = dict(self.learned)
        self.learned[key] = width
        if self.explain:
            # the team is named, not "you": the debrief shows the whole class who learnt what
            track, who = _track(self.s, effect.track), _actor(self.s, by)
            args: tuple[tuple[str, Arg], ...] = (("track", track), ("who", who), ("width", width))
            message = LEARNT_EXACT if width == 0 else LEARNT_RANGE
            self.log.append(LogEntry(self.turn, phase, PRIVATE, message, by, source, args=args, audience=(by,)))

    def pay(self, spend: Purse, move_id: str, actors: tuple[str, ...]) -> None:
        """Each team that played the move pays its price (a joint move: each of them, in full)."""
        for actor in actors:
            for key, cost in zip(spend.keys[actor], spend.price[move_id], strict=True):
                if cost:
                    self.spent[key] = self.spent.get(key, 0) + cost

    def gain(self, effect: Effect, phase: str, source: str, actor: str | None) -> None:
        """A resource given (or taken) for the next turn; told to the team, or to all if the resource is public."""
        assert effect.gain is not None
        spend = self.tables.purse
        to = effect.gain.to or actor
        if spend is None or to is None:
            return
        index = spend.ids.index(effect.track)
        key = spend.keys[to][index]
        self.gained[key] = self.gained.get(key, 0) + effect.delta
        if self.explain:
            public = self.s.resources[effect.track].visible == "public" if self.s.resources else False
            args: tuple[tuple[str, Arg], ...] = (
                ("who", _actor(self.s, to)),
                ("amount", abs(effect.delta)),
                ("resource", Ref("resource", effect.track, _resource_name(self.s, effect.track))),
            )
            message = GAINED if effect.delta > 0 else LOST
            audience = self.audience if public else (to,)
            self.log.append(
                LogEntry(
                    self.turn,
                    phase,
                    PRIVATE if not public else "gain",
                    message,
                    to,
                    source,
                    args=args,
                    audience=audience,
                )
            )

    def note(
        self,
        phase: str,
        kind: str,
        message: str,
        args: tuple[tuple[str, Arg], ...] = (),
        actor: str | None = None,
        source: str | None = None,
    ) -> None:
        """Write one entry: a message of the catalogue and its arguments (said when read)."""
        if self.explain:
            self.log.append(LogEntry(self.turn, phase, kind, message, actor, source, args=args, audience=self.audience))

    # phases -------------------------------------------------------------------------------

    def answers(self, orders: Mapping[str, Sequence[Order]]) -> list[tuple[str, str]]:
        """Resolve answers to last turn's offers; return counters to play as moves."""
        counters: list[tuple[str, str]] = []
        if not self.offers:  # most turns: nothing to answer
            return counters
        replies = {o.offer: o for orders_ in orders.values() for o in orders_ if o.offer is not None}
        acting = self.acting  # with phases, an offer is answered in the first round its target orders in
        for offer in [o for o in self.offers if o.turn == self.turn - 1 and (acting is None or o.to in acting)]:
            self.offers.remove(offer)
            move = self.s.moves[offer.move]
            spec = move.offer
            assert spec is not None
            reply = replies.get(offer.id)
            offer_of = (offer.to, offer.move)  # the entries' actor and source
            said: tuple[tuple[str, Arg], ...] = ()  # (target, offer's title), (target, move): when explained
            named: tuple[tuple[str, Arg], ...] = ()
            if self.explain:
                target, title = _actor(self.s, offer.to), _move(self.s, offer.move)
                offered = Msg(OFFER_TITLE, (("move", title), ("by", _group(self.s, offer.by)), ("target", target)))
                said, named = (("target", target), ("offer", offered)), (("target", target), ("move", title))
            if reply is None or reply.answer is None:
                self.note("answers", "answer", N_("{target} left the offer {offer} unanswered."), said, *offer_of)
                self.apply(spec.ignore, "answers", offer.move, self.why(N_("{target} ignored {move}"), named), offer.to)
            elif reply.answer == "accept":
                self.accepted(offer, said, named)
            elif reply.answer == "reject":
                self.note("answers", "answer", N_("{target} rejected {offer}."), said, *offer_of)
                self.apply(
                    spec.reject, "answers", offer.move, self.why(N_("{target} rejected {move}"), named), offer.to
                )
            else:
                if self.explain:
                    self.note(
                        "answers",
                        "answer",
                        N_("{target} answered {offer} with a counter-offer: {counter}."),
                        (*said, ("counter", _move(self.s, reply.move))),
                        *offer_of,
                    )
                counters.append((offer.to, reply.move))
                self.counter_to[(offer.to, reply.move)] = offer.by[0]
        return counters

    def accepted(
        self, offer: PendingOffer, said: tuple[tuple[str, Arg], ...], named: tuple[tuple[str, Arg], ...]
    ) -> None:
        """The target accepts the offer: its effects, then the agreement it starts."""
        spec = self.s.moves[offer.move].offer
        assert spec is not None
        offer_of = (offer.to, offer.move)  # the entries' actor and source
        self.note("answers", "answer", N_("{target} accepted {offer}."), said, *offer_of)
        self.apply(spec.accept, "answers", offer.move, self.why(N_("{target} accepted {move}"), named), offer.to)
        if spec.agreement is not None:
            until = self.turn + spec.agreement.turns - 1
            parties = (*offer.by, offer.to)
            self.agreements.append(ActiveAgreement(offer.id, offer.move, parties, until))
            if self.explain:
                self.note(
                    "answers",
                    "agreement",
                    N_("Agreement {move} holds until the end of turn {until}."),
                    (("move", _move(self.s, offer.move)), ("until", until)),
                    *offer_of,
                )

    # deals agreed in the talks: an offer made and accepted in the same turn ---------------------

    def agree_in_advance(self, orders: Mapping[str, Sequence[Order]]) -> None:
        """Note the standing answers (offers accepted in the talks before they are made)."""
        if not self.tables.offers:  # no card makes an offer: check_orders refused any standing answer
            return
        for actor, actor_orders in orders.items():
            for order in actor_orders:
                if order.offer == THIS_TURN:
                    self.standing[(actor, order.move)] = False

    def accept_in_advance(self, offer: PendingOffer) -> None:
        """Resolve a just-made offer its target accepted in the talks, as an acceptance next turn would be."""
        self.standing[(offer.to, offer.move)] = True  # used: a second offer of the move waits as usual
        self.offers.remove(offer)
        said: tuple[tuple[str, Arg], ...] = ()
        named: tuple[tuple[str, Arg], ...] = ()
        if self.explain:
            target, title = _actor(self.s, offer.to), _move(self.s, offer.move)
            offered = Msg(OFFER_TITLE, (("move", title), ("by", _group(self.s, offer.by)), ("target", target)))
            said, named = (("target", target), ("offer", offered)), (("target", target), ("move", title))
        self.accepted(offer, said, named)

    def lapse(self) -> None:
        """Standing answers whose offer was not made this turn lapse, and the log says so (to all)."""
        if not self.standing:
            return
        for (target, move_id), made in self.standing.items():
            if not made and self.explain:
                said = (
                    ("target", _actor(self.s, target)),
                    ("move", _move(self.s, move_id)),
                    ("who", _group(self.s, self.s.moves[move_id].by)),
                )
                message = N_("{target} had agreed in the talks to {move}, but {who} did not make the offer: it lapsed.")
                self.note("moves", "answer", message, said, target, move_id)

    def unmet(
        self, orders: Mapping[str, Sequence[Order]], counters: list[tuple[str, str]]
    ) -> tuple[dict[str, list[Order]], list[tuple[str, str]]]:
        """The plays and counter-offers without the moves whose hidden condition does not hold (see
        ``_blind``): each such move does not happen, and a private line tells only its player why."""
        blind, env = self.tables.blind, env_of(self.state)

        def holds(actor: str, move_id: str) -> bool:
            requires = blind.get((actor, move_id))
            if requires is None or requires(env):
                return True
            said = (("move", _move(self.s, move_id)),)
            self.note("moves", PRIVATE, N_("{move} did not happen: its condition did not hold."), said, actor, move_id)
            return False

        kept = {
            actor: [o for o in actor_orders if o.offer is not None or holds(actor, o.move)]
            for actor, actor_orders in orders.items()
        }
        return kept, [(actor, move_id) for actor, move_id in counters if holds(actor, move_id)]

    def moves(self, orders: Mapping[str, Sequence[Order]], counters: list[tuple[str, str]]) -> None:
        s = self.s
        if self.tables.blind:
            orders, counters = self.unmet(orders, counters)
        order_of, solo = self.tables.order_of, self.tables.solo
        plays: list[_Play] = []  # (place in the turn, move, its card, actors)
        joint: dict[str, list[str]] = {}  # a joint move: who ordered it, to see whether all of its side did
        for actor, actor_orders in orders.items():
            mine = solo[actor]
            for order in actor_orders:
                if order.offer is None:
                    play = mine[order.move]
                    if play is None:
                        joint.setdefault(order.move, []).append(actor)
                    else:
                        plays.append(play)
        for actor, move_id in counters:
            play = solo[actor][move_id]
            if play is None:
                joint.setdefault(move_id, []).append(actor)
            else:
                plays.append(play)
        for move_id, actors in joint.items():
            move = s.moves[move_id]
            missing = [a for a in move.by if a not in actors]
            if missing:
                if not self.explain:
                    continue
                self.audience = move.audience
                self.note(
                    "moves",
                    "move",
                    N_("{move} did not happen: {missing} did not join (ordered by {who}; nothing was spent)."),
                    (("move", _move(s, move_id)), ("missing", _group(s, missing)), ("who", _group(s, actors))),
                    actors[0],
                    move_id,
                )
                self.audience = None
                continue
            group = tuple(sorted(actors, key=s.rank["actor"].__getitem__))
            keys = tuple(f"{actor}:{move_id}" for actor in group)
            plays.append((order_of[group[0], move_id], move_id, move, group, keys))
        plays.sort()  # by place alone: each play's place is its own (no two plays share one)
        for _, move_id, move, group, keys in plays:
            self.play(move_id, move, group, keys)

    def play(self, move_id: str, move: Move, actors: tuple[str, ...], keys: tuple[str, ...]) -> None:
        """One play of a move by its actors (``keys``: their "actor:move" counts in ``plays``)."""
        if move.covert:  # a covert play is written for its audience only (reset at the end)
            self.audience = move.audience
        lead = actors[0]
        self.led.append((move_id, lead))
        who: tuple[Ref, ...] = ()
        why: Arg = ""
        if self.explain:
            s = self.s
            who = _group(s, actors)
            named = (("move", _move(s, move_id)), ("who", who))
            why = Msg(N_("{move} ({who})"), named)
            if move.signal:
                signal = Ref("signal", move_id, str(move.signal))
                self.note("moves", "move", N_("{who}: {move} — {signal}"), (*named, ("signal", signal)), lead, move_id)
            else:
                self.note("moves", "move", N_("{who}: {move}"), named, lead, move_id)
        played, kinds, ever, plays = self.played, self.kinds, self.ever, self.plays
        played[move_id] = played.get(move_id, 0) + 1
        kinds[move.kind] = kinds.get(move.kind, 0) + 1
        ever[move_id] = ever.get(move_id, 0) + 1
        for key in keys:
            plays[key] = plays.get(key, 0) + 1
        # a deal broken this turn may be broken by its other side too
        if (self.agreements or self.broken) and move_id in self.tables.pausing:
            for actor in actors:
                self.check_agreements(actor, move_id, move)
        if self.tables.pays:  # format 2, what is left carries over: count what was paid
            self.pay(self.tables.purse, move_id, actors)  # type: ignore[arg-type]
        self.apply(move.effects, "moves", move_id, why, lead)
        if move.roll is not None:
            self.roll(move_id, move, lead, who)
        if move.offer is not None:
            to = self.counter_to.get((lead, move_id), move.offer.to)
            offer = PendingOffer(self.next_offer, move_id, actors, to, self.turn)
            self.next_offer += 1
            self.offers.append(offer)
            now = self.standing.get((to, move_id)) is False  # accepted in the talks, not used yet
            if self.explain:
                self.note(
                    "moves",
                    "offer",
                    N_("{who} offer {move} to {target}, as agreed in the talks.")
                    if now
                    else N_("{who} offer {move} to {target}, who answers next turn."),
                    (("who", who), ("move", _move(self.s, move_id)), ("target", _actor(self.s, to))),
                    lead,
                    move_id,
                )
            if now:
                self.accept_in_advance(offer)
        if move.token is not None:
            self.place_token(move.token, lead, move_id)
        self.audience = None

    def roll(self, move_id: str, move: Move, actor: str, who: tuple[Ref, ...]) -> None:
        roll = move.roll
        assert roll is not None
        count, sides = self.tables.dice[move_id]
        purpose = self.tables.roll_purpose.get((actor, move_id)) or f"roll:{actor}:{move_id}"
        if self.suffix:  # a later round of the turn (format 2 phases)
            purpose += self.suffix
        faces = dice.roll(self.state.seed, self.turn, purpose, count, sides, self.state.dice)
        plus = roll.plus.run(self.env) if roll.plus is not None else 0
        total = sum(faces) + plus
        success = total >= roll.target
        if roll.results:
            self.graded(move_id, move, actor, who, faces, plus)
            return
        changes = roll.success if success else roll.failure
        if not self.explain:
            self.apply(changes, "moves", move_id, "", actor)
            return
        name = _move(self.s, move_id)
        verdict = Msg(N_("success") if success else N_("failure"))
        outcome_text = roll.success_text if success else roll.failure_text
        meaning = Ref("success" if success else "failure", move_id, str(outcome_text)) if outcome_text else None
        self.log_roll(move_id, actor, faces, plus, verdict, meaning)
        reason = N_("{move} ({who}), dice success") if success else N_("{move} ({who}), dice failure")
        self.apply(changes, "moves", move_id, Msg(reason, (("move", name), ("who", who))), actor)

    def log_roll(
        self,
        move_id: str,
        actor: str,
        faces: tuple[int, ...],
        plus: int,
        verdict: Arg,
        meaning: Ref | None,
        band: str | None = None,
    ) -> None:
        """A roll's log entry: the dice, the modifier and what it reads, the total against the target,
        the verdict (success/failure, or a graded result's band) and what it means."""
        roll = self.s.moves[move_id].roll
        assert roll is not None
        total = sum(faces) + plus
        args: tuple[tuple[str, Arg], ...] = (
            ("move", _move(self.s, move_id)),
            ("dice", "+".join(str(f) for f in faces)),
            ("total", total),
            ("target", roll.target),
            ("verdict", verdict),
        )
        if roll.plus is not None:  # the modifier's value, and what it reads (English words: see logtext)
            modifier = Ref("modifier", move_id, readable(roll.plus, self.s, "this turn"))
            args = (*args, ("plus", f"{plus:+d}"), ("modifier", modifier))
        if meaning is not None:
            args = (*args, ("meaning", meaning))
        message = ROLLS[roll.plus is not None, meaning is not None]
        entry = LogEntry(
            self.turn,
            "moves",
            "roll",
            message,
            actor,
            move_id,
            dice=faces,
            success=total >= roll.target,
            args=args,
            audience=self.audience,
            band=band,
        )
        self.log.append(entry)

    def graded(
        self, move_id: str, move: Move, actor: str, who: tuple[Ref, ...], faces: tuple[int, ...], plus: int
    ) -> None:
        """A roll with graded results (format 2): the band its margin falls in, whose effects read `margin`."""
        roll = move.roll
        assert roll is not None
        total = sum(faces) + plus
        index, margin = effects.band(roll, total)
        band = roll.bands()[index]
        why: Arg = ""
        if self.explain:
            name = _move(self.s, move_id)
            said = Ref("band", f"{move_id}/{index}", str(band.name))
            meaning = Ref("band_text", f"{move_id}/{index}", str(band.text)) if band.text else None
            self.log_roll(move_id, actor, faces, plus, said, meaning, band=str(band.name))
            why = Msg(BAND_REASON, (("move", name), ("who", who), ("result", said)))
        self.tracks[effects.MARGIN] = margin  # read by the band's formulas; never a track of the state
        try:
            self.apply(band.effects, "moves", move_id, why, actor)
            if band.token is not None:  # format 2: a result puts a piece down or takes one off
                self.place_token(band.token, actor, move_id)
        finally:
            del self.tracks[effects.MARGIN]

    def check_agreements(self, actor: str, move_id: str, move: Move) -> None:
        for agreement, breakers in self.broken.values():
            spec = self.s.moves[agreement.move].offer.agreement  # type: ignore[union-attr]
            if spec is not None and move_id in spec.pauses.get(actor, ()) and actor not in breakers:
                # broken already this turn, by another side: both are named, whichever kind resolved first
                breakers.append(actor)
                if self.explain:
                    self.note(
                        "moves",
                        "agreement",
                        N_("{actor} broke the agreement {title} too, by playing {move}."),
                        self.breaking(actor, agreement.move, move_id),
                        actor,
                        agreement.move,
                    )
        for agreement in list(self.agreements):
            spec = self.s.moves[agreement.move].offer.agreement  # type: ignore[union-attr]
            assert spec is not None
            if move_id in spec.pauses.get(actor, ()):
                self.agreements.remove(agreement)
                self.broken[agreement.offer] = (agreement, [actor])
                named = self.breaking(actor, agreement.move, move_id) if self.explain else ()
                self.note(
                    "moves",
                    "agreement",
                    N_("{actor} broke the agreement {title} by playing {move}."),
                    named,
                    actor,
                    agreement.move,
                )
                why = self.why(N_("{actor} broke {title}"), named[:2])
                self.apply(spec.broken, "moves", agreement.move, why, actor)

    def breaking(self, actor: str, deal: str, move_id: str) -> tuple[tuple[str, Arg], ...]:
        """Who broke which deal, by which move: a broken agreement's words."""
        return (("actor", _actor(self.s, actor)), ("title", _move(self.s, deal)), ("move", _move(self.s, move_id)))

    def why(self, message: str, args: tuple[tuple[str, Arg], ...]) -> Arg:
        """A change's reason, when the log is written."""
        return Msg(message, args) if self.explain else ""

    def place_token(self, token: Token, actor: str | None, source: str) -> None:
        if token.remove or token.value is not None or token.max is not None:
            self.format2_token(token, actor, source)
            return
        until = 0 if token.turns == 0 else self.turn + token.turns
        self.tokens.append(TokenState(token.at, str(token.label), actor, source, until))
        if self.explain:
            self.tell_token(TOKEN_PLACED, token, actor, source)

    def tell_token(self, message: str, token: Token, actor: str | None, source: str, *more: tuple[str, Arg]) -> None:
        """The log entry of a piece placed, removed or refused, at its place."""
        place = self.s.map.places[token.at] if self.s.map else None
        where = Ref("place", token.at, str(place.name) if place else token.at)
        label = Ref("token", _token_id(self.s, token, source), str(token.label))
        phase = self.log[-1].phase if self.log else "moves"
        self.note(phase, "token", message, (("label", label), ("place", where), *more), actor, source)

    def format2_token(self, token: Token, actor: str | None, source: str) -> None:
        """Format 2 pieces: taken off (`remove`), held to a number at a place (`max`), showing a value."""
        label = str(token.label)
        here = [t for t in self.tokens if t.place == token.at and t.label == label]
        if token.remove:
            if here:
                self.tokens.remove(here[-1])  # the newest piece goes first
            if self.explain:
                self.tell_token(TOKEN_REMOVED if here else TOKEN_NONE, token, actor, source)
            return
        if token.max is not None and len(here) >= token.max:
            if self.explain:
                self.tell_token(TOKEN_FULL, token, actor, source, ("max", token.max))
            return
        until = 0 if token.turns == 0 else self.turn + token.turns
        value = token.value.run(self.env) if token.value is not None else None
        self.tokens.append(TokenState(token.at, label, actor, source, until, value))
        if self.explain:
            if value is None:
                self.tell_token(TOKEN_PLACED, token, actor, source)
            else:
                self.tell_token(TOKEN_VALUED, token, actor, source, ("value", value))

    def interactions(self) -> None:
        if not self.s.interactions:
            return
        fired, played = self.fired, self.played
        for inter_id, inter, when, requires in self.tables.interactions:
            for move_id in when:  # all of its moves played this turn (a loop: all() of a generator costs more)
                if not played.get(move_id, 0):
                    break
            else:
                if fired is not None and inter_id in fired:  # format 2 phases: once a turn, in the round they met
                    continue
                if requires is None or requires(self.env):
                    self.interact(inter_id, inter)

    def interact(self, inter_id: str, inter: Interaction) -> None:
        """An interaction happens: the log says so, then its effects."""
        fired = self.fired
        if fired is not None:
            fired.add(inter_id)
        why: Arg = ""
        self.audience = _common_audience(self.s, inter.when)
        if self.explain:
            why = Ref("interaction", inter_id, str(inter.name))
            if inter.text:
                text = Ref("interaction_text", inter_id, str(inter.text))
                said = (("interaction", why), ("text", text))
                self.note("interactions", "interaction", N_("{interaction}: {text}"), said, None, inter_id)
            else:
                self.note("interactions", "interaction", N_("{interaction}:"), (("interaction", why),), None, inter_id)
        self.apply(inter.effects, "interactions", inter_id, why, self._blame_for(inter.when))
        self.audience = None

    def _blame_for(self, moves: tuple[str, ...]) -> str | None:
        """The actor of the last of these moves played, to blame a rise of a track on."""
        for move_id, lead in reversed(self.led):
            if move_id in moves:
                return lead
        return None

    def drift(self) -> None:
        if not self.s.drift:
            return
        for index, source, rule, when in self.tables.drift:
            if when is None or when(self.env):
                why = Ref("drift", index, str(rule.name)) if self.explain else ""
                self.apply(rule.effects, "upkeep", source, why)

    def expire(self) -> None:
        if not (self.agreements or self.tokens):
            return
        for agreement in [a for a in self.agreements if a.until <= self.turn]:
            self.agreements.remove(agreement)
            spec = self.s.moves[agreement.move].offer.agreement  # type: ignore[union-attr]
            assert spec is not None
            titled = (("title", _move(self.s, agreement.move)),) if self.explain else ()
            message = N_("The agreement {title} ran its course, kept by all sides.")
            self.note("upkeep", "agreement", message, titled, None, agreement.move)
            self.apply(spec.kept, "upkeep", agreement.move, self.why(N_("{title} was kept"), titled))
        kept = [t for t in self.tokens if t.until == 0 or t.until > self.turn]
        if len(kept) != len(self.tokens):
            self.tokens = kept

    def immediate_ending(self) -> str | None:
        env = self.env
        for ending_id, holds in self.tables.immediate:  # the immediate endings, in the file's order
            if holds(env):
                return ending_id
        return None

    def final_ending(self) -> str:
        for ending_id, ending in self.s.endings.items():
            if not ending.immediate and (ending.when is None or ending.when.run(self.env)):
                return ending_id
        return ""

    def finish(self, ending_id: str) -> Outcome:
        s = self.s
        ending = s.endings.get(ending_id)
        blamed = None
        rule = ending.blame_rule if ending is not None else None
        if rule is not None:
            blamed = (self.raised_by if rule[1] == "up" else self.lowered_by).get(rule[0])
            if blamed in s.umpires:  # the umpire's rulings are never to blame: it plays no side
                blamed = None
        scores: dict[str, int] = {}
        met: dict[str, tuple[str, ...]] = {}
        env, lost = self.env, ending is not None and ending.everyone_loses
        for actor_id, objectives in self.tables.objectives:
            done: list[str] = []
            points = 0
            for oid, holds, worth in objectives:  # written out: a bot game ends here
                if holds(env):
                    done.append(oid)
                    points += worth
            met[actor_id] = tuple(done)
            scores[actor_id] = 0 if lost else points
            if ending is not None and ending.blamed_points is not None and actor_id == blamed:
                scores[actor_id] = ending.blamed_points
        winners: tuple[str, ...] = ()
        losers: tuple[str, ...] = ()
        if ending is not None and (ending.winners or ending.losers or ending.points):
            winners, losers, scores = effects.fates(ending, list(s.actors), blamed, scores)
        if self.explain:
            name: Arg = Ref("ending", ending_id, str(ending.name)) if ending else Msg(N_("The game is over"))
            said: tuple[tuple[str, Arg], ...] = (("ending", name),)
            if blamed:
                said = (*said, ("actor", _actor(s, blamed)))
            if winners or losers:
                said = (*said, ("fates", _fates(s, winners, losers)))
            message = ENDINGS[bool(blamed), bool(winners or losers)]
            self.note("end", "ending", message, said, blamed, ending_id or None)
        return Outcome(ending_id, self.turn, blamed, scores, met, winners, losers)

    def freeze(self, outcome: Outcome) -> GameState:
        """The state of a game that ended this turn."""
        state = self.state
        return GameState(  # every field, in order (positional: a keyword call costs a third more)
            state.seed,
            state.turn,
            state.end_turn,
            self.tracks,
            state.seats,
            tuple(self.offers),
            tuple(self.agreements),
            tuple(self.tokens),
            self.plays,
            self.ever,
            self.played,  # last_played
            self.kinds,  # last_kinds
            state.events_seen,
            (),  # events
            (),  # event_log
            self.next_offer,
            outcome,
            state.budgets,
            state.dice,
            self.learned,
            state.round,  # the round that ended it (format 2 phases)
        )

    def end_round(self, ending: str | None) -> TurnResult:
        """A round of a turn in rounds is over, not the last (format 2 phases): the game ends here if an
        immediate ending holds, otherwise the next round is awaited, its teams seeing what this one did."""
        if ending is not None:
            return TurnResult(self.freeze(self.finish(ending)), self.written())
        state = self.state
        spent = self.spent  # the budget is the turn's, spent across its rounds (by GameState.budgets key)
        so_far = TurnSoFar(
            dict(self.played),
            dict(self.kinds),
            dict(self.raised_by),
            dict(self.lowered_by),
            tuple(self.led),
            frozenset(self.fired or ()),
            dict(self.gained),
        )
        nxt = GameState(  # every field, in order, as freeze
            state.seed,
            state.turn,
            state.end_turn,
            self.tracks,
            state.seats,
            tuple(self.offers),
            tuple(self.agreements),
            tuple(self.tokens),
            self.plays,
            self.ever,
            state.last_played,  # what `played` reads in a card's condition stays last turn's all turn long
            state.last_kinds,
            state.events_seen,
            state.events,  # the turn's events stay its events
            state.event_log,
            self.next_offer,
            None,  # outcome
            {key: cash - spent.get(key, 0) for key, cash in state.budgets.items()},
            state.dice,
            self.learned,
            state.round + 1,
            so_far,
        )
        return TurnResult(nxt, self.written())

    def written(self) -> tuple[LogEntry, ...]:
        """The log of what was resolved; with phases, each of this turn's entries names its round."""
        if not self.s.phases or not self.explain:
            return tuple(self.log)
        this = self.tables.rounds[self.state.round].id
        turn = self.state.turn
        return tuple(
            entry._replace(round=this) if entry.turn == turn and entry.phase in _ROUND_PHASES else entry
            for entry in self.log
        )

    def open_turn(self, turn: int, resolved: int) -> GameState:
        """Open the next turn on the same working copy: its events, then its budgets; freeze it.

        What was played this turn is what the events (and the budgets) read as last turn's.
        ``resolved``: the log entries of the turn just resolved, before the events' entries.
        """
        state, s = self.state, self.s
        self.turn = self.env.turn = turn
        fired: list[str] = []
        seen = set(state.events_seen) if s.events else set()
        if self.tables.scripted:  # scripted or conditional events
            for event_id, once, on_turn, when in self.tables.scripted:
                if (once and event_id in seen) or (on_turn is not None and on_turn != turn):
                    continue
                if when is None or when(self.env):
                    fired.append(event_id)
                    seen.add(event_id)
        chance = self.tables.chance
        if chance is None:
            chance = s.event_chance.run(self.env)
        if chance > 0:  # a derivation changes nothing else, so none is made when no card can be drawn
            rng = dice.derive(state.seed, turn, "event", state.dice)
            if rng.random() * 100 < chance:
                drawn = _draw(self.tables.deck, self.env, rng, seen)
                if drawn is not None:
                    fired.append(drawn)
                    seen.add(drawn)
        for event_id in fired:
            event = s.events[event_id]
            why: Arg = ""
            self.audience = event.visible_to  # a private event is written for its audience only
            if self.explain:
                named = _event(event_id, event)
                message = N_("Event: {event}. {text}") if len(named) > 1 else N_("Event: {event}.")
                self.note("events", "event", message, named, None, event_id)
                why = Msg(N_("event {event}"), named[:1])
            self.apply(event.effects, "events", event_id, why)
            if event.token is not None:
                self.place_token(event.token, None, event_id)
            self.audience = None
        spend = self.tables.purse
        fixed_budgets = self.tables.fixed_budgets
        if spend is not None:  # format 2: every resource, with what was kept and gained
            budgets = spend.refill(self.env, state.budgets, self.spent, self.gained)
        elif fixed_budgets is not None:  # every budget a plain number: the same every turn
            budgets = dict(fixed_budgets)
        else:
            budgets = {
                actor_id: max(0, run(self.env)) if fixed is None else fixed
                for actor_id, fixed, run in self.tables.budgets
            }
        return GameState(  # every field, in order, as freeze
            state.seed,
            turn,
            state.end_turn,
            self.tracks,
            state.seats,
            tuple(self.offers),
            tuple(self.agreements),
            tuple(self.tokens),
            self.plays,
            self.ever,
            self.played,  # last_played: what the events and budgets read as last turn's
            self.kinds,  # last_kinds
            frozenset(seen) if fired else state.events_seen,  # none fired: the same cards seen
            tuple(fired),
            tuple(self.log[resolved:]),
            self.next_offer,
            None,  # outcome
            budgets,
            state.dice,
            self.learned,
        )


#: the log's phases that belong to a round (upkeep and the ending belong to the whole turn)
_ROUND_PHASES = frozenset({"answers", "moves", "interactions"})

PRIVATE = "private"  # the kind of a log entry only its actor reads (view.redact drops it for the others)
GAINED = N_("{who} gain {amount} {resource} for next turn.")
LOST = N_("{who} lose {amount} {resource} for next turn.")


def _resource_name(scenario: Scenario, rid: str) -> str:
    """A resource's name in the file's first language (a Ref's fallback; screens say it in theirs)."""
    resource = scenario.resources.get(rid)
    return str(resource.name) if resource is not None else "political capital"


# --- the log's words: messages of the catalogue, and the names they hold -----------------------

CHANGE = N_("{track} {before} → {after} ({delta}): {why}")
CHANGE_HELD = N_("{track} {before} → {after} ({delta}, held at {held}): {why}")
OFFER_TITLE = N_("{move} ({by} → {target})")
# a roll, by (has a modifier, has a meaning)
ROLLS = {
    (False, False): N_("{move}: rolled {dice} = {total} against {target}: {verdict}."),
    (False, True): N_("{move}: rolled {dice} = {total} against {target}: {verdict}. {meaning}"),
    (True, False): N_("{move}: rolled {dice} {plus} ({modifier}) = {total} against {target}: {verdict}."),
    (True, True): N_("{move}: rolled {dice} {plus} ({modifier}) = {total} against {target}: {verdict}. {meaning}"),
}
# the teacher's interventions, by (a reason was given)
ADJUSTED = {False: N_("The teacher adjusted {track}."), True: N_("The teacher adjusted {track} ({reason}).")}
ADJUSTED_BY = {False: N_("adjusted by the teacher"), True: N_("adjusted by the teacher ({reason})")}
ENDED = {
    False: N_("The teacher ended the game before turn {turn}."),
    True: N_("The teacher ended the game before turn {turn} ({reason})."),
}


#: pieces on the map; format 2 adds a value on the piece, taking a piece off, and a limit per place
TOKEN_PLACED = N_("{label} placed at {place}.")
TOKEN_VALUED = N_("{label} ({value}) placed at {place}.")
TOKEN_REMOVED = N_("{label} removed from {place}.")
TOKEN_NONE = N_("No {label} at {place} to remove.")
TOKEN_FULL = N_("No {label} placed at {place}: it holds {max} already.")
#: why a graded roll's band changed a track (format 2)
BAND_REASON = N_("{move} ({who}), dice {result}")
# an ending, by (a move is blamed, the ending names who won and lost: format 2)
ENDINGS = {
    (False, False): N_("Ending: {ending}."),
    (True, False): N_("Ending: {ending}. {actor}'s move pushed it over the edge."),
    (False, True): N_("Ending: {ending}. {fates}"),
    (True, True): N_("Ending: {ending}. {actor}'s move pushed it over the edge. {fates}"),
}
# who won and lost (format 2's per-team outcomes), by (some won, some lost)
FATES = {
    (True, False): N_("{winners} won."),
    (False, True): N_("{losers} lost."),
    (True, True): N_("{winners} won. {losers} lost."),
}


def _fates(scenario: Scenario, winners: tuple[str, ...], losers: tuple[str, ...]) -> Msg:
    """Who won and who lost, by their short names."""
    args: tuple[tuple[str, Arg], ...] = ()
    if winners:
        args = (("winners", _group(scenario, winners)),)
    if losers:
        args = (*args, ("losers", _group(scenario, losers)))
    return Msg(FATES[bool(winners), bool(losers)], args)


def _actor(scenario: Scenario, actor: str) -> Ref:
    return Ref("actor", actor, str(scenario.actors[actor].name))


def _group(scenario: Scenario, actors: Iterable[str]) -> tuple[Ref, ...]:
    """Actors by their short names, said together ("US and ROK")."""
    return tuple(Ref("short", a, str(scenario.actors[a].short or scenario.actors[a].name)) for a in actors)


def _move(scenario: Scenario, move_id: str) -> Ref:
    return Ref("move", move_id, str(scenario.moves[move_id].name))


def _track(scenario: Scenario, ref: str) -> Ref:
    return Ref("track", ref, scenario.track_label[ref])


def _token_id(scenario: Scenario, token: Token, source: str) -> str:
    """Which token a log line names: its move's or event's (by id), or a graded result's ("MOVE/INDEX")."""
    move = scenario.moves.get(source)
    if move is None or move.token is token or move.roll is None:
        return source
    return next((f"{source}/{i}" for i, band in enumerate(move.roll.results) if band.token is token), source)


def _event(event_id: str, event: Event) -> tuple[tuple[str, Arg], ...]:
    """An event's name, and its text when it has one."""
    name = Ref("event", event_id, str(event.name))
    if event.text:
        return (("event", name), ("text", Ref("event_text", event_id, str(event.text))))
    return (("event", name),)


#: intelligence (format 2's learn), told to the team that learnt it only
LEARNT_EXACT = N_("Intelligence on {track}, for {who}: its exact value.")
LEARNT_RANGE = N_("Intelligence on {track}, for {who}: its value to within {width} either side.")


def _common_audience(scenario: Scenario, moves: Iterable[str]) -> tuple[str, ...] | None:
    """Who may read of an interaction: everyone, unless a covert move takes part; then those who see
    every covert move in it (who saw only one part cannot tell that the parts met)."""
    audience: tuple[str, ...] | None = None
    for move_id in moves:
        seen = scenario.moves[move_id].audience
        if seen is not None:
            audience = seen if audience is None else tuple(a for a in audience if a in seen)
    return audience


def resolve_turn(
    scenario: Scenario, state: GameState, orders: Mapping[str, Sequence[Order]], *, explain: bool = True
) -> TurnResult:
    """Resolve one turn from every actor's secret orders; the log says why each track moved.

    With ``explain=False`` the log is not written (the result's log and the next state's
    event log are empty); everything else is the same, value for value.
    """
    if state.outcome is not None:  # over
        raise GameOverError(f"the game ended on turn {state.turn}; no more turns can be resolved")
    for actor, actor_orders in orders.items():
        check_orders(scenario, state, actor, actor_orders)
    work = _Turn(scenario, state, explain)
    counters = work.answers(orders)
    work.agree_in_advance(orders)
    work.moves(orders, counters)
    work.lapse()
    work.interactions()
    ending = work.immediate_ending()
    if scenario.phases and state.round < len(work.tables.rounds) - 1:
        return work.end_round(ending)  # format 2 phases: the next round is ordered on what this one did
    if ending is None:
        work.drift()
        work.expire()
        ending = work.immediate_ending()
    if ending is None and state.turn >= state.end_turn:
        ending = work.final_ending()
    if ending is not None:
        outcome = work.finish(ending)
        return TurnResult(work.freeze(outcome), work.written() if scenario.phases else tuple(work.log))
    nxt = work.open_turn(state.turn + 1, len(work.log))  # one working copy: the next turn's events play on it
    return TurnResult(nxt, work.written() if scenario.phases else tuple(work.log))


# --- the teacher's interventions -----------------------------------------------------------------


def intervene(scenario: Scenario, state: GameState, action: Intervention) -> TurnResult:
    """Apply a teacher's intervention to the turn in progress (before its orders are resolved).

    The log says it was the teacher, and why. An injected event counts as one of this turn's
    event cards; an adjusted track keeps within its bounds; budgets already set for the turn
    do not change. ``end`` scores the game as it stands, as if its last turn had just ended.
    """
    if state.over:
        raise GameOverError(f"the game ended on turn {state.turn}; it cannot be changed any more")
    work = _Turn(scenario, state)
    work.env.played, work.env.played_kinds = state.last_played, state.last_kinds
    because: tuple[tuple[str, Arg], ...] = (("reason", action.reason),) if action.reason else ()
    if action.kind == "event":
        event_id = action.event or ""
        event = scenario.events.get(event_id)
        if event is None:
            raise IllegalOrderError(f"the scenario has no event {action.event!r}")
        named = _event(event_id, event)
        if len(named) > 1:
            message = N_("Event (played by the teacher): {event}. {text}")
        else:
            message = N_("Event (played by the teacher): {event}.")
        work.audience = event.visible_to
        work.note("events", "event", message, named, None, event_id)
        work.apply(event.effects, "events", event_id, Msg(N_("event {event}, played by the teacher"), named[:1]))
        work.audience = None
        if event.token is not None:
            work.place_token(event.token, None, event_id)
        after = _mid_turn(state, work)
        after = evolve(after, events_seen=state.events_seen | {event_id}, events=(*state.events, event_id))
        return TurnResult(after, tuple(work.log))
    if action.kind == "adjust":
        ref = action.track or ""
        if ref not in scenario.all_tracks or action.value is None:
            raise IllegalOrderError(f"the scenario has no track {action.track!r}")
        said = (("track", _track(scenario, ref)), *because)
        work.note("teacher", "teacher", ADJUSTED[bool(because)], said)
        delta = action.value - work.tracks[ref]
        work.change(ref, delta, "teacher", "teacher", Msg(ADJUSTED_BY[bool(because)], because), None)
        return TurnResult(_mid_turn(state, work), tuple(work.log))
    if action.kind == "end":
        work.turn = max(0, state.turn - 1)
        work.note("teacher", "teacher", ENDED[bool(because)], (("turn", state.turn), *because))
        outcome = work.finish(work.final_ending())
        return TurnResult(work.freeze(outcome), tuple(work.log))
    raise IllegalOrderError(f"unknown intervention {action.kind!r}: event, adjust or end")


def _mid_turn(state: GameState, work: _Turn) -> GameState:
    """The turn in progress after an intervention: new tracks and tokens, the same turn otherwise.

    If the intervention reached an immediate ending (the ladder's top), the game ends there.
    """
    ending = work.immediate_ending()
    outcome = work.finish(ending) if ending is not None else None
    return evolve(
        state,
        tracks=work.tracks,
        tokens=tuple(work.tokens),
        event_log=(*state.event_log, *work.log),
        outcome=outcome,
        learned=work.learned,
    )


# --- events ------------------------------------------------------------------------------------


def _draw(
    cards: tuple[tuple[str, bool, Callable[[Env], int] | None, Callable[[Env], int]], ...],
    env: Env,
    rng: dice.Rng,
    seen: set[str],
) -> str | None:
    """The card drawn from the deck (``_Tables.deck``): each card that may come up now, by its weight."""
    deck: list[tuple[str, int]] = []
    total = 0
    for event_id, once, when, weight_of in cards:
        if (once and event_id in seen) or (when is not None and not when(env)):
            continue
        weight = weight_of(env)
        if weight > 0:
            deck.append((event_id, weight))
            total += weight
    if not deck:
        return None
    pick = rng.random() * total
    for event_id, weight in deck:
        pick -= weight
        if pick < 0:
            return event_id
    return deck[-1][0]


def evaluate(expr: Expr, state: GameState) -> int:
    """Evaluate a scenario expression against a state (start-of-turn view)."""
    return expr(env_of(state))
