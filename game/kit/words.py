"""Every sentence the kit prints that is not from the scenario, in one place, in the kit's language.

Functions, not constants: each looks its words up in the catalogue (game/i18n) when the kit is
drawn, so a kit made while speaking Korean says them in Korean.
"""

from __future__ import annotations

from game.i18n import ntr, pick, tr
from game.kit.rules import hidden_refs, name_of, readable, start_env, timeline, token_piles, turn_values_text
from game.scenario.expr import Expr
from game.scenario.model import Resource, Scenario


def printing(duplex: bool = True) -> str:
    """How to print the kit; ``duplex``: made for a double-sided printer (blank pages keep parts apart)."""
    single = tr(
            "Print on A4 or Letter. Cards: print the card pages double-sided, flipping on the long edge: each back "
            "page is mirrored so that every back lands behind its own front. On a printer without duplex, print "
            "single-sided and glue each back page behind its front page before cutting. Board: the tracks, the "
            "ladder and the map are landscape pages; enlarge them to A3 on a copier (141%) or lay the A4 pages "
            "side by side."
    )
    if not duplex:
        return single
    return (
        single
        + " "
        + tr(
            "Printed double-sided, every part that is handed out on its own (a team's sheet, its slips, a board "
            "page, the answer key) starts on a sheet of its own; a page left blank for this says so."
        )
    )


def contents(scenario: Scenario) -> list[tuple[str, str]]:
    """What the kit holds, part by part, in the order it is printed: only the parts this scenario has."""
    parts = [
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
    ]
    piles = token_piles(scenario)
    if piles:
        labels = ", ".join(pile.label for pile in piles)
        parts.append((tokens_title(), tr("the pieces the cards put on the map ({labels}), to cut out", labels=labels)))
    parts += [
        (tr("Order slips"), tr("one slip per team per turn: tick the cards, fold, hand in")),
        (tr("The board"), tr("the tracks, the escalation ladder and the map with its places")),
    ]
    if hidden_refs(scenario):
        parts.append((hidden_title(), tr("for the teacher only: the hidden tracks, kept behind a folder")))
    if scenario.glossary or timeline(scenario):
        told = tr("the terms, and the real events behind the scenario in date order")
        parts.append((tr("Glossary and timeline"), told))
    if scenario.questions:
        parts.append((tr("Discussion questions"), tr("the scenario's debrief questions, for the end of the game")))
    plan = scenario.assessment
    if plan is not None and plan.concept_check:
        parts.append((check_title(), tr("a multiple-choice check for before and after the game, and its answer key")))
    if plan is not None and plan.exit_ticket:
        parts.append((exit_title(), tr("a few questions each student answers in writing at the end of the lesson")))
    if plan is not None and (plan.memo is not None or plan.rubric):
        parts.append((memo_title(), tr("a writing task for after the game, with how it is marked")))
    return parts


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


def hidden_setup_of(scenario: Scenario) -> str:
    """' The hidden tracks are not on the board: …' for a scenario with hidden tracks, else nothing."""
    if hidden_refs(scenario):
        return " " + hidden_setup()
    return ""


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
            )
            + hidden_setup_of(scenario),
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


def tokens_title() -> str:
    return tr("Map tokens to cut out")


def tokens_intro() -> str:
    return tr(
        "Cut the tokens out. When a card says to put a token on a place, put one in that place's circle on the "
        "map, and take it off when its turns run out. Each token is printed as many times as the game can have "
        "it on the map at once."
    )


def token_where(n: int, places: str) -> str:
    """Under a token's label: how many there are, and where its cards put it."""
    return ntr("{n} token, put on {places}", "{n} tokens, put on {places}", n, places=places)


def token_by(cards: str) -> str:
    return tr("by: {cards}", cards=cards)


def hidden_title() -> str:
    return tr("The teacher's hidden tracks")


def hidden_page_note() -> str:
    return tr(
        "For the teacher only: keep this page and its markers behind a folder, not with the board. Show each "
        "track to the team that owns it, and tell the other teams only a range."
    )


def hidden_setup() -> str:
    """After the procedure's set-up step, in a scenario with hidden tracks: where they are printed."""
    return tr(
        "The hidden tracks are not on the board: they have a page of their own, “{title}”, to keep behind the folder.",
        title=hidden_title(),
    )


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
