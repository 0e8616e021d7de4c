"""A scenario's rules in words for paper: card fronts and backs, team concerns, the timeline.

No PDF library here (``pdf.py`` draws; this module only says), so the words can be tested
as text. The wording is the window's: ``game.ui.wording`` (card effects, the rules sentence)
and ``game.scenario.readable`` (conditions and formulas in words); chances come from
``game.engine.rng.chance_of_success``, the same numbers the window shows.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator

import attrs
from attrs import frozen

from game.engine.rng import chance_of_success, parse_dice
from game.engine.turn import Env
from game.i18n import language, ntr, pick, tr
from game.report.logtext import cap_text, cost_figure, cost_text
from game.scenario.expr import Binary, Call, Expr, Name, Node, Num, Unary, walk
from game.scenario.intervals import bounds_of, scenario_bounds
from game.scenario.model import DERIVED_FIELDS, Effect, Event, Move, Roll, Scenario, Teach, Text, Token
from game.scenario.places import fixed_places
from game.scenario.readable import readable as _readable
from game.ui.wording import effect_words, together, track_label

#: The colour of an event's card, and of a token more than one team puts down.
GREY = "#555555"
#: How many values of a roll's modifier get a chance of their own before the list is sampled.
CHANCE_COLUMNS = 7
#: Up to this many combinations of track values, a modifier's range is found by trying them all.
EXACT_LIMIT = 20_000


@frozen
class Line:
    """One line of rules: a short label ('Dice', 'Only when') and its words."""

    label: str
    text: str


@frozen
class Card:
    """What a printed card says: the front (rules) and the back (what, why, history, sources)."""

    id: str
    title: str
    kind: str  # the kind's name, or 'Event'
    colour: str
    cost: str | None  # the figure in the corner: 2, or 1·2 (one per resource)
    lines: tuple[Line, ...]
    back: tuple[Line, ...]
    #: whose copy it is: (team name, colour) for each team that holds it (several for a joint card)
    teams: tuple[tuple[str, str], ...] = ()


def readable(expr: Expr, scenario: Scenario, played: str = "last turn") -> str:
    """A condition or formula in words, in the kit's language (the current one)."""
    return _readable(expr, scenario, played, language())


def name_of(scenario: Scenario, actor: str) -> str:
    who = scenario.actors[actor]
    return pick(who.short or who.name)


def names_of(scenario: Scenario, actors: Iterable[str]) -> str:
    """Teams by their short names: 'US', 'US and ROK'."""
    return together([name_of(scenario, a) for a in actors])


def effects_text(scenario: Scenario, effects: tuple[Effect, ...]) -> str:
    return ", ".join(effect_words(scenario, effects)) or tr("nothing")


def start_values(scenario: Scenario) -> dict[str, int]:
    return {ref: track.start for ref, track in scenario.all_tracks.items()}


def start_env(scenario: Scenario) -> Env:
    return Env(start_values(scenario), 1, {}, {}, {})


def plus_range(scenario: Scenario, plus: Expr) -> tuple[int, int]:
    """The lowest and highest value a roll's modifier can take.

    Worked out exactly by trying every value of the tracks it reads when they are few (most
    modifiers read one track); otherwise the conservative interval the loader uses.
    """
    _low, high = scenario.turn_range
    ranges = {ref: range(t.min, t.max + 1) for ref, t in scenario.all_tracks.items()}
    ranges["turn"] = range(1, high + 1)
    named = sorted(tracks_named(plus) & set(ranges))
    counts = any(isinstance(node, Call) and node.func in ("played", "played_kind", "ever") for node in walk(plus.tree))
    if not counts and math.prod(len(ranges[n]) for n in named) <= EXACT_LIMIT:
        tracks = start_values(scenario)
        found = []
        for values in itertools.product(*(ranges[n] for n in named)):
            tracks.update(zip(named, values, strict=True))
            found.append(plus(Env(tracks, tracks.get("turn", 1), {}, {}, {})))
        return min(found), max(found)
    bounds = bounds_of(plus.tree, scenario_bounds(scenario))  # the loader's bounds, counts of plays included
    return bounds.low, bounds.high


def chances(scenario: Scenario, roll: Roll) -> str:
    """'58%' for a plain roll; '+0: 28% · +1: 42% · …' across the modifier's possible values."""
    count, sides = parse_dice(roll.dice)
    if roll.plus is None:
        return f"{round(chance_of_success(count, sides, roll.target) * 100)}%"
    low, high = plus_range(scenario, roll.plus)
    start = roll.plus(start_env(scenario))
    low, high = max(low, -count * sides), min(high, roll.target)  # beyond these the chance is 0% or 100%
    values = list(range(low, high + 1))
    if len(values) > CHANCE_COLUMNS:
        step = (high - low) / (CHANCE_COLUMNS - 1)
        values = sorted({low + round(i * step) for i in range(CHANCE_COLUMNS)} | {start})
    parts = [f"{v:+d}: {round(chance_of_success(count, sides, roll.target - v) * 100)}%" for v in values]
    at_start = format(start, "+d")
    return " · ".join(parts) + " " + tr("(at the start {start})", start=at_start)


