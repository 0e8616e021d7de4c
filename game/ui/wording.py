"""What the game says about moves and deals, in words: shared by the window and the terminal game.

No pygame here: the terminal game (the accessible mode) must say the same as the cards.
Every word is in the current language (game.i18n): the catalogue's for the game's own words,
the scenario's for its names (``pick``).
"""

from __future__ import annotations

from game.engine.facts import sees_fact
from game.engine.purse import Wallet
from game.engine.rng import chance_of_success, parse_dice
from game.engine.state import LogEntry
from game.engine.view import View, agreements_at_risk, hidden_condition
from game.i18n import language, ntr, pick, tr
from game.report import logtext
from game.report.logtext import cap_text, resource_name
from game.scenario.intervals import Interval, bounds_of, scenario_bounds
from game.scenario.model import TEMPERAMENTS, Actor, Effect, Move, Phase, Roll, Scenario, Teach, fact_ref
from game.scenario.readable import readable


def log_text(scenario: Scenario, entry: LogEntry) -> str:
    """A log entry in the current language: the one call the window and the terminal make for a log line."""
    return logtext.log_text(entry, scenario, language())


def track_label(scenario: Scenario, ref: str) -> str:
    """A track's label in the current language: 'ROK Assurance', '한국 안심도'."""
    return logtext.track_label(scenario, ref, language())


def short_name(actor: Actor) -> str:
    """An actor's short name (else its name) in the current language."""
    return pick(actor.short or actor.name)


def temperament_name(temper: str, scenario: Scenario | None = None) -> str:
    """A bot's temperament in words: a scenario's own from its text (it may redefine a built-in one, and
    its names tell its temperaments apart: the flagship's hawk 매파 and hardliner 강경파), else the
    built-in three from the catalogue."""
    own = scenario.temperaments.get(temper) if scenario is not None else None
    if own is not None and own.name:
        return pick(own.name)
    builtin = {"hawk": tr("Hawk"), "dove": tr("Dove"), "pragmatist": tr("Pragmatist")}
    if temper in builtin:
        return builtin[temper]
    found = TEMPERAMENTS.get(temper)
    return pick(found.name) if found is not None and found.name else temper


def seat_words(seat: str, scenario: Scenario | None = None) -> str:
    """Who plays a seat: 'a team', 'a bot (Hawk)', 'a bot (random moves)'."""
    if seat == "human":
        return tr("a team")
    policy, _, temper = seat.partition(":")
    if policy == "random":
        return tr("a bot (random moves)")
    if not temper:
        return tr("a bot")
    return tr("a bot ({temperament})", temperament=temperament_name(temper, scenario))


def effect_words(scenario: Scenario, effects: tuple[Effect, ...]) -> list[str]:
    """Each effect as the cards say it: '+2 ROK Assurance' (shared with the print kit)."""
    return [effect_word(scenario, e) for e in effects]


def effect_word(scenario: Scenario, effect: Effect) -> str:
    """One effect: '+2 ROK Assurance', or format 2's intelligence, 'intelligence: USSR Soviet alert ±1'."""
    if effect.learn is not None:
        return tr(
            "intelligence for {team}: {track} ±{width}",
            team=short_name(scenario.actors[effect.learn.by]),
            track=track_label(scenario, effect.track),
            width=effect.learn.width,
        )
    if effect.fact:  # format 2: a sentence made true or false
        sentence = track_label(scenario, effect.track)
        return tr("no longer true: {fact}", fact=sentence) if effect.delta < 0 else tr("true: {fact}", fact=sentence)
    if effect.gain is not None:  # format 2: a resource for next turn
        name = resource_name(scenario, effect.track)
        if effect.gain.to is not None:
            name = f"{short_name(scenario.actors[effect.gain.to])} {name}"
        return tr("{delta} {resource} next turn", delta=f"{effect.delta:+d}", resource=name)
    if effect.computed:
        return f"{track_label(scenario, effect.track)} {effect.shown()}"
    return f"{effect.delta:+d} {track_label(scenario, effect.track)}"


