"""Lessons tested like code: a scenario's claims about play, checked by playing its strategies.

A lesson compares one measure (a score, an ending's rate, plays of a kind, ...) between a
profile of strategies and one or more others, over the same game seeds, and says whether the
difference it claims shows: **holds**, **fails**, or **cannot tell yet** (play more games).
The dominance search plays simple strategies generated from each team's cards and reports
any that beats every strategy the author declared for that team: a game whose best play is
one the author did not think of teaches that play, whatever its lessons say.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from attrs import frozen

from game.bots.match import GamePool, GameSummary, game_seed
from game.bots.strategies import GENERATED, PREFIX, generated, seat_of, with_generated
from game.i18n import pick, tr
from game.scenario.model import Lesson, Measure, Profile, Scenario

Verdict = Literal["holds", "fails", "cannot tell yet"]
Z95 = 1.959964
SCREEN_GAMES = 60  # dominance search: games for a first look at each generated strategy
CONFIRM_GAMES = 400  # and for a second, longer look at the ones that seem to win
Seats = tuple[tuple[str, str], ...]  # a profile made hashable: every actor's seat spec, in order


def seats_of(scenario: Scenario, profile: Profile) -> Seats:
    """Every actor's seat spec under a profile: the profile's strategy or bot, else the default bot."""
    seats = {actor_id: actor.bot for actor_id, actor in scenario.actors.items()}
    for actor, plan in profile.items():
        seats[actor] = seat_of(scenario, plan)
    return tuple(seats.items())


def measure_value(scenario: Scenario, measure: Measure, game: GameSummary) -> float:
    """The measure's value in one game."""
    outcome = game.outcome
    if measure.score:
        return float(sum(outcome.scores.get(a, 0) for a in measure.score))
    if measure.ending is not None:
        return float(outcome.ending == measure.ending)
    if measure.objective is not None:
        actor, _, objective = measure.objective.partition(".")
        return float(objective in outcome.met.get(actor, ()))
    if measure.plays is not None or measure.plays_kind is not None:
        total = 0
        for key, n in game.plays.items():
            actor, _, move_id = key.partition(":")
            if measure.by is not None and actor != measure.by:
                continue
            if move_id == measure.plays or scenario.moves[move_id].kind == measure.plays_kind:
                total += n
        return float(total)
    if measure.track is not None:
        return float(game.tracks[measure.track])
    return float(game.turns)


def describe_measure(scenario: Scenario, measure: Measure) -> str:
    """The measure in words, in the current language, e.g. 'games ending in Catastrophe' or 'US + ROK score'."""
    if measure.score:
        return tr("{teams} score", teams=" + ".join(_short(scenario, a) for a in measure.score))
    if measure.ending is not None:
        return tr("games ending in {ending}", ending=pick(scenario.endings[measure.ending].name))
    if measure.objective is not None:
        actor, _, objective = measure.objective.partition(".")
        text = pick(scenario.actors[actor].objectives[objective].text)
        return tr("games where {team} meets '{objective}'", team=_short(scenario, actor), objective=text)
    if measure.plays is not None:
        move = pick(scenario.moves[measure.plays].name)
        if measure.by:
            return tr("plays of {move} by {team} per game", move=move, team=_short(scenario, measure.by))
        return tr("plays of {move} per game", move=move)
    if measure.plays_kind is not None:
        kind = pick(scenario.kinds[measure.plays_kind].name)
        if measure.by:
            return tr("{kind} moves by {team} per game", kind=kind, team=_short(scenario, measure.by))
        return tr("{kind} moves per game", kind=kind)
    if measure.track is not None:
        return tr("{track} at the end", track=track_label(scenario, measure.track))
    return tr("turns played")


def track_label(scenario: Scenario, ref: str) -> str:
    """A track's name in the current language, its team's short name first: 'ROK Assurance'."""
    actor_id, dot, track_id = ref.rpartition(".")
    if ref in scenario.place_refs:  # format 2: a place's value, 'Berlin Stability'
        return pick(scenario.all_tracks[ref].name)
    if not dot:
        return pick(scenario.tracks[ref].name) if ref in scenario.tracks else ref
    return _short(scenario, actor_id) + " " + pick(scenario.actors[actor_id].tracks[track_id].name)


def is_rate(measure: Measure) -> bool:
    return measure.ending is not None or measure.objective is not None


def _short(scenario: Scenario, actor: str) -> str:
    spec = scenario.actors[actor]
    return pick(spec.short or spec.name)