def roll_lines(scenario: Scenario, roll: Roll) -> list[Line]:
    plus = f" + {readable(roll.plus, scenario, 'this turn')}" if roll.plus else ""
    dice = roll.dice + plus
    dice = tr("Roll {dice}: success on {target} or more.", dice=dice, target=roll.target)
    lines = [Line(tr("Dice"), dice)]
    if roll.results:  # format 2: graded results, each band with the margins it takes
        for band in roll.results:
            if band.at_least is not None:
                margins = tr("margin {margin} or more:", margin=band.at_least)
            else:
                margins = tr("any other margin:")
            changes = effects_text(scenario, band.effects) if band.effects or not band.text else ""
            told = " ".join(part for part in (margins, pick(band.text), changes) if part)
            lines.append(Line(pick(band.name), told))
        return lines
    lines.append(Line(tr("Chance"), chances(scenario, roll)))
    for label, said, effects in (
        (tr("Success"), roll.success_text, roll.success),
        (tr("Failure"), roll.failure_text, roll.failure),
    ):
        changes = effects_text(scenario, effects) if effects or not said else ""
        lines.append(Line(label, f"{pick(said)} {changes}".strip()))
    return lines


def offer_lines(scenario: Scenario, move: Move) -> list[Line]:
    offer = move.offer
    assert offer is not None
    to = tr("To {team}, who answers next turn (answers are free).", team=name_of(scenario, offer.to))
    lines = [
        Line(tr("Offer"), to),
        Line(tr("Accepted"), effects_text(scenario, offer.accept)),
        Line(tr("Rejected"), effects_text(scenario, offer.reject)),
        Line(tr("No answer"), effects_text(scenario, offer.ignore)),
    ]
    deal = offer.agreement
    if deal is not None:
        promises = "; ".join(
            tr("{team} will not play {cards}", team=name_of(scenario, who), cards=card_names(scenario, paused))
            for who, paused in deal.pauses.items()
        )
        terms = ntr(
            "For {n} turn: {promises}.",
            "For {n} turns: {promises}.",
            deal.turns,
            promises=promises or tr("no promises"),
        )
        lines.append(Line(tr("Deal"), terms))
        broken = tr("{effects} (a side may still play a paused card)", effects=effects_text(scenario, deal.broken))
        lines.append(Line(tr("Broken"), broken))
        lines.append(Line(tr("Kept"), effects_text(scenario, deal.kept)))
    if offer.counters:
        lines.append(Line(tr("Counter"), card_names(scenario, offer.counters)))
    return lines


def card_names(scenario: Scenario, moves: Iterable[str]) -> str:
    return ", ".join(pick(scenario.moves[m].name) for m in moves)


def move_card(scenario: Scenario, move_id: str, team: str | None = None) -> Card:
    """A move's card; ``team``: the team whose copy it is, named on the card (a joint card names all its teams)."""
    move = scenario.moves[move_id]
    kind = scenario.kinds[move.kind]
    lines = []
    if move.text:
        lines.append(Line("", pick(move.text)))
    who = names_of(scenario, move.by)
    if move.joint:
        joint = tr("{teams} must all play it in the same turn, each paying, or it does not happen.", teams=who)
        lines.append(Line(tr("Joint"), joint))
    else:
        lines.append(Line(tr("Played by"), who))
    if move.requires is not None:
        lines.append(Line(tr("Only when"), readable(move.requires, scenario)))
    if move.limit is not None:
        limit = ntr("At most {n} time per game per team.", "At most {n} times per game per team.", move.limit)
        lines.append(Line(tr("Limit"), limit))
    if move.effects:
        lines.append(Line(tr("Effects"), effects_text(scenario, move.effects)))
    if move.roll is not None:
        lines.extend(roll_lines(scenario, move.roll))
    if move.offer is not None:
        lines.extend(offer_lines(scenario, move))
    if move.token is not None:
        lines.append(Line(tr("Map"), token_text(scenario, move.token.label, move.token.at, move.token.turns)))
    if move.signal:
        lines.append(Line(tr("Everyone hears"), pick(move.signal)))
    if scenario.resources:  # format 2: the corner's figures, said with each resource's name
        lines.insert(0, Line(tr("Cost"), cost_text(scenario, move)))
    if cap_text(scenario, move):
        lines.insert(0, Line(tr("Per turn"), cap_text(scenario, move)))
    figure = cost_figure(scenario, move)
    holders = move.by if move.joint else (team,) if team is not None else ()
    teams = tuple((name_of(scenario, a), scenario.actors[a].colour) for a in holders)
    return Card(
        move_id,
        pick(move.name),
        pick(kind.name),
        kind.colour,
        figure,
        tuple(lines),
        back(scenario, move.teach),
        teams,
    )


