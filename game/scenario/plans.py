"""Checks of a scenario's teaching plans (strategies, lessons, assessment): every reference, at file:line:col.

A strategy names a team, cards and kinds of that team, and answers to offers that team can
receive; a lesson names a measure and profiles of strategies (or bot specs). Mistakes here
would otherwise show up only as a lesson that "fails" for no reason a designer could see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario import model as m
from game.scenario.yamlread import Path

if TYPE_CHECKING:
    from game.scenario.load import Checker

ANSWERS = ("accept", "reject", "ignore")
MIN_GAMES = 20
MAX_GAMES = 20_000
KIND_PREFIX = "kind:"


def check_plans(checker: Checker) -> None:
    """Check every strategy and lesson of the checker's scenario."""
    for strategy_id, strategy in checker.s.strategies.items():
        _check_strategy(checker, strategy_id, strategy)
    for lesson_id, lesson in checker.s.lessons.items():
        _check_lesson(checker, lesson_id, lesson)
    used = {
        plan
        for lesson in checker.s.lessons.values()
        for profile in (lesson.higher, lesson.lower, *lesson.than)
        if profile is not None
        for plan in profile.values()
    }
    for strategy_id in checker.s.strategies:
        if strategy_id not in used:
            checker.r.warn(
                ("strategies", strategy_id),
                f"the strategy {strategy_id!r} is in no lesson: the dominance search counts it as a way of playing"
                " you thought of, so if it is the best play, no lesson says what it teaches",
                key=True,
            )
    if checker.s.assessment is not None:
        _check_assessment(checker, checker.s.assessment)
    for ending_id, ending in checker.s.endings.items():
        if ending.blamed_points is not None and ending.blame is None:
            checker.r.warn(
                ("endings", ending_id, "blamed_points"), "`blamed_points` needs `blame`: the track whose rise is blamed"
            )


def _check_strategy(c: Checker, strategy_id: str, strategy: m.Strategy) -> None:
    s = c.s
    base = ("strategies", strategy_id)
    if not c.ref((*base, "actor"), strategy.actor, s.actors, "actor"):
        return
    if strategy.bot is not None:
        c.check_bot((*base, "bot"), strategy.bot)
    for key in ("prefer", "never"):
        for index, entry in enumerate(getattr(strategy, key)):
            _check_card(c, (*base, key, index), strategy.actor, entry)
    if strategy.only and not strategy.prefer:
        c.r.warn((*base, "only"), f"the strategy {strategy_id!r} plays only its `prefer` cards, and lists none")
    clash = set(strategy.prefer) & set(strategy.never)
    for entry in sorted(clash):
        c.r.warn((*base, "never"), f"{entry!r} is both preferred and never played")
    offers_to = {
        move_id: move.offer
        for move_id, move in s.moves.items()
        if move.offer is not None and move.offer.to == strategy.actor
    }
    for offer_id, answer in strategy.answers.items():
        where = (*base, "answers", offer_id)
        counters = offers_to[offer_id].counters if offer_id in offers_to else ()
        if offer_id != "*" and not c.ref(where, offer_id, offers_to, f"offer made to {strategy.actor}", key=True):
            continue
        if answer not in (*ANSWERS, *counters):
            choices = ", ".join((*ANSWERS, *counters))
            c.r.add(where, f"unknown answer {answer!r}; use one of: {choices}")


def _check_card(c: Checker, path: Path, actor: str, entry: str) -> None:
    """A `prefer` or `never` entry: a move the actor can play, or kind:KIND of one of its kinds."""
    s = c.s
    if entry.startswith(KIND_PREFIX):
        kind = entry.removeprefix(KIND_PREFIX)
        if c.ref(path, kind, s.kinds, "kind") and not any(s.moves[mv].kind == kind for mv in s.moves_of(actor)):
            c.r.warn(path, f"{actor} has no moves of the kind {kind!r}")
        return
    if c.ref(path, entry, s.moves, "move") and actor not in s.moves[entry].by:
        c.r.add(path, f"{actor} cannot play {entry!r} (it is played by {', '.join(s.moves[entry].by)})")


