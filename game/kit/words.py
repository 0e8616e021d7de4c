"""Every sentence the kit prints that is not from the scenario, in one place, in the kit's language.

Functions, not constants: each looks its words up in the catalogue (game/i18n) when the kit is
drawn, so a kit made while speaking Korean says them in Korean.
"""

from __future__ import annotations

from game.i18n import ntr, pick, tr
from game.kit.rules import name_of, readable, start_env, turn_values_text
from game.scenario.expr import Expr
from game.scenario.model import Resource, Scenario


def printing() -> str:
    return tr(
        "Print on A4 or Letter. Cards: print the card pages double-sided, flipping on the long edge: each back page "
        "is mirrored so that every back lands behind its own front. On a printer without duplex, print single-sided "
        "and glue each back page behind its front page before cutting. Board: the tracks, the ladder and the map are "
        "landscape pages; enlarge them to A3 on a copier (141%) or lay the A4 pages side by side."
    )


def contents() -> tuple[tuple[str, str], ...]:
    return (
        (
            tr("Running the game on paper"),
            tr("one page for the teacher: fully on paper with dice, or the laptop resolving turns"),
        ),
        (
            tr("Team sheets"),
            tr("one per team: role, objectives, every card with its full rules, end-of-turn rules, endings"),
        ),
        (
            tr("Cards to cut out"),
            tr("move cards (front: rules, back: what, why and history with sources), then event cards"),
        ),
        (tr("Order slips"), tr("one slip per team per turn: tick the cards, fold, hand in")),
        (tr("The board"), tr("the tracks, the escalation ladder and the map with its places")),
        (tr("Glossary and timeline"), tr("the terms, and the real events behind the scenario in date order")),
        (tr("Discussion questions"), tr("the scenario's debrief questions, for the end of the game")),
    )


def turns_text(scenario: Scenario) -> str:
    low, high = scenario.turn_range
    if low == high:
        return ntr("{n} turn", "{n} turns", high)
    return tr(
        "between {low} and {high} turns: before the game, write the numbers {low} to {high} on slips, "
        "draw one and keep it folded; only the teacher reads it (nobody can plan a last-turn betrayal)",
        low=low,
        high=high,
    )


def budgets_text(scenario: Scenario) -> str:
    env = start_env(scenario)
    parts = []
    for actor_id, actor in scenario.actors.items():
        by_turn = turn_values_text(scenario, actor.budget)
        if by_turn is not None:  # a budget of 'turn % 2': its value on each turn, not the formula
            parts.append(f"{name_of(scenario, actor_id)} ({by_turn})")
            continue
        value = actor.budget(env)
        formula = readable(actor.budget, scenario)
        extra = "" if formula == str(value) else f" ({formula})"
        parts.append(f"{name_of(scenario, actor_id)} {value}{extra}")
    return ", ".join(parts)


def orders_step(scenario: Scenario) -> str:
    """The procedure's orders step: political capital (format 1), or each named resource (format 2)."""
    if not scenario.resources:
        return tr(
            "Each team spends its political capital this turn ({budgets}; what is not spent is lost), ticks its "
            "cards on an order slip, answers any offer it received (accept, reject or a counter, free), folds "
            "the slip and hands it in. A card can be played once per turn, only when its 'Only when' holds, "
            "and no more often than its limit.",
            budgets=budgets_text(scenario),
        )
    return tr(
        "Each team spends what it holds this turn ({purses}; its team sheet says what carries over), ticks its "
        "cards on an order slip, answers any offer it received (accept, reject or a counter, free), folds the slip "
        "and hands it in. A card can be played once per turn, only when its 'Only when' holds, no more often than "
        "its limit, and no more cards of a kind than the card's 'Per turn' says. A team that holds nothing at all "
        "plays only cards marked free. Write down what each card gives for next turn.",
        purses=purses_text(scenario),
    )


def purses_text(scenario: Scenario) -> str:
    """What each team gets of each resource on turn 1, e.g. "Blue: Political capital 2, Intelligence 0"."""
    env = start_env(scenario)
    parts = []
    for actor_id, actor in scenario.actors.items():
        amounts = [
            f"{pick(resource.name)} {max(0, actor.resources.get(rid, resource.per_turn)(env))}"
            for rid, resource in scenario.resources.items()
        ]
        parts.append(f"{name_of(scenario, actor_id)}: {', '.join(amounts)}")
    return "; ".join(parts)


def paper_procedure(scenario: Scenario) -> list[tuple[str, str]]:
    """The one-page procedure: fully on paper, or with the laptop resolving turns."""
    steps = _paper_steps(scenario)
    if scenario.phases:  # format 2: a turn in rounds, said before the orders
        steps.insert(2, rounds_step(scenario))
    return steps


def rounds_step(scenario: Scenario) -> tuple[str, str]:
    """How a turn in rounds (format 2 phases) is played on paper."""
    rounds = "; ".join(
        tr(
            "{round} ({teams})",
            round=pick(phase.name),
            teams=_joined([name_of(scenario, a) for a in phase.actors(scenario.actors)]),
        )
        for phase in scenario.phases
    )
    return (
        tr("A turn in rounds"),
        tr(
            "This game's turn is played in rounds, in this order: {rounds}. In each round only its teams hand in "
            "slips, and those slips are revealed and resolved (steps 2 and 3) before the next round's teams "
            "write theirs. A team's political capital is for the whole turn. The end of turn (step 4) comes "
            "after the last round; an ending marked 'the game ends at once' is checked after every round.",
            rounds=rounds,
        ),
    )