def card_copies(scenario: Scenario) -> list[Card]:
    """Every move card to cut out: one copy for each team that plays it on its own, team by team, so that
    the cards sort into the teams' piles; then each joint card once (its teams play that one copy together)."""
    cards = [
        move_card(scenario, move_id, actor)
        for actor in scenario.actors
        for move_id in scenario.moves_of(actor)
        if not scenario.moves[move_id].joint
    ]
    cards += [move_card(scenario, move_id) for move_id, move in scenario.moves.items() if move.joint]
    return cards


def token_text(scenario: Scenario, label: Text, at: str, turns: int) -> str:
    place = pick(scenario.map.places[at].name) if scenario.map and at in scenario.map.places else at
    if turns == 0:
        return tr("Put {token} on {place} for the rest of the game.", token=pick(label), place=place)
    return ntr(
        "Put {token} on {place} for {n} turn.",
        "Put {token} on {place} for {n} turns.",
        turns,
        token=pick(label),
        place=place,
    )


def event_when(scenario: Scenario, event: Event) -> str:
    if event.turn is not None:
        return tr("At the start of turn {turn}.", turn=event.turn)
    if event.when is not None:
        condition = readable(event.when, scenario, "last turn")
        if event.once:
            return tr("At the start of a turn when {condition}.", condition=condition)
        return tr("At the start of a turn when {condition} (again each turn it holds).", condition=condition)
    if event.weight is not None:
        return tr(
            "Drawn at random (weight {weight}); chance of a draw each turn: {chance}%.",
            weight=readable(event.weight, scenario),
            chance=readable(scenario.event_chance, scenario),
        )
    return tr("When the teacher plays it.")


def event_card(scenario: Scenario, event_id: str) -> Card:
    event = scenario.events[event_id]
    lines = [Line(tr("When"), event_when(scenario, event))]
    if event.text:
        lines.append(Line(tr("Read aloud"), pick(event.text)))
    if event.effects:
        lines.append(Line(tr("Effects"), effects_text(scenario, event.effects)))
    if event.token is not None:
        lines.append(Line(tr("Map"), token_text(scenario, event.token.label, event.token.at, event.token.turns)))
    return Card(event_id, pick(event.name), tr("Event"), GREY, None, tuple(lines), back(scenario, event.teach))


def back(scenario: Scenario, teach: Teach | None) -> tuple[Line, ...]:
    """A card's back: what it is, why it matters, what happened, and the sources cited."""
    if teach is None:
        return ()
    lines = [Line(label, pick(text)) for label, text in ((tr("What"), teach.what), (tr("Why"), teach.why)) if text]
    if teach.history:
        lines.append(Line(tr("History"), pick(teach.history)))
    for source_id in teach.sources:
        lines.append(Line(tr("Source"), source_text(scenario, source_id)))
    return tuple(lines)


def source_text(scenario: Scenario, source_id: str) -> str:
    source = scenario.sources.get(source_id)
    if source is None:
        return source_id
    bits = [source.title, source.publisher or "", source.date or ""]
    return ", ".join(b for b in bits if b)


def hidden_refs(scenario: Scenario) -> list[str]:
    """The hidden tracks, which the teacher keeps off the board (a region's fixed values are on the map)."""
    fixed = fixed_places(scenario)
    return [ref for ref, t in scenario.all_tracks.items() if t.visible == "hidden" and ref not in fixed]


# --- tokens on the map ---------------------------------------------------------------------------


@frozen
class TokenPile:
    """The pieces of one token label to cut out: as many as the game can have on the map at once."""

    label: str
    copies: int
    places: tuple[str, ...]  # where its cards put it, by name
    cards: tuple[str, ...]  # the cards (and events) that put it there, by name
    colour: str  # the colour of the team that puts it down (grey: an event, or several teams)


def rounds_of(scenario: Scenario, actor: str) -> int:
    """How many rounds of a turn a team orders in (1 without rounds)."""
    if not scenario.phases:
        return 1
    return max(1, sum(actor in phase.actors(scenario.actors) for phase in scenario.phases))


def _on_map(token: Token, placed_per_turn: int, most: int | None, turns: int) -> int:
    """How many pieces of one token the map can hold at once: a piece put down on turn T is taken off at
    the end of turn T + its turns, so a new one can join it; one that stays for good, every one put down."""
    stays = turns if token.turns == 0 else min(turns, token.turns + 1)
    copies = placed_per_turn * stays
    if most is not None:
        copies = min(copies, most)
    if token.max is not None:
        copies = min(copies, token.max)
    return max(1, copies)