def describe_profile(scenario: Scenario, profile: Profile) -> str:
    """A profile in words: 'US: Deter, reassure and talk; ROK: Only consult'."""
    if not profile:
        return tr("the default bots")
    parts = []
    for actor, plan in profile.items():
        strategy = scenario.strategies.get(plan)
        parts.append(f"{_short(scenario, actor)}: {pick(strategy.name) if strategy else plan}")
    return "; ".join(parts)


# --- playing many games ----------------------------------------------------------------------


class Player:
    """Plays profiles' games, each (seats, game index) once, on a pool of workers (match.GamePool) or here."""

    def __init__(self, scenario: Scenario, seed: int, jobs: int = 1) -> None:
        self.scenario = with_generated(scenario)
        self.seed = seed
        self.played: dict[Seats, list[GameSummary]] = {}
        self._pool = GamePool(self.scenario, jobs, prepare=with_generated)

    def __enter__(self) -> Player:
        self._pool.__enter__()
        return self

    def __exit__(self, *_: object) -> None:
        self._pool.__exit__()

    def games(self, many: Iterable[tuple[Seats, int]]) -> None:
        """Make sure each of these profiles has at least that many games played (in one go, for the pool)."""
        most: dict[Seats, int] = {}
        for seats, n in many:  # a profile asked for twice (every team's default bots, say) is played once
            most[seats] = max(n, most.get(seats, 0))
        wanted: list[tuple[int, dict[str, str]]] = []
        owners: list[Seats] = []
        for seats, n in most.items():
            have = len(self.played.setdefault(seats, []))
            for index in range(have, n):
                wanted.append((game_seed(self.seed, index), dict(seats)))
                owners.append(seats)
        for seats, game in zip(owners, self._pool.play(wanted), strict=True):
            self.played[seats].append(game)

    def values(self, seats: Seats, measure: Measure, n: int) -> list[float]:
        return [measure_value(self.scenario, measure, g) for g in self.played[seats][:n]]


# --- verdicts ---------------------------------------------------------------------------------


@frozen
class Comparison:
    """One profile against another on one measure, over the same seeds."""

    than: Profile
    mine: float  # the measure's mean in the lesson's profile
    theirs: float  # and in the one it is compared with
    effect: float  # the difference in the direction the lesson claims (positive: as claimed)
    low: float  # 95% interval of the effect
    high: float
    verdict: Verdict


@frozen
class LessonResult:
    id: str
    lesson: Lesson
    profile: Profile  # the profile that should come out higher (or lower)
    direction: Literal["higher", "lower"]
    games: int
    comparisons: tuple[Comparison, ...]
    verdict: Verdict
    advice: tuple[str, ...]

    @property
    def holds(self) -> bool:
        return self.verdict == "holds"


def paired(mine: Sequence[float], theirs: Sequence[float], sign: float) -> tuple[float, float, float]:
    """Mean of the paired differences (sign * (mine - theirs)) and its 95% interval."""
    diffs = [sign * (a - b) for a, b in zip(mine, theirs, strict=True)]
    n = len(diffs)
    mean = sum(diffs) / n
    var = sum((d - mean) ** 2 for d in diffs) / (n - 1) if n > 1 else 0.0
    half = Z95 * math.sqrt(var / n)
    return mean, mean - half, mean + half


def verdict_of(effect: float, low: float, high: float, by: float) -> Verdict:
    """Holds when surely above 0 and at least `by` (the estimate); fails when surely below `by`, or
    when nothing at all points the claimed way; otherwise more games could still tell."""
    if low > 0 and effect >= by:
        return "holds"
    if high < by or high <= 0:
        return "fails"
    return "cannot tell yet"


def _overall(verdicts: Iterable[Verdict]) -> Verdict:
    verdicts = list(verdicts)
    if all(v == "holds" for v in verdicts):
        return "holds"
    return "fails" if "fails" in verdicts else "cannot tell yet"


def check_lessons(player: Player, only: Iterable[str] | None = None) -> list[LessonResult]:
    """Play every profile the lessons name (each once, however many lessons share it) and judge each lesson."""
    scenario = player.scenario
    lessons = {lid: lesson for lid, lesson in scenario.lessons.items() if only is None or lid in set(only)}
    need: dict[Seats, int] = {}
    for lesson in lessons.values():
        for profile in (_main(lesson)[0], *lesson.than):
            seats = seats_of(scenario, profile)
            need[seats] = max(need.get(seats, 0), lesson.games)
    player.games(need.items())
    return [_judge(player, lid, lesson) for lid, lesson in lessons.items()]


