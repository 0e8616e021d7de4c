"""What each device is sent: a team's page from that team's view, the teacher's page, the projector.

Everything a team's page shows is computed here from ``view(actor)`` (its tracks, hand, offers,
event log redacted for it) and the messages that reach it: a team's device is never sent what
the team may not see. The words are the window's and the print kit's, in the page's language.
"""

from __future__ import annotations

from typing import Any

from game.engine.state import LogEntry, Order
from game.engine.view import View, events_seen, redact, track_view, view
from game.i18n import pick, speaking, tr
from game.kit.rules import Line, move_card, objective_lines
from game.net.hub import Hub
from game.report.logtext import cost_text, others_text, purse_text
from game.scenario.model import Scenario
from game.ui.wording import (
    dice_chance,
    effect_preview,
    log_text,
    ordering_text,
    round_heading,
    track_label,
    turn_heading,
    waiting_for_round,
)


def _lines(lines: tuple[Line, ...] | list[Line]) -> list[dict[str, str]]:
    return [{"label": line.label, "text": line.text} for line in lines]


_CARDS: dict[tuple[int, str, str], tuple[Scenario, dict[str, Any]]] = {}


def _card(scenario: Scenario, move_id: str, lang: str) -> dict[str, Any]:
    """A card's full rules (front) and its learn-more (back): they depend on the scenario only,
    so each is worked out once (a card's chances can take a while to find)."""
    key = (id(scenario), move_id, lang)
    kept = _CARDS.get(key)
    if kept is None or kept[0] is not scenario:
        kept = _CARDS[key] = (scenario, _new_card(scenario, move_id, lang))
    return kept[1]


def _new_card(scenario: Scenario, move_id: str, lang: str) -> dict[str, Any]:
    with speaking(lang):
        card = move_card(scenario, move_id)
        move = scenario.moves[move_id]
        return {
            "id": move_id,
            "name": pick(move.name),
            "kind": pick(scenario.kinds[move.kind].name),
            "colour": card.colour,
            "cost": scenario.price(move)[0],  # format 1's one figure; format 2 also sends each resource's
            "cost_text": cost_text(scenario, move),
            "joint": move.joint,
            "by": list(move.by),
            "rules": _lines(card.lines),
            "learn": _lines(card.back),
        }


def _order(order: Order) -> dict[str, Any]:
    return {"move": order.move, "offer": order.offer, "answer": order.answer}


def _teams(hub: Hub) -> list[dict[str, Any]]:
    scenario = hub.scenario
    joined = set(hub.joined())
    return [
        {
            "id": actor,
            "name": pick(spec.name),
            "short": pick(spec.short) if spec.short else pick(spec.name),
            "colour": spec.colour,
            "device": actor in joined,
            "people": hub.session.seats.get(actor) == "human",
            "sealed": actor in hub.sealed,
            "ordering": hub.ordering(actor),
        }
        for actor, spec in scenario.actors.items()
    ]


def _tracks(scenario: Scenario, seen: Any, actor: str | None) -> list[dict[str, Any]]:
    rows = []
    for ref, track in scenario.all_tracks.items():
        tv = seen(ref)
        rows.append(
            {
                "ref": ref,
                "label": track_label(scenario, ref),
                "value": tv.value,
                "low": tv.low if tv.known else None,
                "high": tv.high if tv.known else None,
                "min": track.min,
                "max": track.max,
                "mine": actor is not None and scenario.track_owner.get(ref) == actor,
            }
        )
    return rows


def _log(scenario: Scenario, entries: tuple[LogEntry, ...] | list[LogEntry]) -> list[dict[str, Any]]:
    """Log lines in the page's language (the engine keeps them in English)."""
    return [{"kind": e.kind, "text": log_text(scenario, e), "actor": e.actor} for e in entries]


def _hand(scenario: Scenario, seen: View, lang: str) -> list[dict[str, Any]]:
    playable = {o.move for o in seen.orders if o.offer is None}
    hand = []
    for move_id in scenario.moves_of(seen.actor):
        card = dict(_card(scenario, move_id, lang))
        move = scenario.moves[move_id]
        card["playable"] = move_id in playable
        card["likely"] = effect_preview(scenario, move, seen)
        if move.roll is not None:
            card["chance"] = dice_chance(scenario, move, seen)
        hand.append(card)
    return hand