def token_piles(scenario: Scenario) -> list[TokenPile]:
    """Every token label a card or event can put on the map, with how many pieces to cut out, in the order
    the scenario first names it. A label several cards put down (a B-52 flown by a card and by an event)
    is one pile, with the pieces of all of them."""
    turns = scenario.turn_range[1]
    copies: dict[str, int] = {}
    places: dict[str, list[str]] = {}
    cards: dict[str, list[str]] = {}
    colours: dict[str, set[str]] = {}

    def add(token: Token, pieces: int, card: str, colour: str) -> None:
        if token.remove:
            return
        label = pick(token.label)
        region = scenario.map
        place = pick(region.places[token.at].name) if region and token.at in region.places else token.at
        copies[label] = copies.get(label, 0) + pieces
        for found, value in ((places, place), (cards, card)):
            if value not in found.setdefault(label, []):
                found[label].append(value)
        colours.setdefault(label, set()).add(colour)

    for move in scenario.moves.values():
        rounds = [rounds_of(scenario, actor) for actor in move.by]
        per_turn = min(rounds) if move.joint else sum(rounds)
        most = None if move.limit is None else move.limit * (1 if move.joint else len(move.by))
        colour = scenario.actors[move.by[0]].colour if len(move.by) == 1 else GREY
        bands = [band.token for band in move.roll.results if band.token is not None] if move.roll else []
        for token in [move.token, *bands]:
            if token is not None:
                add(token, _on_map(token, per_turn, most, turns), pick(move.name), colour)
    for event in scenario.events.values():
        if event.token is not None:
            once = event.once or event.turn is not None
            add(event.token, _on_map(event.token, 1, 1 if once else None, turns), pick(event.name), GREY)
    return [
        TokenPile(
            label,
            copies[label],
            tuple(places[label]),
            tuple(cards[label]),
            next(iter(colours[label])) if len(colours[label]) == 1 else GREY,
        )
        for label in copies
    ]


# --- what concerns a team ----------------------------------------------------------------------


def tracks_named(expr: Expr | None) -> set[str]:
    return {n.name for n in walk(expr.tree) if isinstance(n, Name)} if expr is not None else set()


def team_tracks(scenario: Scenario, actor: str) -> set[str]:
    """The tracks a team cares about: its own, and those its objectives read."""
    own = {ref for ref, owner in scenario.track_owner.items() if owner == actor}
    for objective in scenario.actors[actor].objectives.values():
        own |= tracks_named(objective.when)
    return own


def drift_for(scenario: Scenario, actor: str) -> list[Line]:
    """The end-of-turn rules whose condition or effects touch a track the team cares about."""
    mine = team_tracks(scenario, actor)
    lines = []
    for rule in scenario.drift:
        touched = tracks_named(rule.when) | {e.track for e in rule.effects}
        if touched & mine:
            effects = effects_text(scenario, rule.effects)
            if rule.when:
                text = tr(
                    "If {condition}: {effects}", condition=readable(rule.when, scenario, "this turn"), effects=effects
                )
            else:
                text = tr("Every turn: {effects}", effects=effects)
            lines.append(Line(pick(rule.name), text))
    return lines


def ending_lines(scenario: Scenario, actor: str | None = None) -> list[Line]:
    """Every ending in the order they are checked; a team's own tracks are what make it 'concern' it."""
    lines = []
    for ending in scenario.endings.values():
        when = (
            tr("If {condition}", condition=readable(ending.when, scenario, "this turn"))
            if ending.when
            else tr("Otherwise")
        )
        notes = []
        if ending.immediate:
            notes.append(tr("checked after every turn: the game ends at once"))
        else:
            notes.append(tr("checked after the last turn"))
        if ending.everyone_loses:
            notes.append(tr("everyone loses"))
        if ending.blame_rule is not None:
            track, direction = ending.blame_rule
            label = track_label(scenario, track)
            if direction == "up":
                blame = tr("the team whose move last raised {track} is blamed", track=label)
            else:
                blame = tr("the team whose move last lowered {track} is blamed", track=label)
            if ending.blamed_points is not None:
                blame += tr(" and scores {points}", points=ending.blamed_points)
            notes.append(blame)
        if ending.winners:
            notes.append(tr("{teams} win", teams=_teams(scenario, ending.winners)))
        if ending.losers:
            notes.append(tr("{teams} lose", teams=_teams(scenario, ending.losers)))
        if ending.points:
            scored = (f"{_teams(scenario, (team,))} {points:+d}" for team, points in ending.points.items())
            notes.append(", ".join(scored))
        text = f"{when} ({'; '.join(notes)}). {pick(ending.text)}".strip()
        lines.append(Line(pick(ending.name), text))
    return lines