def _main(lesson: Lesson) -> tuple[Profile, Literal["higher", "lower"]]:
    if lesson.higher is not None:
        return lesson.higher, "higher"
    assert lesson.lower is not None
    return lesson.lower, "lower"


def _judge(player: Player, lesson_id: str, lesson: Lesson) -> LessonResult:
    scenario = player.scenario
    profile, direction = _main(lesson)
    sign = 1.0 if direction == "higher" else -1.0
    seats = seats_of(scenario, profile)
    mine = player.values(seats, lesson.measure, lesson.games)
    comparisons = []
    for other in lesson.than:
        theirs = player.values(seats_of(scenario, other), lesson.measure, lesson.games)
        effect, low, high = paired(mine, theirs, sign)
        mean_mine, mean_theirs = sum(mine) / len(mine), sum(theirs) / len(theirs)
        comparisons.append(
            Comparison(other, mean_mine, mean_theirs, effect, low, high, verdict_of(effect, low, high, lesson.by))
        )
    verdict = _overall(c.verdict for c in comparisons)
    advice = tuple(_advice(player, lesson, profile, direction, c) for c in comparisons if c.verdict != "holds")
    return LessonResult(lesson_id, lesson, profile, direction, lesson.games, tuple(comparisons), verdict, advice)


def _advice(player: Player, lesson: Lesson, profile: Profile, direction: str, comparison: Comparison) -> str:
    """What to change, in a sentence or two: how far off it is, and which plays differ most."""
    scenario = player.scenario
    name = describe_profile(scenario, comparison.than)
    if comparison.verdict == "cannot tell yet":
        more = min(20_000, max(lesson.games * 2, _games_needed(comparison, lesson.by, lesson.games)))
        head = tr(
            "against {profile}: the difference is too close to call; try `games: {games}`", profile=name, games=more
        )
    elif comparison.effect <= 0:
        head = tr(
            "against {profile}: the opposite happens ({mine} vs {theirs}): the rules reward the other way of playing",
            profile=name,
            mine=_fmt(comparison.mine, lesson.measure),
            theirs=_fmt(comparison.theirs, lesson.measure),
        )
    else:
        head = tr(
            "against {profile}: the effect is {effect}, short of by: {by}: strengthen what the {direction} profile"
            " does, or lower `by`",
            profile=name,
            effect=_fmt(comparison.effect, lesson.measure, difference=True),
            by=_fmt(lesson.by, lesson.measure, difference=True),
            direction=_direction(direction),
        )
    diffs = _play_differences(player, profile, comparison.than, lesson.games)
    return tr("{advice}. Plays that differ most: {plays}", advice=head, plays=diffs) if diffs else head


def _direction(direction: str) -> str:
    return tr("higher") if direction == "higher" else tr("lower")


def _games_needed(c: Comparison, by: float, games: int) -> int:
    """Roughly how many games would make the interval tight enough to decide."""
    half = (c.high - c.low) / 2
    gap = abs(c.effect - by) or abs(c.effect) or 1.0
    return int(games * (half / gap) ** 2) + 1 if half else games


def _play_differences(player: Player, one: Profile, other: Profile, games: int) -> str:
    """The three moves whose plays per game differ most between two profiles."""
    scenario = player.scenario

    def per_game(profile: Profile) -> Counter[str]:
        total: Counter[str] = Counter()
        records = player.played[seats_of(scenario, profile)][:games]
        for g in records:
            total.update(g.plays)
        return Counter({k: v / max(1, len(records)) for k, v in total.items()})

    a, b = per_game(one), per_game(other)
    keys = sorted(set(a) | set(b), key=lambda k: (-abs(a[k] - b[k]), k))[:3]
    parts = []
    for key in keys:
        if abs(a[key] - b[key]) < 0.05:
            continue
        actor, _, move_id = key.partition(":")
        move = pick(scenario.moves[move_id].name)
        mine, theirs = f"{a[key]:.2f}", f"{b[key]:.2f}"
        parts.append(
            tr("{team} {move} {mine} vs {theirs}", team=_short(scenario, actor), move=move, mine=mine, theirs=theirs)
        )
    return "; ".join(parts)


def _fmt(value: float, measure: Measure, *, difference: bool = False) -> str:
    """A value of the measure: rates in percent (their differences in points), others as numbers."""
    if not is_rate(measure):
        return f"{value:.2f}"
    return tr("{value} points", value=f"{100 * value:.1f}") if difference else f"{100 * value:.1f}%"


# --- the dominance search ---------------------------------------------------------------------


