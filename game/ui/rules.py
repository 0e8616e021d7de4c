"""Every rule of a card and every ending's threshold, in words: what the board and the cards print.

No pygame here (the text game and the team devices can say the same). A card's rules are all
on it: its cost, who must join it, when it may be played, each effect, the dice with their
chance, and an offer's terms. The endings' thresholds are read from the scenario's conditions,
so the tracks can mark where an ending begins and the board can warn when one is a move away.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from game.engine.view import View
from game.i18n import language, ntr, pick, tr
from game.report.logtext import cap_text, cost_text
from game.scenario.expr import Binary, Call, Name, Node, Num
from game.scenario.model import Effect, Move, Scenario
from game.scenario.readable import readable
from game.ui.wording import dice_chance, effect_words, short_name, track_label


def _effects(scenario: Scenario, effects: tuple[Effect, ...]) -> str:
    return ", ".join(effect_words(scenario, effects)) or tr("nothing changes")


def _team(scenario: Scenario, actor: str) -> str:
    return short_name(scenario.actors[actor])


def card_rules(scenario: Scenario, move: Move, view: View | None = None) -> list[str]:
    """A card's rules, one line each, in the order a team weighs them."""
    if scenario.resources:  # format 2: each resource by its name
        lines = [tr("Costs {cost}.", cost=cost_text(scenario, move))]
    else:
        lines = [tr("Costs {cost} political capital.", cost=scenario.price(move)[0])]
    if cap_text(scenario, move):
        lines.append(cap_text(scenario, move) + ".")
    if scenario.format >= 2 and move.free:
        lines.append(tr("Free: playable even with nothing left to spend."))
    if move.joint:
        teams = " + ".join(_team(scenario, a) for a in move.by)
        lines.append(tr("Needs {teams}: every one of them plays it this turn, or it does not happen.", teams=teams))
    if move.requires is not None:
        lines.append(tr("Only when {condition}.", condition=readable(move.requires, scenario, lang=language())))
    if move.effects:
        lines.append(tr("Does: {effects}.", effects=_effects(scenario, move.effects)))
    roll = move.roll
    if roll is not None:
        plus = f" + {readable(roll.plus, scenario, 'this turn', language())}" if roll.plus else ""
        chance = f" ({dice_chance(scenario, move, view)})" if view is not None else ""
        lines.append(
            tr(
                "Dice: {dice}{plus}, success on {target} or more{chance}.",
                dice=roll.dice,
                plus=plus,
                target=roll.target,
                chance=chance,
            )
        )
        lines.append(tr("On success: {effects}.", effects=_effects(scenario, roll.success)))
        lines.append(tr("On failure: {effects}.", effects=_effects(scenario, roll.failure)))
    offer = move.offer
    if offer is not None:
        target = _team(scenario, offer.to)
        lines.append(tr("An offer to {target}, who answers next turn.", target=target))
        lines.append(tr("If {target} accepts: {effects}.", target=target, effects=_effects(scenario, offer.accept)))
        if offer.agreement is not None:
            deal = offer.agreement
            for actor, paused in deal.pauses.items():
                names = ", ".join(pick(scenario.moves[m].name) for m in paused)
                lines.append(
                    tr(
                        "Deal for {turns} turns: {team} does not play {moves}.",
                        turns=deal.turns,
                        team=_team(scenario, actor),
                        moves=names,
                    )
                )
            if deal.broken:
                lines.append(tr("Breaking the deal: {effects}.", effects=_effects(scenario, deal.broken)))
        lines.append(tr("If {target} rejects: {effects}.", target=target, effects=_effects(scenario, offer.reject)))
        lines.append(
            tr("If {target} does not answer: {effects}.", target=target, effects=_effects(scenario, offer.ignore))
        )
    if move.limit is not None:
        lines.append(ntr("At most once a game.", "At most {n} times a game.", move.limit))
    return lines


# --- endings you can see coming ---------------------------------------------------------------


@frozen
class Threshold:
    """Where an ending begins on a track: 'tension >= 10' is Catastrophe at 10 and above."""

    track: str
    op: str  # one of <=, >=, <, >, ==
    value: int
    ending: str  # its name
    sudden: bool = False  # an ending that stops the game at once (a catastrophe, a bomb): drawn in red
    card: str = ""  # the move whose play brings the ending, when this is a part of that move's condition

    def met(self, value: float) -> bool:
        return {
            "<=": value <= self.value,
            ">=": value >= self.value,
            "<": value < self.value,
            ">": value > self.value,
            "==": value == self.value,
        }.get(self.op, False)

    def steps_to(self, value: float) -> float:
        """How far the track must still move for this part of the ending to hold (0: it holds)."""
        if self.met(value):
            return 0
        if self.op in (">=", ">"):
            return self.value + (1 if self.op == ">" else 0) - value
        if self.op in ("<=", "<"):
            return value - self.value + (1 if self.op == "<" else 0)
        return abs(value - self.value)

    @property
    def edge(self) -> float:
        """The first value at which it holds, for drawing its mark."""
        return {">": self.value + 1, "<": self.value - 1}.get(self.op, self.value)