def _teams(scenario: Scenario, teams: tuple[str, ...]) -> str:
    """Teams named by an ending (format 2), 'the team blamed' for `blamed`."""
    names = [
        tr("the team blamed") if team == "blamed" else pick(scenario.actors[team].short or scenario.actors[team].name)
        for team in teams
    ]
    if len(names) < 2:
        return "".join(names)
    return tr("{first} and {second}", first=", ".join(names[:-1]), second=names[-1])


def objective_lines(scenario: Scenario, actor: str) -> list[Line]:
    lines = []
    for objective in scenario.actors[actor].objectives.values():
        signed = format(objective.points, "+d")
        points = ntr("{points} point", "{points} points", abs(objective.points), points=signed)
        main = " · " + tr("main objective") if objective.main else ""
        text = tr(
            "{objective} (at the end: {condition})",
            objective=pick(objective.text),
            condition=readable(objective.when, scenario),
        )
        lines.append(Line(points + main, text))
    return lines


def budget_text(scenario: Scenario, actor: str) -> str:
    """A team's political capital: '2', or a formula in words with what it is at the start."""
    budget = scenario.actors[actor].budget
    formula, value = readable(budget, scenario), budget(start_env(scenario))
    return formula if formula == str(value) else tr("{formula} (at the start: {value})", formula=formula, value=value)


def turn_values(scenario: Scenario, amount: Expr) -> list[tuple[int, list[int]]] | None:
    """What an amount that reads only the turn (a budget of 'turn % 2') is on each turn of the longest game,
    as (value, its turns) in the order the values first come; None when it reads anything else, or none.
    A team never gets less than nothing: the game counts a negative amount as 0."""
    nodes = walk(amount.tree)
    if tracks_named(amount) != {"turn"} or any(isinstance(node, Call) for node in nodes):
        return None
    tracks = start_values(scenario)
    found: dict[int, list[int]] = {}
    for turn in range(1, scenario.turn_range[1] + 1):
        found.setdefault(max(0, amount(Env(tracks, turn, {}, {}, {}))), []).append(turn)
    return list(found.items())


def turn_values_text(scenario: Scenario, amount: Expr) -> str | None:
    """'1 on turns 1, 3, 5; 0 on turns 2, 4, 6' for an amount that changes with the turn only (worked out
    turn by turn: a class reads values, not 'the turn mod 2'); None for any other amount."""
    values = turn_values(scenario, amount)
    if values is None or len(values) < 2:
        return None
    return "; ".join(
        ntr(
            "{value} on turn {turns}",
            "{value} on turns {turns}",
            len(turns),
            value=value,
            turns=", ".join(str(turn) for turn in turns),
        )
        for value, turns in values
    )


# --- order slips ---------------------------------------------------------------------------------


def slip_count(scenario: Scenario, actor: str) -> int:
    """How many order slips a team needs: one for each round it orders in, every turn of the longest game,
    and a spare."""
    return rounds_of(scenario, actor) * scenario.turn_range[1] + 1


def offers_received(scenario: Scenario, actor: str) -> list[tuple[str, tuple[str, ...]]]:
    """Every offer a team can receive in one turn, as (offer card, the teams making it): each team that may
    make an offer to it (a joint offer: all its teams at once), and each counter-offer that may come back
    to it in answer to an offer of its own."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for move_id, move in scenario.moves.items():
        if move.offer is not None and move.offer.to == actor:
            found += [(move_id, move.by)] if move.joint else [(move_id, (maker,)) for maker in move.by]
    for move in scenario.moves.values():
        if move.offer is not None and actor in move.by:
            for counter in move.offer.counters:
                if (counter, (move.offer.to,)) not in found:
                    found.append((counter, (move.offer.to,)))
    return found


# --- what a track must show on the board --------------------------------------------------------

_FLIPPED = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "==", "!=": "!="}


def _parts(value: object, seen: set[int]) -> Iterator[object]:
    """Every attrs object, expression and effect inside a scenario's item, depth first."""
    if id(value) in seen:
        return
    seen.add(id(value))
    yield value
    if isinstance(value, Expr):
        return
    if isinstance(value, dict):
        children: Iterable[object] = value.values()
    elif isinstance(value, (list, tuple, set, frozenset)):
        children = value
    elif attrs.has(kind := type(value)):
        children = (getattr(value, f.name) for f in attrs.fields(kind) if f.name not in DERIVED_FIELDS)
    else:
        return
    for child in children:
        yield from _parts(child, seen)


def _number(node: Node) -> int | None:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Unary) and node.op == "-" and isinstance(node.operand, Num):
        return -node.operand.value
    return None