@frozen
class Dominant:
    """A generated strategy that beats every declared way of playing its team."""

    actor: str
    strategy: str  # generated id
    name: str
    score: float
    best_declared: str  # the declared strategy (or default bot) it beats by the least
    best_score: float
    margin: float  # its lead over that one
    low: float  # 95% interval of the lead
    games: int


def margin_of(scenario: Scenario, actor: str) -> float:
    """A clear lead on a team's score: a tenth of all its objectives' points, at least half a point."""
    points = sum(max(0, o.points) for o in scenario.actors[actor].objectives.values())
    return max(0.5, 0.1 * points)


def declared(scenario: Scenario, actor: str) -> list[str]:
    """The ways of playing a team its author thought of: its strategies, and its default bot."""
    ids = [sid for sid, st in scenario.strategies.items() if st.actor == actor and not sid.startswith(GENERATED)]
    return [*ids, scenario.actors[actor].bot]


def search_dominant(
    player: Player,
    actors: Iterable[str] | None = None,
    *,
    screen: int = SCREEN_GAMES,
    confirm: int = CONFIRM_GAMES,
    progress: Callable[[int, int], None] | None = None,
) -> list[Dominant]:
    """For each team, the generated strategies that beat all of its declared ones by a clear margin.

    Every team's strategies are screened in one set of games, and the hopeful ones confirmed in a
    second: two calls on the pool, so that two workers wait for each other twice, not once a team.
    ``progress(strategies, games each)`` is told before each of the two."""
    scenario = player.scenario
    teams = list(actors or scenario.actors)
    mine = {actor: declared(scenario, actor) for actor in teams}
    candidates = {actor: list(generated(scenario, actor)) for actor in teams}
    profiles = {
        actor: {plan: seats_of(scenario, {actor: plan}) for plan in [*mine[actor], *candidates[actor]]}
        for actor in teams
    }
    # each team's default bots are one profile, however many teams list them: counted and played once
    screened = {seats: screen for actor in teams for seats in profiles[actor].values()}
    if progress:
        progress(len(screened), screen)
    player.games(screened.items())

    def mean(actor: str, plan: str, n: int) -> float:
        values = player.values(profiles[actor][plan], Measure(score=(actor,)), n)
        return sum(values) / len(values)

    hopeful: dict[str, list[str]] = {}
    for actor in teams:
        best = max(mine[actor], key=lambda plan: mean(actor, plan, screen))
        bar = mean(actor, best, screen) + margin_of(scenario, actor) / 2  # what a hopeful one must beat
        hopeful[actor] = [c for c in candidates[actor] if mean(actor, c, screen) > bar]
    closer = {
        profiles[actor][plan]: confirm
        for actor in teams
        if hopeful[actor]
        for plan in [*mine[actor], *hopeful[actor]]
    }
    if not closer:
        return []
    if progress:
        progress(len(closer), confirm)
    player.games(closer.items())
    found: list[Dominant] = []
    for actor in teams:
        score, margin = Measure(score=(actor,)), margin_of(scenario, actor)
        for candidate in hopeful[actor]:
            leads = []
            for plan in mine[actor]:
                lead, low, _high = paired(
                    player.values(profiles[actor][candidate], score, confirm),
                    player.values(profiles[actor][plan], score, confirm),
                    1,
                )
                leads.append((lead, low, plan))
            lead, low, plan = min(leads)
            if lead >= margin and low > 0:
                found.append(
                    Dominant(
                        actor,
                        candidate,
                        pick(scenario.strategies[candidate].name),
                        mean(actor, candidate, confirm),
                        plan,
                        mean(actor, plan, confirm),
                        lead,
                        low,
                        confirm,
                    )
                )
    return found


def _declared_name(scenario: Scenario, actor: str, plan: str) -> str:
    """A declared way of playing, in words: 'Step back and talk', or 'its default bot (objective)'."""
    strategy = scenario.strategies.get(plan.removeprefix(PREFIX))
    if strategy is not None:
        return f"'{pick(strategy.name)}'"
    return tr("its default bot, {bot},", bot=plan)


# --- JSON -------------------------------------------------------------------------------------


def lessons_json(scenario: Scenario, results: Iterable[LessonResult]) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "claim": str(r.lesson.claim),
            "measure": describe_measure(scenario, r.lesson.measure),
            "holds": r.holds,
            "verdict": r.verdict,
            "by": r.lesson.by,
            "games": r.games,
            r.direction: r.profile,
            "comparisons": [
                {
                    "than": c.than,
                    "mine": round(c.mine, 4),
                    "theirs": round(c.theirs, 4),
                    "effect": round(c.effect, 4),
                    "low": round(c.low, 4),
                    "high": round(c.high, 4),
                    "verdict": c.verdict,
                }
                for c in r.comparisons
            ],
            "advice": list(r.advice),
        }
        for r in results
    ]


