"""What the game says about moves and deals, in words: shared by the window and the terminal game.

No pygame here: the terminal game (the accessible mode) must say the same as the cards.
"""

from __future__ import annotations

from game.engine.rng import chance_of_success, parse_dice
from game.engine.view import View, agreements_at_risk, hidden_condition
from game.i18n import tr
from game.scenario.intervals import Interval, bounds_of, scenario_bounds
from game.scenario.model import Effect, Move, Scenario
from game.scenario.readable import readable


def effect_words(scenario: Scenario, effects: tuple[Effect, ...]) -> list[str]:
    """Each effect as the cards say it: '+2 ROK Assurance' (shared with the print kit)."""
    return [f"{e.delta:+d} {scenario.track_label[e.track]}" for e in effects]


def effect_preview(scenario: Scenario, move: Move, view: View) -> str:
    """The likely effects of a move in a few words: '+2 ROK Assurance · dice 72%'."""
    parts = effect_words(scenario, move.effects)
    if move.roll is not None:
        parts.append(dice_chance(scenario, move, view))
    if move.offer is not None:
        parts.append(f"offer to {scenario.actors[move.offer.to].short or scenario.actors[move.offer.to].name}")
    if move.joint:
        parts.append("needs " + " and ".join(str(scenario.actors[a].short or a) for a in move.by))
    if hidden_condition(scenario, view.actor, move):
        parts.append(tr("depends on something you cannot see: it may fail when played"))
    return " · ".join(parts) or "no direct effect"


def dice_chance(scenario: Scenario, move: Move, view: View) -> str:
    """'dice: 72% success', or a range when the modifier reads what the team cannot see exactly:
    'dice: 28–83% success' (never a single figure worked out as if an unseen track were 0)."""
    roll = move.roll
    assert roll is not None
    count, sides = parse_dice(roll.dice)
    if roll.plus is None:
        return f"dice: {round(chance_of_success(count, sides, roll.target) * 100)}% success"
    names = scenario_bounds(scenario, view.ever)  # the rules, and the counts of plays so far (public)
    names["turn"] = Interval(view.turn, view.turn)
    for ref in scenario.all_tracks:  # the value, or the range the team sees; unseen, the track's limits stay
        seen = view.tracks[ref]
        if seen.known:
            names[ref] = Interval(seen.low, seen.high)
    plus = bounds_of(roll.plus.tree, names)
    worst = round(chance_of_success(count, sides, roll.target - plus.low) * 100)
    best = round(chance_of_success(count, sides, roll.target - plus.high) * 100)
    return f"dice: {worst}% success" if worst == best else f"dice: {worst}–{best}% success"


def deal_lines(scenario: Scenario, view: View) -> list[tuple[str, bool]]:
    """The team's deals: agreements in force (True) and its offers awaiting an answer (False)."""

    def promised(offer_move: str, lead: str) -> str:
        spec = scenario.moves[offer_move].offer
        paused = spec.agreement.pauses.get(view.actor, ()) if spec and spec.agreement else ()
        names = ", ".join(str(scenario.moves[m].name) for m in paused)
        return f" {lead} not to play: {names}." if names else ""

    lines = []
    for agreement in view.agreements:
        name = scenario.moves[agreement.move].name
        text = f"Agreement in force: {name} (until turn {agreement.until})."
        lines.append((text + promised(agreement.move, "We promised"), True))
    for offer in view.my_offers:
        target = scenario.actors[offer.to]
        name = scenario.moves[offer.move].name
        text = f"Our offer {name} awaits {target.short or target.name}'s answer this turn."
        lines.append((text + promised(offer.move, "If accepted, we promise"), False))
    return lines


def deal_warning(scenario: Scenario, view: View, move_id: str, accepting: list[int], *, short: bool = False) -> str:
    """What a move would do to the team's deals, in words ('' when it breaks none); short for a card."""
    parts = []
    for risk in agreements_at_risk(scenario, view, move_id, accepting):
        name = scenario.moves[risk.offer].name
        if risk.certain:
            parts.append(f"Breaks the deal {name}" if short else f"Breaks the agreement {name}")
        elif short:
            parts.append(f"Breaks {name} if accepted")
        else:
            assert risk.answering is not None
            answering = scenario.actors[risk.answering]
            parts.append(f"Breaks {name} if {answering.short or answering.name} accepts it this turn")
    return "; ".join(dict.fromkeys(parts))


def describe(scenario: Scenario, move: Move) -> str:
    """A card's rules in a sentence or two, for the learn-more panel."""
    bits = [str(move.text)] if move.text else []
    kind = scenario.kinds[move.kind]
    bits.append(f"{kind.name}, costs {move.cost}.")
    if move.roll is not None:
        plus = f" + {readable(move.roll.plus, scenario, 'this turn')}" if move.roll.plus else ""
        bits.append(f"Roll {move.roll.dice}{plus}: success on {move.roll.target} or more.")
    if move.requires is not None:
        bits.append(f"Only when {readable(move.requires, scenario)}.")
    return " ".join(bits)


def turn_heading(scenario: Scenario, turn: int) -> str:
    """'Turn 4 of 8', or with a secret last turn the same words every turn: never 'Turn 9 of 7–9'."""
    low, high = scenario.turn_range
    if low == high:
        return f"Turn {turn} of {high}"
    return f"Turn {turn} (the game ends between turns {low} and {high})"