def _check_lesson(c: Checker, lesson_id: str, lesson: m.Lesson) -> None:
    base = ("lessons", lesson_id)
    _check_measure(c, (*base, "measure"), lesson.measure)
    if (lesson.higher is None) == (lesson.lower is None):
        c.r.add(
            base, f"the lesson {lesson_id!r} needs one of `higher` or `lower`: the profile that should win", key=True
        )
    side = "higher" if lesson.higher is not None else "lower"
    main = lesson.higher if lesson.higher is not None else lesson.lower
    if main is not None:
        _check_profile(c, (*base, side), main)
    for index, profile in enumerate(lesson.than):
        _check_profile(c, (*base, "than", index) if len(lesson.than) > 1 else (*base, "than"), profile)
        if main is not None and profile == main:
            c.r.warn((*base, "than"), f"the lesson {lesson_id!r} compares a profile with itself")
    if lesson.by < 0:
        c.r.add((*base, "by"), "`by` is the smallest difference that makes the lesson visible: 0 or more")
    if not MIN_GAMES <= lesson.games <= MAX_GAMES:
        c.r.add((*base, "games"), f"`games` must be between {MIN_GAMES} and {MAX_GAMES}")


def _check_profile(c: Checker, path: Path, profile: m.Profile) -> None:
    s = c.s
    for actor, plan in profile.items():
        where = (*path, actor)
        if not c.ref(where, actor, s.actors, "actor", key=True):
            continue
        strategy = s.strategies.get(plan)
        if strategy is not None:
            if strategy.actor != actor:
                c.r.add(where, f"the strategy {plan!r} is one of {strategy.actor}'s, not {actor}'s")
        elif plan.partition(":")[0] in ("random", "objective"):
            c.check_bot(where, plan)
        else:
            known = [sid for sid, st in s.strategies.items() if st.actor == actor]
            c.ref(where, plan, [*known, "random", "objective"], f"strategy of {actor}")


def _check_measure(c: Checker, path: Path, measure: m.Measure) -> None:
    s = c.s
    given = [
        key
        for key in ("score", "ending", "objective", "plays", "plays_kind", "track", "turns")
        if getattr(measure, key) not in (None, (), False)
    ]
    if len(given) != 1:
        keys = ", ".join(given) if given else "none"
        c.r.add(path, f"a measure has one of score, ending, objective, plays, plays_kind, track, turns (here: {keys})")
    for index, actor in enumerate(measure.score):
        c.ref((*path, "score", index) if len(measure.score) > 1 else (*path, "score"), actor, s.actors, "actor")
    if measure.ending is not None:
        c.ref((*path, "ending"), measure.ending, s.endings, "ending")
    if measure.objective is not None:
        known = [f"{a}.{o}" for a, actor in s.actors.items() for o in actor.objectives]
        c.ref((*path, "objective"), measure.objective, known, "objective")
    if measure.plays is not None:
        c.ref((*path, "plays"), measure.plays, s.moves, "move")
    if measure.plays_kind is not None:
        c.ref((*path, "plays_kind"), measure.plays_kind, s.kinds, "kind")
    if measure.track is not None:
        c.ref((*path, "track"), measure.track, s.all_tracks, "track")
    if measure.by is not None:
        if measure.plays is None and measure.plays_kind is None:
            c.r.add((*path, "by"), "`by` goes with plays or plays_kind")
        c.ref((*path, "by"), measure.by, s.actors, "actor")


MIN_CHOICES, MAX_CHOICES = 2, 6


def _check_assessment(c: Checker, assessment: m.Assessment) -> None:
    objectives = len(c.s.learning_objectives)
    for index, item in enumerate(assessment.concept_check):
        base = ("assessment", "concept_check", index)
        if not MIN_CHOICES <= len(item.choices) <= MAX_CHOICES:
            c.r.add(
                (*base, "choices"), f"a question has {MIN_CHOICES} to {MAX_CHOICES} choices, not {len(item.choices)}"
            )
        elif not 1 <= item.answer <= len(item.choices):
            c.r.add(
                (*base, "answer"), f"the answer counts the choices from 1: 1 to {len(item.choices)}, not {item.answer}"
            )
        if item.objective is not None and not 1 <= item.objective <= objectives:
            listed = f"1 to {objectives}" if objectives else "the scenario lists no learning_objectives"
            c.r.add((*base, "objective"), f"the learning objective counts from 1 ({listed}), not {item.objective}")
    for index, row in enumerate(assessment.rubric):
        if not row.levels:
            c.r.add(
                ("assessment", "rubric", index, "levels"),
                "a rubric row needs at least one level, e.g. {4: ..., 1: ...}",
            )