def _move_names(scenario: Scenario, lang: str) -> dict[str, str]:
    """Every card's name (public: every card played is revealed), for the talks' lines."""
    return {move_id: _card(scenario, move_id, lang)["name"] for move_id in scenario.moves}


def _proposable(scenario: Scenario, seen: View) -> list[dict[str, Any]]:
    """Deals the team may propose now: a joint move with a partner, an offer to its target."""
    playable = {o.move for o in seen.orders if o.offer is None}
    deals = []
    for move_id in scenario.moves_of(seen.actor):
        move = scenario.moves[move_id]
        if move_id not in playable:
            continue
        if move.joint:
            partners = [a for a in move.by if a != seen.actor]
        elif move.offer is not None:
            partners = [move.offer.to]
        else:
            continue
        deals.append({"move": move_id, "name": pick(move.name), "to": partners, "offer": move.offer is not None})
    return deals


def _offers(scenario: Scenario, seen: View, lang: str) -> list[dict[str, Any]]:
    offers = []
    for offer in seen.offers_to_me:
        spec = scenario.moves[offer.move].offer
        choices = [_order(o) for o in seen.orders if o.offer == offer.id]
        offers.append(
            {
                "id": offer.id,
                "move": offer.move,
                "card": _card(scenario, offer.move, lang),
                "from": list(offer.by),
                "choices": choices,
                "counters": [pick(scenario.moves[c].name) for c in (spec.counters if spec else ())],
            }
        )
    return offers


def team_state(hub: Hub, actor: str, lang: str) -> dict[str, Any]:
    """Everything one team's devices show, from the team's own view."""
    session = hub.session
    scenario, state = session.scenario, session.state
    seen = view(scenario, state, actor)
    spec = scenario.actors[actor]
    last_turn = state.turn - 1 if hub.phase in ("reveal", "over", "talks", "orders") else 0
    with speaking(lang):
        return {
            "type": "state",
            "version": hub.version,
            "phase": hub.phase,
            "seconds_left": hub.seconds_left(),
            "turn": state.turn,
            "heading": turn_heading(scenario, state.turn),
            "team": {"id": actor, "name": pick(spec.name), "colour": spec.colour, "role": pick(spec.role)},
            "teams": _teams(hub),
            "budget": seen.budget,
            "purse": purse_text(scenario, seen.purse) if scenario.resources else "",
            "others_purse": others_text(scenario, seen.purses),  # public resources only (format 2)
            "tracks": _tracks(scenario, lambda ref: seen.tracks[ref], actor),
            "events": [
                {"name": pick(scenario.events[e].name), "text": pick(scenario.events[e].text)} for e in seen.events
            ],
            "event_log": _log(scenario, seen.event_log),
            "hand": _hand(scenario, seen, lang),
            "offers": _offers(scenario, seen, lang),
            "objectives": _lines(objective_lines(scenario, actor)),
            "deals": hub.deals_of(actor),
            "accepted_offers": hub.accepted_offers(actor),
            "proposals": [
                {"id": p.id, "from": p.sender, "to": p.to, "move": p.move, "status": p.status, "offer": p.offer}
                for p in hub.proposals.values()
                if actor in (p.sender, p.to)
            ],
            "can_propose": _proposable(scenario, seen),
            "move_names": _move_names(scenario, lang),
            "draft": [_order(o) for o in hub.drafts.get(actor, [])],
            "sealed": [_order(o) for o in hub.sealed.get(actor, [])] if actor in hub.sealed else None,
            "reveal": _log(scenario, redact(scenario, actor, session.turn_log(last_turn))) if last_turn else [],
            "outcome": _outcome(hub, actor),
            **_round(hub, actor),
        }


def _round(hub: Hub, actor: str | None) -> dict[str, Any]:
    """Which round of a turn in rounds is ordered (format 2 phases), and, for a team that does not
    order in it, whose move it waits for; nothing for a turn without rounds."""
    session = hub.session
    now = session.round
    if now.phase is None or session.state.over:
        return {"round": None, "waiting_round": None}
    ordering = actor is None or actor in now.actors
    return {
        "round": round_heading(session.scenario, now.phase, now.actors),
        "waiting_round": None if ordering else waiting_for_round(session.scenario, now.actors),
    }


def _outcome(hub: Hub, actor: str | None) -> dict[str, Any] | None:
    outcome = hub.session.state.outcome
    if outcome is None:
        return None
    ending = hub.scenario.endings.get(outcome.ending)
    return {
        "ending": pick(ending.name) if ending is not None else outcome.ending,
        "score": outcome.scores.get(actor) if actor else None,
        "scores": dict(outcome.scores),
    }