def dominant_json(found: Iterable[Dominant]) -> list[dict[str, Any]]:
    return [
        {
            "actor": d.actor,
            "strategy": d.strategy,
            "name": d.name,
            "score": round(d.score, 3),
            "beats": d.best_declared,
            "beats_score": round(d.best_score, 3),
            "margin": round(d.margin, 3),
            "low": round(d.low, 3),
            "games": d.games,
        }
        for d in found
    ]


# --- text -------------------------------------------------------------------------------------


def _mark(verdict: str) -> str:
    """A lesson's verdict as the first word of its lines."""
    if verdict == "holds":
        return tr("HOLDS")
    return tr("FAILS") if verdict == "fails" else tr("CANNOT TELL YET")


def _verdict_words(verdict: str) -> str:
    """A comparison's verdict at the end of its line."""
    if verdict == "holds":
        return tr("holds")
    return tr("fails") if verdict == "fails" else tr("cannot tell yet")


def format_lessons(scenario: Scenario, results: Sequence[LessonResult]) -> list[str]:
    """Each lesson: its verdict, its claim, and each comparison's figures, with advice where it does not hold."""
    if not results:
        return [tr("No lessons declared: add `lessons:` to the scenario (see the guide, 'Lessons').")]
    lines = []
    for r in results:
        m = r.lesson.measure
        setting = tr(
            "{measure}, {direction} with {profile} (by at least {by}; {games} games each)",
            measure=describe_measure(scenario, m),
            direction=_direction(r.direction),
            profile=describe_profile(scenario, r.profile),
            by=_fmt(r.lesson.by, m, difference=True),
            games=r.games,
        )
        lines += [f"{_mark(r.verdict):<6} {r.id}: {pick(r.lesson.claim)}", "       " + setting]
        for c in r.comparisons:
            line = tr(
                "than {profile}: {mine} vs {theirs}, effect {effect} (95%: {low} to {high}): {verdict}",
                profile=describe_profile(scenario, c.than),
                mine=_fmt(c.mine, m),
                theirs=_fmt(c.theirs, m),
                effect=_fmt(c.effect, m, difference=True),
                low=_fmt(c.low, m, difference=True),
                high=_fmt(c.high, m, difference=True),
                verdict=_verdict_words(c.verdict),
            )
            lines.append("         " + line)
        lines += ["       " + tr("what to change: {advice}", advice=a) for a in r.advice]
        lines.append("")
    held = sum(r.holds for r in results)
    lines.append(tr("{held} of {total} lessons hold.", held=held, total=len(results)))
    return lines


def format_dominant(scenario: Scenario, found: Sequence[Dominant], screen: int, confirm: int) -> list[str]:
    search = tr(
        "Dominance search: for each team, strategies made from its cards ({screen} games each, the promising"
        " ones {confirm}) against the strategies declared for it and its default bot.",
        screen=screen,
        confirm=confirm,
    )
    lines = ["", search]
    if not found:
        lines.append("  " + tr("No dominant strategy: no simple strategy beats every declared one by a clear margin."))
        return lines
    best: dict[str, Dominant] = {}
    for d in found:
        if d.actor not in best or d.margin > best[d.actor].margin:
            best[d.actor] = d
    for d in best.values():
        others = [o.name for o in found if o.actor == d.actor and o is not d]
        line = tr(
            "DOMINANT {team}: '{name}' scores {score}, ahead of {declared} ({declared_score}) by {margin}"
            " (95% at least {low}; a clear lead is {clear}).",
            team=_short(scenario, d.actor),
            name=d.name,
            score=f"{d.score:.2f}",
            declared=_declared_name(scenario, d.actor, d.best_declared),
            declared_score=f"{d.best_score:.2f}",
            margin=f"{d.margin:.2f}",
            low=f"{d.low:.2f}",
            clear=f"{margin_of(scenario, d.actor):.2f}",
        )
        lines.append("  " + line)
        if others:
            lines.append("    " + tr("Also ahead of every declared strategy: {names}.", names=", ".join(others)))
        lines.append(
            "    "
            + tr(
                "A class that finds it learns that play, whatever the lessons say: make it costlier, or declare it"
                " as a strategy and write the lesson it teaches."
            )
        )
    return lines