def effect_preview(scenario: Scenario, move: Move, view: View) -> str:
    """The likely effects of a move in a few words: '+2 ROK Assurance · dice 72%'."""
    parts = effect_words(scenario, move.effects)
    if move.roll is not None:
        parts.append(dice_chance(scenario, move, view))
    if move.offer is not None:
        parts.append(tr("offer to {team}", team=short_name(scenario.actors[move.offer.to])))
    if move.joint:
        parts.append(tr("needs {teams}", teams=together([short_name(scenario.actors[a]) for a in move.by])))
    if hidden_condition(scenario, view.actor, move):
        parts.append(tr("depends on something you cannot see: it may fail when played"))
    return " · ".join(parts) or tr("no direct effect")


def together(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' in the current language."""
    if len(names) < 2:
        return "".join(names)
    return tr("{first} and {second}", first=", ".join(names[:-1]), second=names[-1])


def dice_chance(scenario: Scenario, move: Move, view: View) -> str:
    """'dice: 72% success', or a range when the modifier reads what the team cannot see exactly:
    'dice: 28–83% success' (never a single figure worked out as if an unseen track were 0)."""
    roll = move.roll
    assert roll is not None
    count, sides = parse_dice(roll.dice)
    if roll.plus is None and roll.results:
        return band_chances(roll, Interval(0, 0))
    if roll.plus is None:
        chance = f"{round(chance_of_success(count, sides, roll.target) * 100)}%"
        return tr("dice: {chance} success", chance=chance)
    names = scenario_bounds(scenario, view.ever)  # the rules, and the counts of plays so far (public)
    names["turn"] = Interval(view.turn, view.turn)
    for ref in scenario.all_tracks:  # the value, or the range the team sees; unseen, the track's limits stay
        seen = view.tracks[ref]
        if seen.known:
            names[ref] = Interval(seen.low, seen.high)
    for fact in scenario.facts:  # format 2: a fact the team reads counts at its truth; another, 0 or 1
        if sees_fact(scenario, fact, view.actor):
            truth = int(fact in view.facts)
            names[fact_ref(fact)] = Interval(truth, truth)
    plus = bounds_of(roll.plus.tree, names)
    if roll.results:
        return band_chances(roll, plus)
    worst = round(chance_of_success(count, sides, roll.target - plus.low) * 100)
    best = round(chance_of_success(count, sides, roll.target - plus.high) * 100)
    chance = f"{worst}%" if worst == best else f"{worst}–{best}%"
    return tr("dice: {chance} success", chance=chance)  # the % in the value: in a message '% s' reads as C format


def band_chances(roll: Roll, plus: Interval) -> str:
    """A graded roll's chance of each result: 'dice: Decisive 17%, Success 33%, Failure 50%', each a
    range when the modifier is known only within one (the lowest and highest over the values it may take)."""
    count, sides = parse_dice(roll.dice)
    bands = roll.bands()
    lows, highs = [101] * len(bands), [-1] * len(bands)
    step = max(1, (plus.high - plus.low) // 200)  # a modifier of any range: at most ~200 looks
    for value in {*range(plus.low, plus.high + 1, step), plus.high}:
        taken = 0.0  # the chance of a margin that a band above already takes
        for index, band in enumerate(bands):
            reach = (
                1.0 if band.at_least is None else chance_of_success(count, sides, roll.target + band.at_least - value)
            )
            got = round(max(0.0, reach - taken) * 100)
            lows[index], highs[index] = min(lows[index], got), max(highs[index], got)
            taken = max(taken, reach)
    parts = [
        f"{pick(band.name)} {low}%" if low == high else f"{pick(band.name)} {low}–{high}%"
        for band, low, high in zip(bands, lows, highs, strict=True)
    ]
    return tr("dice: {chances}", chances=", ".join(parts))  # the % in the value: in a message '% s' reads as C format


def deal_lines(scenario: Scenario, view: View) -> list[tuple[str, bool]]:
    """The team's deals: agreements in force (True) and its offers awaiting an answer (False)."""

    def paused(offer_move: str) -> str:
        spec = scenario.moves[offer_move].offer
        moves = spec.agreement.pauses.get(view.actor, ()) if spec and spec.agreement else ()
        return ", ".join(pick(scenario.moves[m].name) for m in moves)

    lines = []
    for agreement in view.agreements:
        name = pick(scenario.moves[agreement.move].name)
        text = tr("Agreement in force: {deal} (until turn {turn}).", deal=name, turn=agreement.until)
        names = paused(agreement.move)
        if names:
            text += " " + tr("We promised not to play: {moves}.", moves=names)
        lines.append((text, True))
    for offer in view.my_offers:
        name = pick(scenario.moves[offer.move].name)
        target = short_name(scenario.actors[offer.to])
        text = tr("Our offer {deal} awaits {team}'s answer this turn.", deal=name, team=target)
        names = paused(offer.move)
        if names:
            text += " " + tr("If accepted, we promise not to play: {moves}.", moves=names)
        lines.append((text, False))
    return lines


def deal_warning(scenario: Scenario, view: View, move_id: str, accepting: list[int], *, short: bool = False) -> str:
    """What a move would do to the team's deals, in words ('' when it breaks none); short for a card."""
    parts = []
    for risk in agreements_at_risk(scenario, view, move_id, accepting):
        name = pick(scenario.moves[risk.offer].name)
        if risk.certain:
            parts.append(
                tr("Breaks the deal {deal}", deal=name) if short else tr("Breaks the agreement {deal}", deal=name)
            )
        elif short:
            parts.append(tr("Breaks {deal} if accepted", deal=name))
        else:
            assert risk.answering is not None
            answering = short_name(scenario.actors[risk.answering])
            parts.append(tr("Breaks {deal} if {team} accepts it this turn", deal=name, team=answering))
    return "; ".join(dict.fromkeys(parts))


def describe(scenario: Scenario, move: Move) -> str:
    """A card's rules in a sentence or two, for the learn-more panel."""
    bits = [pick(move.text)] if move.text else []
    kind = scenario.kinds[move.kind]
    bits.append(tr("{kind}, costs {cost}.", kind=pick(kind.name), cost=move.cost))
    if move.roll is not None:
        bits.append(roll_words(scenario, move))
    if move.requires is not None:
        bits.append(tr("Only when {condition}.", condition=readable(move.requires, scenario, lang=language())))
    return " ".join(bits)


def roll_words(scenario: Scenario, move: Move) -> str:
    """'Roll 2d6 + ROK Assurance: success on 8 or more.'"""
    assert move.roll is not None
    plus = f" + {readable(move.roll.plus, scenario, 'this turn', language())}" if move.roll.plus else ""
    dice = f"{move.roll.dice}{plus}"
    return tr("Roll {dice}: success on {target} or more.", dice=dice, target=move.roll.target)


def turn_heading(scenario: Scenario, turn: int) -> str:
    """'Turn 4 of 8', or with a secret last turn the same words every turn: never 'Turn 9 of 7–9'."""
    low, high = scenario.turn_range
    if low == high:
        return tr("Turn {turn} of {last}", turn=turn, last=high)
    return tr("Turn {turn} (the game ends between turns {low} and {high})", turn=turn, low=low, high=high)


def round_heading(scenario: Scenario, phase: Phase, actors: tuple[str, ...]) -> str:
    """A round's banner (format 2 phases): 'The American move — USA orders'."""
    teams = team_names(scenario, actors)
    if len(actors) == 1:
        return tr("{round} — {team} orders", round=pick(phase.name), team=teams)
    return tr("{round} — {teams} order", round=pick(phase.name), teams=teams)


def waiting_for_round(scenario: Scenario, actors: tuple[str, ...]) -> str:
    """What a team that does not order in this round is told: 'Waiting for the USA's move.'"""
    return tr("Waiting for the move of {teams}.", teams=team_names(scenario, actors))


def ordering_text(ordering: str) -> str | None:
    """What a list of teams says beside one the turn does not wait for (``Hub.ordering``: "other_round",
    "nothing"); None beside one it waits for ("now")."""
    if ordering == "other_round":
        return tr("orders in its own round")
    if ordering == "nothing":
        return tr("no orders this turn")
    return None


def team_names(scenario: Scenario, actors: tuple[str, ...]) -> str:
    """Teams by their short names, said together: 'USA', 'USA and USSR'."""
    return together([pick(scenario.actors[a].short or scenario.actors[a].name) for a in actors])


def sitting_out_text(scenario: Scenario, actors: tuple[str, ...]) -> str | None:
    """Why teams get no orders screen this turn (``Session.sitting_out``); None when every team orders."""
    if not actors:
        return None
    return ntr(
        "{teams} has nothing to order this turn: no card it can play now. The turn goes on without its orders.",
        "{teams} have nothing to order this turn: no card they can play now. The turn goes on without their orders.",
        len(actors),
        teams=together([pick(scenario.actors[a].name) for a in actors]),  # as its orders screen would name it
    )


def teach_lines(scenario: Scenario, teach: Teach | None) -> list[tuple[str, str]]:
    """(label, text) pairs of a teaching text, for a 'learn more' panel, the ending and the terminal game."""
    if teach is None:
        return []
    parts = ((tr("What it is"), teach.what), (tr("Why it matters"), teach.why), (tr("What happened"), teach.history))
    lines = [(label, pick(text)) for label, text in parts if text]
    for source_id in teach.sources:
        source = scenario.sources.get(source_id)
        if source is not None:
            detail = ", ".join(x for x in (source.publisher, source.date) if x)
            title = tr("{title} ({detail})", title=source.title, detail=detail) if detail else source.title
            lines.append((tr("Source"), title))
    return lines


def save_problem(error: BaseException) -> str:
    """Why a save cannot be opened, in the current language.

    The engine's SaveError carries a code and its names and numbers (the engine has no catalogue);
    the English detail of a malformed field stays as it is, after a translated sentence."""
    code = getattr(error, "code", None)
    params = dict(getattr(error, "params", {}))
    detail = str(params.get("detail", error))
    said = {
        "checksum": lambda: tr(
            "the save is damaged: its checksum does not match its contents "
            "(a seed, an order or a turn was changed after it was written)"
        ),
        "invalid": lambda: tr("not a valid save: {detail}", detail=detail),
        "too_large": lambda: tr("not a valid save: larger than {megabytes} MB", megabytes=params.get("megabytes")),
        "damaged": lambda: tr("the save is damaged: {detail}", detail=detail),
        "not_json": lambda: tr("the save is damaged or truncated (not JSON: {detail})", detail=detail),
        "newer": lambda: tr(
            "this save is version {version}; this game reads versions up to {newest}: update the game",
            version=params.get("version"),
            newest=params.get("newest"),
        ),
        "unreadable": lambda: tr("cannot read the save {path}: {why}", path=params.get("path"), why=params.get("why")),
        "not_text": lambda: tr("the save {path} is damaged (not UTF-8 text)", path=params.get("path")),
        "other_scenario": lambda: tr(
            "the save is a game of {saved}, not of {scenario}",
            saved=params.get("saved"),
            scenario=params.get("scenario"),
        ),
        "scenario_changed": lambda: tr(
            "the scenario {scenario} has changed since this game was saved; "
            "open it with the scenario file it was played with",
            scenario=params.get("scenario"),
        ),
        "replay": lambda: tr(
            "turn {turn} of the save cannot be replayed: {detail}", turn=params.get("turn"), detail=detail
        ),
    }
    if code in said:
        return said[code]()
    if isinstance(error, OSError):
        return tr("cannot read the file: {why}", why=error.strerror or error)
    return str(error)


def refusal_words(scenario: Scenario, picking: Wallet, move_id: str) -> str | None:
    """Why a card does not fit in what a team has left this turn, in words (None: it fits)."""
    if picking.fits(move_id):
        return None
    move = scenario.moves[move_id]
    kind = scenario.kinds[move.kind]
    if kind.per_turn is not None and picking.room.get(move.kind, 1) <= 0:
        return cap_text(scenario, move)
    for index, cost in enumerate(scenario.price(move)):
        if cost > picking.left[index]:
            return tr(
                "not enough {resource}: it costs {cost}, you have {left}",
                resource=resource_name(scenario, scenario.resource_ids[index]),
                cost=cost,
                left=picking.left[index],
            )
    return tr("you have nothing to spend this turn, and it is not a free card")