def track_marks(scenario: Scenario) -> dict[str, dict[int, set[str]]]:
    """The values the rules test of each track, with how: {'rok.support': {66: {'>='}, 60: {'<'}}}, from every
    condition and formula of the scenario (cards' conditions, events, end-of-turn rules, objectives, endings)."""
    marks: dict[str, dict[int, set[str]]] = {}
    for part in _parts(scenario, set()):
        if not isinstance(part, Expr):
            continue
        for node in walk(part.tree):
            if not isinstance(node, Binary) or node.op not in _FLIPPED:
                continue
            for name, number, op in ((node.left, node.right, node.op), (node.right, node.left, _FLIPPED[node.op])):
                value = _number(number)
                if isinstance(name, Name) and name.name in scenario.all_tracks and value is not None:
                    marks.setdefault(name.name, {}).setdefault(value, set()).add(op)
    return marks


def _effects_on(item: object, ref: str) -> list[Effect]:
    return [p for p in _parts(item, set()) if isinstance(p, Effect) and p.track == ref and p.learn is None]


def track_reach(scenario: Scenario, ref: str) -> tuple[int, int, int]:
    """The lowest and highest values a track can reach in the longest game, and the step it moves by.

    Conservative: every card each of its teams may play, every combination, event and end-of-turn rule,
    all in every turn (each card once a turn, in each round it may be played); a change worked out by a
    formula, or setting the track, can take it anywhere between its limits, one by one.
    """
    track = scenario.all_tracks[ref]
    rounds = max(1, len(scenario.phases))
    changes: list[tuple[Effect, int]] = []
    for move in scenario.moves.values():
        times = (1 if move.joint else len(move.by)) * rounds
        changes += [(effect, times) for effect in _effects_on(move, ref)]
    changes += [(effect, rounds) for effect in _effects_on(scenario.interactions, ref)]
    changes += [(effect, 1) for effect in _effects_on((scenario.events, scenario.drift), ref)]
    if any(effect.amount is not None or effect.op != "add" or effect.fact for effect, _ in changes):
        return track.min, track.max, 1
    up = sum(effect.delta * times for effect, times in changes if effect.delta > 0)
    down = sum(-effect.delta * times for effect, times in changes if effect.delta < 0)
    step = math.gcd(*(effect.delta for effect, _ in changes)) or 1
    turns = scenario.turn_range[1]
    return max(track.min, track.start - down * turns), min(track.max, track.start + up * turns), step


#: The most boxes in a row of a track on the board, and the most rows of one track.
MAX_BOXES = 21
MAX_ROWS = 6
#: How many values a row of a wide track spans, in its steps: rows start at round numbers (0, 20, 40 …).
ROW_SPANS = (10, 20, 25, 50, 100, 200, 250, 500, 1000)