def _joined(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) < 2:
        return "".join(names)
    return tr("{first} and {second}", first=", ".join(names[:-1]), second=names[-1])


def _paper_steps(scenario: Scenario) -> list[tuple[str, str]]:
    kinds = ", ".join(pick(k.name) for k in scenario.kinds.values())
    chance = readable(scenario.event_chance, scenario)
    return [
        (
            tr("Set up"),
            tr(
                "Lay out the board and put a marker (a coin, a paper clip) on every track's start box. Each team "
                "gets its team sheet, its cards and a stack of order slips. The game lasts {length}. Hidden tracks "
                "stay with you: keep their markers behind a folder, show each its owning team, and tell the others "
                "only a range.",
                length=turns_text(scenario),
            ),
        ),
        (
            tr("1. Events"),
            tr(
                "At the start of each turn read aloud the event cards that apply: the card for this turn, any card "
                "whose condition now holds, then, with a chance of {chance} percent (roll two ten-sided dice as a "
                "percentile, or draw a number from 1 to 100), one random card from the shuffled random cards. "
                "Apply their effects.",
                chance=chance,
            ),
        ),
        (tr("2. Orders (3 to 5 minutes)"), orders_step(scenario)),
        (
            tr("3. Reveal and resolve"),
            tr(
                "Answer last turn's offers first, in the order they were made; an offer nobody answered counts as "
                "'no answer'. Then read the cards out kind by kind ({kinds}), then team by team. For each card "
                "apply its effects, roll its dice (dice + modifier against the target), put its offer on the table "
                "and its token on the map. A joint card happens only if every partner ticked it, and otherwise "
                "costs nobody anything. A card a deal forbids may still be played: it breaks the deal. Then apply "
                "the combinations of cards that met this turn (the team sheets list them). Tracks stop at their "
                "ends.",
                kinds=kinds,
            ),
        ),
        (
            tr("4. End of turn"),
            tr(
                "Apply the end-of-turn rules from the team sheets in order, remove tokens and deals that run out, "
                "and check the endings marked 'the game ends at once'. After the last turn, the first ending that "
                "holds is the game's ending; each team scores the points of every objective it meets."
            ),
        ),
        (
            tr("Laptop only resolves turns"),
            tr(
                "Run the game in the window as usual, with every team set as a team. Teams fill in slips at their "
                "tables; you collect them and type them in: F2 (teacher's controls), then O (Give a team's orders) "
                "for each team, and the game resolves the turn, rolls the dice and moves the tracks. F2 also plays "
                "an event card (E), adjusts a track with a reason (A), undoes the last turn (U) and ends the game "
                "now (D). Show the reveal on the projector, or read it out. The debrief and the report come as usual."
            ),
        ),
        (
            tr("Scoring and debrief"),
            tr(
                "Add up each team's points. Then discuss the questions at the end of this kit with the class; "
                "'deterrence report SAVE --brief' prints a two-page handout of a game played in the window."
            ),
        ),
    ]


def slip_head(team: str) -> str:
    return tr("{team} · ORDERS · secret until the reveal · Turn ____ · Capital spent ____", team=team)


def slip_offers() -> str:
    """Over the lines where a team answers each offer it received, one line an offer."""
    return tr("Offers received: write accept, reject or your counter-offer")


def board_note() -> str:
    return tr("The board: enlarge to A3 (141%) or lay the A4 pages side by side.")


def marks_note() -> str:
    return tr(
        "A box with a heavy outline is a value the rules test: a card's condition, an event, an objective or an ending."
    )


def hidden_note(owner: str | None, n: int) -> str:
    if owner is None:
        return tr("hidden: no team sees it; the teacher keeps the marker and tells the teams a range (±{n})", n=n)
    return tr(
        "hidden: only {owner} sees it; the teacher keeps the marker and tells the others a range (±{n})",
        owner=owner,
        n=n,
    )


def owner_note(owner: str) -> str:
    return tr("seen only by {owner}: keep the marker on its team sheet", owner=owner)


def timeline_more(n: int) -> str:
    return ntr("… and {n} more history note on the card backs.", "… and {n} more history notes on the card backs.", n)


def check_title() -> str:
    return tr("Concept check")


def check_intro() -> str:
    return tr("Circle one answer for each question. Before the game, and again after it: see what changed.")


def key_title() -> str:
    return tr("Concept check: answer key (for the teacher)")


def key_objective(n: int, text: str) -> str:
    return tr("Checks learning objective {n}: {text}", n=n, text=text)


def exit_title() -> str:
    return tr("Exit ticket")


def memo_title() -> str:
    return tr("Policy memo")


def rubric_title() -> str:
    return tr("How it is marked")


def resource_line(scenario: Scenario, resource: Resource, amount: Expr) -> str:
    """A team sheet's line for one resource (format 2): what it gets each turn, and what it may keep."""
    by_turn = turn_values_text(scenario, amount)
    got = tr("{amount} each turn", amount=readable(amount, scenario)) if by_turn is None else by_turn
    if not resource.carry:
        return got + "; " + tr("what you do not spend is lost.")
    if resource.max is None:
        return got + "; " + tr("what you do not spend is kept.")
    return got + "; " + tr("what you do not spend is kept, up to {most}.", most=resource.max)