_FLIP = {"<=": ">=", ">=": "<=", "<": ">", ">": "<", "==": "=="}


_Part = tuple[str, str, int, str]  # (track, op, number, the card it is a condition of, or "")


def _comparisons(node: Node, scenario: Scenario, card: str = "") -> list[_Part] | None:
    """The (track, op, number, card) parts of a condition made only of 'and'ed comparisons; None otherwise.

    ``ever(move) >= 1`` stands for that move's own condition: playing it is one move away when
    its condition holds, so the comparisons of its ``requires`` are the ending's too, each naming
    the card. A condition on the turn is a part whose track is ``turn`` (no track draws it)."""
    if isinstance(node, Binary) and node.op == "and":
        first, second = _comparisons(node.left, scenario, card), _comparisons(node.right, scenario, card)
        return None if first is None or second is None else first + second
    if not isinstance(node, Binary) or node.op not in _FLIP:
        return None
    left, right, op = node.left, node.right, node.op
    if isinstance(left, Num):
        left, right, op = right, left, _FLIP[op]
    if isinstance(left, Name) and isinstance(right, Num) and left.name in scenario.all_tracks:
        return [(left.name, op, right.value, card)]
    if isinstance(left, Name) and left.name == "turn":
        return [("turn", op, right.value, card)] if isinstance(right, Num) else []
    if isinstance(left, Call) and left.func == "ever" and isinstance(right, Num) and op in (">=", ">"):
        arg = left.args[0] if left.args else None
        move = scenario.moves.get(arg.name) if isinstance(arg, Name) else None
        if move is not None and move.requires is not None:
            return _comparisons(move.requires.tree, scenario, arg.name)  # type: ignore[union-attr]
        return [] if move is not None else None
    return None


def ending_thresholds(scenario: Scenario) -> dict[str, list[list[Threshold]]]:
    """For each ending with a condition the board can show: its parts (all must hold), by ending id."""
    out: dict[str, list[list[Threshold]]] = {}
    for ending_id, ending in scenario.endings.items():
        if ending.when is None:
            continue
        parts = _comparisons(ending.when.tree, scenario)
        if parts and any(track != "turn" for track, *_ in parts):
            sudden = ending.immediate or ending.everyone_loses
            name = pick(ending.name)
            out[ending_id] = [[Threshold(track, op, value, name, sudden, card) for track, op, value, card in parts]]
    return out


def track_marks(scenario: Scenario) -> dict[str, list[Threshold]]:
    """The thresholds to draw on each track: where an ending (or its last step) begins."""
    marks: dict[str, list[Threshold]] = {}
    for groups in ending_thresholds(scenario).values():
        for group in groups:
            for mark in group:
                if mark.track != "turn":  # the turn has no track to draw on
                    marks.setdefault(mark.track, []).append(mark)
    return marks


def biggest_step(scenario: Scenario) -> dict[str, int]:
    """The most any one card can move each track (its effects, its best roll or an accepted offer)."""
    reach: dict[str, int] = {}
    for move in scenario.moves.values():
        groups = [move.effects]
        if move.roll is not None:
            groups += [move.effects + move.roll.success, move.effects + move.roll.failure]
        if move.offer is not None:
            groups.append(move.offer.accept)
        for group in groups:
            for effect in group:
                reach[effect.track] = max(reach.get(effect.track, 0), abs(effect.delta))
    return reach