def track_rows(scenario: Scenario, ref: str, marks: dict[int, set[str]] | None = None) -> list[list[int]]:
    """The boxes of a track on the board, row by row: a box for every value the game can reach (from the
    start, in the steps it moves by, and from a limit it stops at), so a marker always stands on its exact
    value, and for the start and every value the rules test. A narrow track is one row of every value; a
    wide one (an opinion poll from 0 to 100) is rows of 20 or so, each starting at a round number."""
    track = scenario.all_tracks[ref]
    if track.max - track.min < MAX_BOXES:
        return [list(range(track.min, track.max + 1))]
    marks = track_marks(scenario).get(ref, {}) if marks is None else marks
    tested = {v for v in marks if track.min <= v <= track.max} | {track.start}
    low, high, step = track_reach(scenario, ref)
    low, high = min(low, *tested), max(high, *tested)
    for span in (n * step for n in ROW_SPANS):
        first = max(track.min, low // span * span)
        last = min(track.max, -(-(high + 1) // span) * span - 1)
        anchors = [track.start] + [limit for limit in (track.min, track.max) if first <= limit <= last]
        values = sorted({v for v in range(first, last + 1) if any((v - a) % step == 0 for a in anchors)} | tested)
        rows: list[list[int]] = []
        for value in values:
            if rows and rows[-1][0] // span == value // span:
                rows[-1].append(value)
            else:
                rows.append([value])
        if len(rows) > 1 and len(rows[-1]) == 1 and len(rows[-2]) < MAX_BOXES:
            tail = rows.pop()
            rows[-1] += tail  # the 100 of 0-100 ends the row of 80s
        if len(rows) <= MAX_ROWS and all(len(row) <= MAX_BOXES for row in rows):
            return rows
    # too many values for a board: boxes in steps, with the start and the values the rules test
    coarse = max(1, -(-(track.max - track.min) // (MAX_BOXES * MAX_ROWS - len(tested) - 2)))
    values = sorted({*range(track.min, track.max + 1, coarse), track.max, *tested})
    return [values[i : i + MAX_BOXES] for i in range(0, len(values), MAX_BOXES)]


# --- the timeline of real events ---------------------------------------------------------------

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DATE = re.compile(rf"(?:(\d{{1,2}}) )?\b({'|'.join(_MONTHS)})\b(?: (\d{{4}}))?|\b(1[89]\d\d|20\d\d)\b")


@frozen
class Dated:
    date: str  # sortable: 'YYYY-MM-DD', 'YYYY-MM', 'YYYY', or '' when undated
    text: str
    sources: tuple[str, ...]
    #: what the note is told on (a card, an event, an ending), by name: printed before a note that needs it
    about: str = ""
    #: the note opens on its card ('This did not happen …', 'Much like the end of 2023 …'): alone it makes no sense
    needs_card: bool = False


def _date_in_text(text: str, year: str | None = None) -> str:
    """The first date a history text names: '26 April 2023' → '2023-04-26'; a day or month without its year
    ('On 27 October') is of the last year named before it, else of ``year`` (the scenario's)."""
    days = _dates_in_text(text, year)
    return days[0] if days else ""


def _days_in_text(text: str, year: str | None = None) -> set[str]:
    """Every day a history text names, in full or by day and month: {'2023-07-18', '2023-12-19'}."""
    return {date for date in _dates_in_text(text, year) if len(date) == 10}


def _dates_in_text(text: str, year: str | None) -> list[str]:
    """The dates a history text names, in its order: '2023-07-18', '2023-04', '2017'."""
    dates = []
    for match in _DATE.finditer(text):
        day, month, named, bare = match.groups()
        if bare:
            dates.append(bare)
            continue
        before = re.findall(r"\b(1[89]\d\d|20\d\d)\b", text[: match.start()])
        named = named or (before[-1] if before else year)
        if named:
            stamp = f"{named}-{_MONTHS.index(month) + 1:02d}"
            dates.append(f"{stamp}-{int(day):02d}" if day else stamp)
    return dates


def scenario_year(scenario: Scenario) -> str | None:
    """The year a scenario's history notes name most often: the year of a note that says only 'On 27 October'."""
    years: dict[str, int] = {}
    for teach in teachings(scenario):
        if teach is not None and teach.history:
            for year in re.findall(r"\b(1[89]\d\d|20\d\d)\b", str(teach.history)):
                years[year] = years.get(year, 0) + 1
    return max(years, key=lambda y: years[y]) if years else None


def _date_of(scenario: Scenario, teach: Teach, year: str | None = None) -> str:
    """A history's date: named in its text, else its earliest dated source of the scenario's year (a book
    published thirty years on does not date the event it tells)."""
    found = _date_in_text(str(teach.history), year)
    if found:
        return found
    dates = sorted(s.date for s in (scenario.sources.get(i) for i in teach.sources) if s and s.date)
    dates = [date for date in dates if year is None or date.startswith(year)]
    return dates[0] if dates else ""


def teachings(scenario: Scenario) -> Iterable[Teach | None]:
    yield from (teach for _name, teach in named_teachings(scenario))


def named_teachings(scenario: Scenario) -> Iterator[tuple[str, Teach | None]]:
    """Every teaching text of a scenario with the name of what it is told on (a card, an event, an ending)."""
    yield pick(scenario.title), scenario.teach
    for group in (scenario.tracks, scenario.actors, scenario.moves, scenario.events):
        yield from ((pick(item.name), item.teach) for item in group.values())
    for actor in scenario.actors.values():
        yield from ((pick(t.name), t.teach) for t in actor.tracks.values())
    for group2 in (scenario.interactions, scenario.endings):
        yield from ((pick(item.name), item.teach) for item in group2.values())
    yield from ((pick(lesson.claim), lesson.teach) for lesson in scenario.lessons.values())


#: A note that opens on what its card said ('This did not happen', 'It did not happen', 'Much like the end of
#: 2023') or speaks of 'this card': read alone, on a timeline, it says nothing.
_NEEDS_CARD = re.compile(
    r"^(?:This|That|These|Those|It|They|Such|Much like)\b|\bthis (?:card|move|event|ending)\b|"
    r"^(?:\S+\s+){0,6}such an? [\w-]+\.",
)


def _dates_agree(a: str, b: str) -> bool:
    """Two dates that can be one day: the same year, and the same month and day where both say them."""
    n = min(len(a), len(b))
    return bool(a and b) and a[:n] == b[:n]


#: Words too common to tell two notes apart ('the', 'in', 'said').
# fmt: off
_COMMON = {
    "a", "after", "all", "an", "and", "any", "as", "at", "be", "been", "before", "by", "first", "for", "from",
    "had", "has", "have", "her", "his", "in", "into", "is", "it", "its", "more", "most", "no", "not", "of",
    "on", "or", "said", "say", "says", "than", "that", "the", "their", "this", "to", "was", "were", "which",
    "while", "who", "will", "with", "would",
}
# fmt: on


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9]+", text.lower()) if word not in _COMMON and len(word) > 1}


def _alike(a: str, b: str) -> float:
    """How much of the shorter note the longer one says too: the share of its words found in the other."""
    mine, theirs = _words(a), _words(b)
    return len(mine & theirs) / max(1, min(len(mine), len(theirs)))


def _same_event(a: Dated, b: Dated, days: dict[str, set[str]]) -> bool:
    """Two history notes tell one event when they cite a source in common and

    - say much the same (most of the shorter note's words are in the other), in the same year; or
    - cite the same sources for the same month, neither naming a day; or
    - can be of one date (a note that names days is of those days) and cite the event's sources (one's
      sources are among the other's, most of them are, or both name the same day), saying partly the same.

    Decided on the English of the notes (a kit in any language lists the same events)."""
    mine, theirs = set(a.sources), set(b.sources)
    if not mine & theirs:
        return False
    alike = _alike(a.text, b.text)
    if alike >= 0.6 and (a.date[:4] == b.date[:4] or not a.date or not b.date):
        return True
    days_a, days_b = days[a.text], days[b.text]
    if mine == theirs and len(a.date) >= 7 and a.date[:7] == b.date[:7] and not days_a and not days_b:
        return True
    if alike < 0.4 or not _dates_agree(a.date, b.date):
        return False
    if days_a and days_b and not days_a & days_b:
        return False
    for named, other, its_days in ((days_a, b, days_b), (days_b, a, days_a)):
        if named and not its_days and not any(_dates_agree(day, other.date) for day in named):
            return False
    shared = mine & theirs
    if shared in (mine, theirs) or days_a & days_b:
        return True
    return len(shared) >= 2 and 3 * len(shared) >= 2 * min(len(mine), len(theirs))


def _order(note: Dated) -> str:
    """Where a note goes on the timeline: at its date; a year alone at the start of that year, unless the note
    says 'late 2017' (after that year's months) or 'mid-2017' (in its middle)."""
    if len(note.date) == 4:
        if re.search(rf"\b(?:late|end of) {note.date}\b", note.text, re.IGNORECASE):
            return f"{note.date}-12-99"
        if re.search(rf"\bmid-?\s?{note.date}\b", note.text, re.IGNORECASE):
            return f"{note.date}-06-99"
    return note.date


def timeline(scenario: Scenario) -> list[Dated]:
    """The real events behind a scenario, each once, in date order (a year alone before that year's months,
    undated ones last, in file order).

    Several cards often tell one event (the Declaration of 26 April 2023 is on half a dozen backs): the
    notes of one event (``_same_event``) are told by the one that dates it most exactly, and of those the
    longest. Which notes are kept is decided on the scenario's English, so a kit in any language lists the
    same events."""
    notes: list[Dated] = []
    seen: set[str] = set()
    year = scenario_year(scenario)
    for name, teach in named_teachings(scenario):
        if teach is None or not teach.history or str(teach.history) in seen:
            continue
        english = str(teach.history)
        seen.add(english)
        needs_card = bool(_NEEDS_CARD.search(english))
        notes.append(Dated(_date_of(scenario, teach, year), english, teach.sources, name, needs_card))
    days = {note.text: _days_in_text(note.text, year) for note in notes}
    best_first = sorted(
        range(len(notes)), key=lambda i: (-len(notes[i].date), notes[i].needs_card, -len(notes[i].text))
    )
    events: list[list[int]] = []  # each event's notes, the one that tells it first
    for i in best_first:
        told = next((event for event in events if any(_same_event(notes[i], notes[j], days) for j in event)), None)
        if told is None:
            events.append([i])
        else:
            told.append(i)
    kept = sorted((event[0] for event in events), key=lambda i: (notes[i].date == "", _order(notes[i]), i))
    by_english = {str(teach.history): teach for _name, teach in named_teachings(scenario) if teach and teach.history}
    return [attrs.evolve(notes[i], text=pick(by_english[notes[i].text].history)) for i in kept]


def short_month(month: int) -> str:
    """A month's short name in the current language: 4 → 'Apr', '4월'."""
    first = [tr("Jan"), tr("Feb"), tr("Mar"), tr("Apr"), tr("May"), tr("Jun")]
    second = [tr("Jul"), tr("Aug"), tr("Sep"), tr("Oct"), tr("Nov"), tr("Dec")]
    return [*first, *second][month - 1]


def date_words(date: str) -> str:
    """'2023-04-26' → '26 Apr 2023', '2023-04' → 'Apr 2023'; anything else as it is."""
    parts = date.split("-")
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = int(parts[1])
        if len(parts) == 3 and parts[2].isdigit():
            return tr("{day} {month} {year}", day=int(parts[2]), month=short_month(month), year=parts[0])
        return tr("{month} {year}", month=short_month(month), year=parts[0])
    return date