def public_state(hub: Hub) -> dict[str, Any]:
    """The projector's board: what the whole class may see, never a hand."""
    session = hub.session
    scenario, state = session.scenario, session.state
    return {
        "phase": hub.phase,
        "seconds_left": hub.seconds_left(),
        "turn": state.turn,
        "heading": turn_heading(scenario, state.turn),
        "teams": _teams(hub),
        "tracks": _tracks(scenario, lambda ref: track_view(scenario, state, ref, None), None),
        "events": [pick(scenario.events[e].name) for e in events_seen(scenario, state, None)],
        **_round(hub, None),
    }


def teacher_state(hub: Hub, lang: str, links: dict[str, str]) -> dict[str, Any]:
    """The teacher's page: the public board, who joined and sealed, every team's link, the room."""
    with speaking(lang):
        data = public_state(hub)
    data.update(
        {
            "type": "state",
            "version": hub.version,
            "room": hub.room,
            "links": links,
            "open_seats": hub.open_seats(),
            "move_names": _move_names(hub.scenario, lang),
            "proposals": [
                {"id": p.id, "from": p.sender, "to": p.to, "move": p.move, "status": p.status}
                for p in hub.proposals.values()
            ],
        }
    )
    return data


def words(lang: str) -> dict[str, str]:
    """The words the pages' script shows, in the page's language (every one through the catalogue)."""
    with speaking(lang):
        return {
            "talks": tr("Talks"),
            "orders": tr("Orders"),
            "reveal": tr("Reveal"),
            "lobby": tr("Waiting for the teacher to start the game"),
            "over": tr("The game is over"),
            "seconds": tr("left"),
            "play": tr("Play this card"),
            "unplay": tr("Take this card back"),
            "not_playable": tr("Cannot be played now"),
            "cost": tr("Cost"),
            "budget": tr("Budget"),
            "likely": tr("Likely effects"),
            "learn": tr("Learn more"),
            "offers": tr("Offers to answer: accept, reject or counter"),
            "accept": tr("Accept"),
            "reject": tr("Reject"),
            "counter": tr("Counter"),
            "accept_means": tr("Accept: the deal takes effect as the card says."),
            "reject_means": tr("Reject: the offer fails, as the card says."),
            "counter_means": tr("Counter: play another card in reply instead."),
            "no_answer_means": tr("No answer counts as ignoring the offer."),
            "seal": tr("Seal our orders"),
            "seal_confirm": tr("Seal these orders? They are final: nobody can change them after this."),
            "yes_seal": tr("Yes, seal them"),
            "cancel": tr("Cancel"),
            "sealed": tr("Sealed: your orders are final."),
            "waiting_for": tr("Waiting for"),
            "not_asked": tr(
                "Nothing for your team to order this turn: no card can be played now. The turn goes on "
                "without your orders. Use the talks, and read your cards for the turns ahead."
            ),
            "ordering_nothing": ordering_text("nothing") or "",
            "ordering_other_round": ordering_text("other_round") or "",
            "send": tr("Send"),
            "to_all": tr("Everyone"),
            "to": tr("To"),
            "message": tr("Message"),
            "propose": tr("Propose a deal"),
            "propose_means": tr(
                "A joint move: if they accept, both teams play it this turn. An offer: if they accept, "
                "you make it this turn and their acceptance is in their orders: it takes effect this turn."
            ),
            "proposal": tr("proposes"),
            "accepted": tr("accepted"),
            "rejected": tr("rejected"),
            "deal_note": tr("Agreed in the talks: takes effect this turn."),
            "teacher_reads": tr("The teacher can read every message, and they go into the game's report."),
            "talks_over": tr("The talks are over for this turn."),
            "offline": tr("Connection lost: reconnecting…"),
            "online": tr("Connected"),
            "unknown": tr("unknown"),
            "our_orders": tr("Our orders"),
            "board": tr("The board as we see it"),
            "public_board": tr("The board as the class sees it"),
            "objectives": tr("Our objectives"),
            "nothing": tr("Nothing yet"),
            "score": tr("Score"),
            "extend": tr("One more minute"),
            "end_talks": tr("End the talks now"),
            "start": tr("Start the game"),
            "new_link": tr("New link (moves the team to another device)"),
            "add_device": tr("Add a device: open this link on it"),
        }