def endings_near(scenario: Scenario, values: Mapping[str, float | None], turn: int | None = None) -> list[str]:
    """A warning for each ending that one more move could bring: 'Catastrophe is one move away: Tension 9 (ends at 10)'.

    ``values`` holds what the viewer sees (None for a track it cannot read): a hidden track
    never gives a warning away. An ending already reached is not warned of. An ending that a card
    brings (``ever(card)``) is never said to come by itself: the warning names the card and the
    team that may play it, once its condition holds or is one move (or one turn) from holding.
    """
    reach = biggest_step(scenario)
    warnings = []
    for ending_id, groups in ending_thresholds(scenario).items():
        if not scenario.endings[ending_id].immediate:
            continue
        for group in groups:
            seen = [(mark, turn if mark.track == "turn" else values.get(mark.track)) for mark in group]
            if any(value is None and mark.track != "turn" for mark, value in seen):
                continue
            short = [(mark, value) for mark, value in seen if value is not None and mark.steps_to(value) > 0]
            if len(short) > 1:
                continue
            card = next((mark.card for mark in group if mark.card), "")
            if not short:  # every part holds: the last step is a card a team may now play
                warnings.append(_card_warning(scenario, ending_id, card))
                continue
            mark, value = short[0]
            if mark.track == "turn":
                if mark.steps_to(value) <= 1 and card:  # next turn, the card can be played
                    warnings.append(_card_warning(scenario, ending_id, card, from_turn=round(mark.edge)))
            elif mark.steps_to(value) <= reach.get(mark.track, 1):
                said: dict[str, object] = {"ending": mark.ending, "track": track_label(scenario, mark.track)}
                said.update(value=round(value), edge=round(mark.edge))
                if card:  # the track brings the card within reach, not the ending
                    said.update(team=_players(scenario, card), card=pick(scenario.moves[card].name))
                    near = tr(
                        "{ending} is near: once {track} is at {edge} (it is {value}), {team} can play {card}.", **said
                    )
                else:
                    near = tr("{ending} is one move away: {track} {value} (it ends at {edge}).", **said)
                warnings.append(near)
    return warnings


def _card_warning(scenario: Scenario, ending_id: str, card: str, from_turn: int | None = None) -> str:
    """The warning of an ending whose condition holds: the card that brings it, and who may play it."""
    name = pick(scenario.endings[ending_id].name)
    if not card:
        return tr("{ending} is one move away: a team can now play the card that brings it.", ending=name)
    named = {"ending": name, "team": _players(scenario, card), "card": pick(scenario.moves[card].name)}
    if from_turn is not None:
        return tr("{ending} is near: from turn {turn}, {team} can play {card}.", turn=from_turn, **named)
    return tr("{ending} is one move away: {team} can now play {card}.", **named)


def _players(scenario: Scenario, card: str) -> str:
    """The teams that play a card, by their short names."""
    return ", ".join(short_name(scenario.actors[a]) for a in scenario.moves[card].by)


def ending_cause(scenario: Scenario, ending_id: str, tracks: Mapping[str, int]) -> list[str]:
    """Why the game ended, with its numbers: 'Tension 10 (this ending needs at least 10)', one line a part."""
    lines = []
    for group in ending_thresholds(scenario).get(ending_id, []):
        for mark in group:
            value = tracks.get(mark.track)
            if value is None:  # a part on the turn, or a track the ending does not read
                continue
            label = track_label(scenario, mark.track)
            lines.append(_cause_line(mark, label, value))
    return lines


def endings_missed(scenario: Scenario, reached: str, tracks: Mapping[str, int]) -> list[str]:
    """When the game ended in its ending without a condition (the one left when no other holds), the
    endings scored at the end that one track missed by one step, with its number: 'One short of
    Diplomatic breakthrough: Dialogue 4 (this ending needs at least 5).' Why there was no
    breakthrough (or no standoff), in numbers."""
    ending = scenario.endings.get(reached)
    if ending is None or ending.when is not None:
        return []
    lines = []
    for ending_id, groups in ending_thresholds(scenario).items():
        other = scenario.endings[ending_id]
        if ending_id == reached or other.immediate or other.everyone_loses:
            continue
        for group in groups:
            seen = [(mark, tracks.get(mark.track)) for mark in group if mark.track != "turn" and not mark.card]
            short = [(mark, value) for mark, value in seen if value is not None and mark.steps_to(value) > 0]
            if len(short) == 1 and len(seen) == len(group) and short[0][0].steps_to(short[0][1]) <= 1:
                mark, value = short[0]
                cause = _cause_line(mark, track_label(scenario, mark.track), value)
                lines.append(tr("One short of {ending}: {cause}", ending=pick(other.name), cause=cause))
    return lines


def _cause_line(mark: Threshold, track: str, value: int) -> str:
    """'Tension 10 (this ending needs at least 10)': the number and the rule it met, in words."""
    if mark.op in (">=", ">"):
        return tr("{track} {value} (this ending needs at least {edge}).", track=track, value=value, edge=mark.edge)
    if mark.op in ("<=", "<"):
        return tr("{track} {value} (this ending needs at most {edge}).", track=track, value=value, edge=mark.edge)
    return tr("{track} {value} (this ending needs exactly {edge}).", track=track, value=value, edge=mark.edge)
