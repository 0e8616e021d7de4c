"""The debrief of a game as plain data: what the report and the debrief screen both show.

``build_debrief(scenario, states, logs)`` reads what ``game.engine.save.replay`` returns
(and what the UI's ``Session`` holds) and gathers the outcome, each team's objectives and
score, the timeline of every turn with the log's explanation of each change, the track
histories, the key moments, the teaching notes and the discussion material.

What is revealed: while a game runs, hidden tracks show only a range and the log hides
their numbers. Once the game is over the debrief reveals them (the class learns what it
could not see, which is part of the lesson), and marks them as revealed. A debrief of a
game still in progress shows the public view only: the class's view at the projector.

Texts are in the debrief's language (``lang``, by default the current one): the report's own
words through the catalogue (``game.i18n``), the scenario's texts in that language where the
scenario has them (else in English, as an ``i18n.Fallback`` the writers mark), and the log said
again in that language (``logtext``). Nothing here is escaped: the HTML and Markdown writers
escape every text they write.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from attrs import evolve, frozen

from game.engine.dialogue import EVERYONE, Message
from game.engine.facts import established, facts_seen
from game.engine.state import GameState, LogEntry, Outcome
from game.engine.view import redact
from game.i18n import N_, SOURCE, language, ntr, pick, speaking, tr
from game.report.logtext import LogWords
from game.scenario.model import BLAMED, Scenario, Teach, Text, Track
from game.scenario.places import fixed_places

#: Log kinds that open a step of the timeline; the others (change, roll, offer, token)
#: are consequences listed under the step they belong to.
HEADLINES = frozenset({"event", "answer", "move", "interaction", "agreement", "ending", "note", "teacher"})
KEY_MOMENTS = 5
#: Lines of reasons under a key moment at most: the handout and the debrief screen show no more, so a
#: swing with more causes says the rest in one line with their sum, and the lines still add up.
MOMENT_REASONS = 4
NEUTRAL_COLOUR = "#22324A"


def _str(text: Text | str | None) -> str:
    """A scenario text in the current language (the debrief is built speaking its language)."""
    return pick(text)


@frozen
class SourceRef:
    """A source cited by the teaching texts; ``number`` is its place in the report's list."""

    id: str
    number: int
    title: str
    publisher: str
    date: str
    url: str


@frozen
class Objective:
    text: str
    points: int
    main: bool
    met: bool | None  # None while the game is not over


@frozen
class Team:
    id: str
    name: str
    short: str
    colour: str
    role: str
    played_by: str  # "a team", "a bot (hawk)", ...
    score: int | None
    objectives: tuple[Objective, ...]
    max_score: int = 0  # every objective met: scores of different teams compare as shares of it
    # Why the score is not the points of the objectives met, when the ending's rule set it: "the ending
    # scores every team 0" (its objectives still show as met); "" when no rule of the ending did.
    score_note: str = ""


@frozen
class Ending:
    id: str
    name: str
    text: str
    turn: int
    blamed: str  # the name of the team whose move pushed it over the edge, or ""
    everyone_loses: bool
    what: str
    why: str
    history: str
    fates: str = ""  # format 2: who won and who lost, in a sentence ("Won: USSR. Lost: USA."), or ""


def fates_text(scenario: Scenario, outcome: Outcome) -> str:
    """Who the ending says won and lost (format 2), in the players' words; '' when it names nobody."""

    def names(teams: tuple[str, ...]) -> str:
        return ", ".join(_str(scenario.actors[a].short or scenario.actors[a].name) for a in teams)

    said = [tr("Won: {teams}.", teams=names(outcome.winners))] if outcome.winners else []
    if outcome.losers:
        said.append(tr("Lost: {teams}.", teams=names(outcome.losers)))
    return " ".join(said)


@frozen
class Detail:
    """A consequence of a step: a change of a track (with its numbers), a roll, an offer, a token."""

    kind: str
    text: str  # the log's text, whole
    ref: str | None = None
    before: int | None = None
    after: int | None = None
    better: bool | None = None  # for a change: good news for the track's owner?
    change: str = ""  # for a change: the text without its reason, e.g. 'Tension 4 → 6 (+2)'
    why: str = ""  # for a change: its reason, e.g. 'Missile test (DPRK), dice failure'
    own: bool = False  # the reason is the step's own (its card): writers may leave it out


@frozen
class Step:
    """One thing that happened in a turn, and what it changed."""

    kind: str  # event | answer | move | interaction | agreement | drift | ending | note
    text: str
    actor: str | None
    source: str | None
    what: str
    why: str
    first: bool  # the first time this card happens in the game (its teaching text is shown then)
    happened: bool  # False for a joint move a partner did not join
    details: tuple[Detail, ...]
    # Who knew of it while the game ran, when not everyone did (a covert move, a private event):
    # "Secret during play: only the USSR knew." The debrief reveals it; the class learns what it could not see.
    secret: str = ""


@frozen
class Said:
    """One message of a turn's talks, as the report prints it: 'ROK → US: …'."""

    sender: str  # the team's short name
    to: str  # a team's short name, or 'everyone'
    text: str


@frozen
class TurnRecord:
    number: int
    steps: tuple[Step, ...]
    said: tuple[Said, ...] = ()  # the talks before the orders (team devices), in the order said

    @property
    def moves(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.kind == "move")


@frozen
class TrackHistory:
    """A track's value at the start of the game and at the end of every turn played."""

    ref: str
    label: str
    description: str
    values: tuple[int, ...]  # values[0]: the start; values[k]: the end of turn k
    low: int
    high: int
    unit: str
    good: str  # up | down | neither
    style: str
    rungs: tuple[tuple[int, str], ...]
    colour: str
    owner: str | None
    visible: str  # public | owner | hidden
    revealed: bool  # not public during play, shown because the game is over

    def rung_at(self, value: int) -> str:
        """The name of the rung a value stands on ('' without rungs)."""
        name = ""
        for level, rung in self.rungs:
            if value >= level:
                name = rung
        return name

    @property
    def final(self) -> int:
        return self.values[-1]


@frozen
class KeyMoment:
    """A large net swing of one track in one turn, with the changes that made it; or (``kind``
    "first" or "deal") a turning point that is not a number: the first play of a card its
    author marked as a moment, an event so marked, a deal struck for the first time or broken."""

    turn: int
    ref: str
    label: str
    before: int
    after: int
    reasons: tuple[str, ...]
    better: bool | None
    kind: str = "swing"  # swing | first | deal

    @property
    def delta(self) -> int:
        return self.after - self.before

    @property
    def headline(self) -> str:
        """'▲ Turn 3: Tension 4 → 7 (+3)', or '★ Turn 4: Nuclear test' for a turning point."""
        if self.kind != "swing":
            return "★ " + tr("Turn {turn}: {label}", turn=self.turn, label=self.label)
        arrow = "▲" if self.delta > 0 else "▼"
        change = f"{self.label} {self.before} → {self.after} ({self.delta:+d})"
        return f"{arrow} " + tr("Turn {turn}: {label}", turn=self.turn, label=change)


def score_line(team: Team, *, why: bool = True) -> str:
    """A team's score against the most it could have scored: '5 of 9 points'; with ``why``, and
    the ending's rule set it, the rule too: '0 of 10 points (the ending scores every team 0)'."""
    if team.score is None:
        return ""
    line = ntr("{score} of {n} point", "{score} of {n} points", team.max_score, score=team.score)
    return line + " (" + team.score_note + ")" if why and team.score_note else line


@frozen
class HistoryNote:
    """What happened in history, from a card played (or the ending, or the scenario)."""

    title: str
    text: str
    sources: tuple[int, ...]  # numbers of SourceRefs


@frozen
class Debrief:
    scenario_id: str
    title: str
    summary: str
    seed: int
    over: bool
    turns_played: int
    turn_range: tuple[int, int]
    revealed: bool  # hidden tracks are shown (the game is over)
    ending: Ending | None
    teams: tuple[Team, ...]
    timeline: tuple[TurnRecord, ...]
    tracks: tuple[TrackHistory, ...]
    key_moments: tuple[KeyMoment, ...]
    history: tuple[HistoryNote, ...]
    questions: tuple[str, ...]
    learning_objectives: tuple[str, ...]
    glossary: tuple[tuple[str, str], ...]
    sources: tuple[SourceRef, ...]
    scenario_hash: str
    lang: str = SOURCE  # the language of its words: the writers speak it too
    facts: tuple[tuple[str, int], ...] = ()  # format 2: each fact true at the end (its sentence), and since which turn

    @property
    def moves_played(self) -> int:
        return sum(len(turn.moves) for turn in self.timeline)

    def track(self, ref: str) -> TrackHistory:
        for track in self.tracks:
            if track.ref == ref:
                return track
        raise KeyError(ref)


# --- building ----------------------------------------------------------------------------------


def build_debrief(
    scenario: Scenario,
    states: Sequence[GameState],
    logs: Sequence[Sequence[LogEntry]],
    *,
    reveal: bool | None = None,
    key_moments: int = KEY_MOMENTS,
    lang: str | None = None,
    dialogue: Sequence[Message] = (),
) -> Debrief:
    """The debrief of a game from its states and logs. ``reveal`` defaults to: the game is over;
    ``lang`` to the current language; ``dialogue``: what the teams said (the save's), shown in
    each turn before what they then did."""
    with speaking(lang) as code:
        debrief = _build(scenario, states, logs, reveal, key_moments, LogWords(scenario, code))
        if not dialogue:
            return debrief
        timeline = tuple(evolve(t, said=_said(scenario, dialogue, t.number)) for t in debrief.timeline)
        return evolve(debrief, timeline=timeline)


def _said(scenario: Scenario, dialogue: Sequence[Message], turn: int) -> tuple[Said, ...]:
    def short(actor: str) -> str:
        if actor == EVERYONE:
            return tr("everyone")
        spec = scenario.actors.get(actor)
        return _str(spec.short or spec.name) if spec is not None else actor

    said = []
    for message in dialogue:
        if message.turn != turn:
            continue
        text = message.text
        move = scenario.moves.get(message.move or "")
        name = _str(move.name) if move is not None else (message.move or "")
        if message.kind == "proposal":
            text = tr("proposes a deal: {move}.", move=name) + (f" {text}" if text else "")
        elif message.kind == "accept":
            text = tr("accepts the deal: {move}. It takes effect this turn.", move=name)
        elif message.kind == "reject":
            text = tr("turns down the deal: {move}.", move=name)
        said.append(Said(short(message.sender), short(message.to), text))
    return tuple(said)


def _build(
    scenario: Scenario,
    states: Sequence[GameState],
    logs: Sequence[Sequence[LogEntry]],
    reveal: bool | None,
    key_moments: int,
    book: LogWords,
) -> Debrief:
    final = states[-1]
    over = final.outcome is not None
    show_hidden = over if reveal is None else reveal
    entries = [e for log in logs for e in log]
    if not show_hidden:
        entries = list(redact(scenario, None, entries))
    played = final.outcome.turn if final.outcome is not None else final.turn - 1
    shown_refs = [r for r in scenario.all_tracks if show_hidden or scenario.all_tracks[r].visible == "public"]
    if scenario.place_refs:  # format 2: a place value nothing changes (a region) has no history to draw
        shown_refs = [r for r in shown_refs if r not in fixed_places(scenario)]
    tracks = tuple(_history(scenario, ref, entries, played, show_hidden, over) for ref in shown_refs)
    sources = _Citations(scenario)
    # the last turn of the game: the one it ended with; while it goes on, the last it may have (unless
    # the teacher let it run past that), else unknown
    end = played if over else (scenario.turn_range[1] if final.turn <= scenario.turn_range[1] else None)
    timeline = _timeline(book, entries, final.turn, end)
    return Debrief(
        scenario_id=scenario.id,
        title=_str(scenario.title),
        summary=_str(scenario.summary),
        seed=final.seed,
        over=over,
        turns_played=played,
        turn_range=scenario.turn_range,
        revealed=show_hidden,
        ending=_ending(scenario, final),
        teams=_teams(scenario, final),
        timeline=timeline,
        tracks=tracks,
        key_moments=tuple(
            ordered_moments(
                _key_moments(book, tracks, entries, key_moments, played if over else None)
                + _milestones(book, entries, end)
            )
        ),
        history=_history_notes(scenario, timeline, final, sources),
        questions=tuple(_str(q) for q in scenario.questions),
        learning_objectives=tuple(_str(o) for o in scenario.learning_objectives),
        glossary=tuple((_str(entry.name(key)), _str(entry.text)) for key, entry in scenario.glossary.items()),
        sources=sources.cited(),
        scenario_hash=scenario.source_hash,
        lang=book.lang,
        facts=_facts(scenario, entries, final, show_hidden) if scenario.facts else (),
    )


def fact_line(text: str, turn: int) -> str:
    """One fact of the debrief: 'The wall is built (since turn 3)'."""
    if turn == 0:
        return tr("{fact} (from the start)", fact=text)
    return tr("{fact} (since turn {turn})", fact=text, turn=turn)


def _facts(
    scenario: Scenario, entries: Sequence[LogEntry], final: GameState, show_hidden: bool
) -> tuple[tuple[str, int], ...]:
    """The facts true at the end with the turn each was established: the class's, or (revealed) all."""
    seen = set(facts_seen(scenario, final, None, everything=show_hidden))
    return tuple((pick(scenario.facts[f].text), turn) for f, turn in established(scenario, entries, final) if f in seen)


def _ending(scenario: Scenario, state: GameState) -> Ending | None:
    outcome = state.outcome
    if outcome is None:
        return None
    spec = scenario.endings.get(outcome.ending)
    teach = spec.teach if spec is not None else None
    blamed = _str(scenario.actors[outcome.blamed].name) if outcome.blamed in scenario.actors else ""
    return Ending(
        id=outcome.ending,
        name=_str(spec.name) if spec is not None else tr("The game is over"),
        text=_str(spec.text) if spec is not None else "",
        turn=outcome.turn,
        blamed=blamed,
        everyone_loses=bool(spec and spec.everyone_loses),
        what=_str(teach.what) if teach else "",
        why=_str(teach.why) if teach else "",
        history=_str(teach.history) if teach else "",
        fates=fates_text(scenario, outcome),
    )


def _played_by(scenario: Scenario, seat: str | None) -> str:
    """Who played a seat, in words: 'a team', 'a bot (Hawk)', 'a bot (random moves)'."""
    if seat is None or seat == "human":
        return tr("a team")
    kind, _, temperament = seat.partition(":")
    if kind == "random":
        return tr("a bot (random moves)")
    if not temperament:
        return tr("a bot")
    builtin = {"hawk": tr("Hawk"), "dove": tr("Dove"), "pragmatist": tr("Pragmatist")}  # as the window names them
    known = scenario.temperaments.get(temperament)
    if temperament in builtin and known is None:
        name = builtin[temperament]
    else:
        name = _str(known.name) if known is not None and known.name else temperament
    return tr("a bot ({temperament})", temperament=name)


def _teams(scenario: Scenario, state: GameState) -> tuple[Team, ...]:
    outcome = state.outcome
    teams = []
    for actor_id, actor in scenario.actors.items():
        if actor_id in scenario.umpires:  # format 2's umpire scores nothing: not a team of the results
            continue
        met = set(outcome.met.get(actor_id, ())) if outcome is not None else None
        objectives = tuple(
            Objective(_str(o.text), o.points, o.main, None if met is None else oid in met)
            for oid, o in actor.objectives.items()
        )
        teams.append(
            Team(
                id=actor_id,
                name=_str(actor.name),
                short=_str(actor.short or actor.name),
                colour=actor.colour,
                role=_str(actor.role),
                played_by=_played_by(scenario, state.seats.get(actor_id)),
                score=outcome.scores.get(actor_id, 0) if outcome is not None else None,
                objectives=objectives,
                max_score=actor.max_points,
                score_note=_score_note(scenario, outcome, actor_id) if outcome is not None else "",
            )
        )
    return tuple(teams)


def _score_note(scenario: Scenario, outcome: Outcome, actor_id: str) -> str:
    """Why a team's score is not the points of the objectives it met: the ending's rule, as the
    engine applies it (everyone loses: 0; the team blamed: its points instead; format 2: a team that
    lost scores nothing for its objectives, then the ending's points are added); '' when no rule did."""
    ending = scenario.endings.get(outcome.ending)
    if ending is None:
        return ""
    said = []
    if ending.blamed_points is not None and actor_id == outcome.blamed:
        said.append(tr("the team blamed for the ending scores {points}", points=ending.blamed_points))
    elif ending.everyone_loses:
        said.append(tr("the ending scores every team 0"))
    if actor_id in outcome.losers:
        said.append(tr("a team that loses in this ending scores nothing for its objectives"))
    extra = sum(
        points for team, points in ending.points.items() if (outcome.blamed if team == BLAMED else team) == actor_id
    )
    if extra:
        said.append(tr("the ending gives this team {points}", points=f"{extra:+d}"))
    return "; ".join(said)


def _better(track: Track, before: int, after: int) -> bool | None:
    if track.good == "neither" or before == after:
        return None
    return (after > before) == (track.good == "up")


def _history(
    scenario: Scenario, ref: str, entries: Sequence[LogEntry], played: int, reveal: bool, over: bool
) -> TrackHistory:
    """The track at the start and at the end of each turn played; once the game is over, its last
    value is the final one (a teacher who ends the game early does so after a turn's events)."""
    track = scenario.all_tracks[ref]
    values = [track.start]
    current = track.start
    changes = [e for e in entries if e.track == ref and e.after is not None]
    index = 0
    for turn in range(1, played + 1):
        last = turn if not (over and turn == played) else 10**9
        while index < len(changes) and changes[index].turn <= last:
            current = changes[index].after  # type: ignore[assignment]
            index += 1
        values.append(current)
    owner = scenario.track_owner.get(ref)
    return TrackHistory(
        ref=ref,
        label=LogWords(scenario, language()).label(ref),
        description=_str(track.description),
        values=tuple(values),
        low=track.min,
        high=track.max,
        unit=track.unit,
        good=track.good,
        style=track.style,
        rungs=tuple(sorted((level, _str(name)) for level, name in track.rungs.items())),
        colour=scenario.actors[owner].colour if owner else NEUTRAL_COLOUR,
        owner=owner,
        visible=track.visible,
        revealed=reveal and track.visible != "public",
    )


def _teach(teach: Teach | None) -> tuple[str, str]:
    if teach is None:
        return "", ""
    return _str(teach.what), _str(teach.why)


def _card_teach(scenario: Scenario, kind: str, source: str | None) -> Teach | None:
    """The teaching text of the card a step comes from."""
    if source is None:
        return None
    if kind == "move" and source in scenario.moves:
        return scenario.moves[source].teach
    if kind == "event" and source in scenario.events:
        return scenario.events[source].teach
    if kind == "interaction" and source in scenario.interactions:
        return scenario.interactions[source].teach
    return None


def _details(book: LogWords, entries: Sequence[LogEntry]) -> tuple[Detail, ...]:
    """The consequences of a step; a change whose reason is the step's most common one is its `own`."""
    scenario = book.scenario
    reasons = Counter(_why(scenario, e) for e in entries if e.kind == "change" and e.before is not None)
    common = reasons.most_common(1)[0][0] if reasons else None
    details = []
    for entry in entries:
        text = book.entry(entry)
        if entry.kind == "change" and entry.track is not None and entry.before is not None and entry.after is not None:
            better = _better(scenario.all_tracks[entry.track], entry.before, entry.after)
            why = _why(scenario, entry)
            own = why == common and why != entry.text
            said = (book.reason(entry) or why) if why != entry.text else text
            change = text[: -len(said) - 2] if said != text and text.endswith(f": {said}") else text
            details.append(Detail("change", text, entry.track, entry.before, entry.after, better, change, said, own))
        else:
            details.append(Detail(entry.kind, text, entry.track))
    return tuple(details)


def _card_name(scenario: Scenario, step: Step) -> str:
    source = step.source or ""
    if step.kind == "move" and source in scenario.moves:
        return _str(scenario.moves[source].name)
    if step.kind == "event" and source in scenario.events:
        return _str(scenario.events[source].name)
    if step.kind == "interaction" and source in scenario.interactions:
        return _str(scenario.interactions[source].name)
    return step.text


def _drift_name(scenario: Scenario, source: str) -> str:
    _, _, index = source.partition(":")
    if source.startswith("drift:") and index.isdigit() and int(index) < len(scenario.drift):
        return _str(scenario.drift[int(index)].name)
    return tr("End of turn")


def _belongs(head: LogEntry, entry: LogEntry) -> bool:
    """A consequence belongs to a headline from the same card, or to a headline that names no
    card in the same phase (e.g. the teacher's adjustment)."""
    if head.kind not in HEADLINES:
        return head.source == entry.source
    if head.source is not None:
        return head.source == entry.source
    return head.phase == entry.phase


def _groups(entries: Iterable[LogEntry]) -> list[tuple[LogEntry, list[LogEntry]]]:
    """Split a turn's log into headline entries, each with the consequences that follow it.

    A consequence goes to the latest headline it belongs to: a move that breaks an agreement
    logs the breach (and its effects) between its own headline and its own effects."""
    groups: list[tuple[LogEntry, list[LogEntry]]] = []
    for entry in entries:
        if entry.kind in HEADLINES:
            groups.append((entry, []))
            continue
        home = next((g for g in reversed(groups) if _belongs(g[0], entry)), None)
        if home is not None:
            home[1].append(entry)
        else:  # a change with no card of its own, e.g. drift at upkeep
            groups.append((entry, [entry]))
    return groups


def _happened(scenario: Scenario, entry: LogEntry) -> bool:
    """False for a joint move that did not happen because a partner did not join."""
    move = scenario.moves.get(entry.source or "")
    return not (entry.kind == "move" and move is not None and entry.text.startswith(f"{move.name} did not happen:"))


def _headline(book: LogWords, head: LogEntry, end: int | None) -> tuple[str, str]:
    """The kind and text of a step; a step opened by a bare change is named after its rule or card.
    An event is told without the log's 'Event: ' (the report labels each step with its kind)."""
    scenario = book.scenario
    event = scenario.events.get(head.source or "")
    if head.kind == "event" and head.text.startswith("Event: ") and event is not None:
        if book.lang == SOURCE:
            return "event", head.text.removeprefix("Event: ")
        text = _str(event.text)
        return "event", f"{_str(event.name)}. {text}" if text else f"{_str(event.name)}."
    if head.kind in HEADLINES:
        return head.kind, _entry_text(book, head, end)
    source = head.source or ""
    if source.startswith("drift:"):
        return "drift", _drift_name(scenario, source)
    for cards in (scenario.moves, scenario.events, scenario.interactions):
        if source in cards:
            return "note", _str(cards[source].name)
    return "note", book.entry(head)


AGREEMENT_HOLDS = "Agreement {move} holds until the end of turn {until}."  # the engine's message


def _entry_text(book: LogWords, entry: LogEntry, end: int | None) -> str:
    """A headline entry in the debrief's language; a deal said to hold beyond ``end``, the game's last
    turn (None: not known), is said to hold to the end of the game: the log, written when it was
    struck, could not know the game would end first, and a turn the game never had confuses."""
    if end is not None and entry.kind == "agreement" and entry.message == AGREEMENT_HOLDS:
        args = dict(entry.args)
        until = args.get("until")
        if isinstance(until, int) and until > end and "move" in args:
            message = N_("Agreement {move} is to hold to the end of the game.")
            return book.entry(entry._replace(message=message, args=(("move", args["move"]),)))
    return book.entry(entry)


def _timeline(book: LogWords, entries: Sequence[LogEntry], last_turn: int, end: int | None) -> tuple[TurnRecord, ...]:
    scenario = book.scenario
    seen: set[tuple[str, str]] = set()
    turns = []
    rounds = {phase.id: _str(phase.name) for phase in scenario.phases}  # format 2 phases
    for number in range(1, last_turn + 1):
        steps = []
        now: str | None = None
        for head, consequences in _groups(e for e in entries if e.turn == number):
            if head.round is not None and head.round != now and head.round in rounds:  # a round begins
                now = head.round
                steps.append(Step("round", rounds[now], None, now, "", "", False, True, ()))
            kind, text = _headline(book, head, end)
            happened = _happened(scenario, head)
            key = (kind, head.source or "")
            first = happened and key not in seen
            if happened:
                seen.add(key)
            what, why = _teach(_card_teach(scenario, kind, head.source))
            details = _details(book, consequences)
            secret = _secret(scenario, head.audience)
            steps.append(Step(kind, text, head.actor, head.source, what, why, first, happened, details, secret))
        turns.append(TurnRecord(number, tuple(steps)))
    return tuple(turns)


def _secret(scenario: Scenario, audience: tuple[str, ...] | None) -> str:
    if audience is None:
        return ""
    names = [_str(scenario.actors[a].short or scenario.actors[a].name) for a in audience if a in scenario.actors]
    if not names:
        return tr("Secret during play: no team knew.")
    teams = names[0] if len(names) == 1 else tr("{first} and {second}", first=", ".join(names[:-1]), second=names[-1])
    return tr("Secret during play: only {teams} knew.", teams=teams)


def _why(scenario: Scenario, entry: LogEntry) -> str:
    """The reason part of a change's log text ('Tension 4 → 6 (+2): WHY')."""
    prefix = f"{scenario.track_label.get(entry.track or '', '')} {entry.before} → {entry.after} ("
    if entry.text.startswith(prefix):
        _, _, why = entry.text[len(prefix) :].partition("): ")
        if why:
            return why
    return entry.text


def _key_moments(
    book: LogWords, tracks: Sequence[TrackHistory], entries: Sequence[LogEntry], count: int, last: int | None
) -> tuple[KeyMoment, ...]:
    """The largest net swings of a track within one turn (relative to its range), told in turn order,
    each with its causes (``last``: the game's last turn, whose swing runs to the final value, as the
    chart's does; None while the game goes on)."""
    scenario = book.scenario
    swings: list[tuple[float, int, int, TrackHistory]] = []
    for order, track in enumerate(tracks):
        span = max(1, track.high - track.low)
        for turn in range(1, len(track.values)):
            delta = track.values[turn] - track.values[turn - 1]
            if delta:
                swings.append((-abs(delta) / span, turn, order, track))
    swings.sort(key=lambda s: s[:3])
    chosen = sorted(swings[:count], key=lambda s: (s[1], s[2]))
    moments = []
    for _, turn, _, track in chosen:
        before, after = track.values[turn - 1], track.values[turn]
        causes: dict[str, int] = {}  # each cause's net change in the turn, in the order they came
        for e in entries:
            if e.track != track.ref or e.after is None or e.before is None:
                continue
            if e.turn == turn or (turn == last and e.turn > turn):
                cause = book.reason(e) or _why(scenario, e)
                causes[cause] = causes.get(cause, 0) + e.after - e.before
        better = _better(scenario.all_tracks[track.ref], before, after)
        reasons = _reasons(causes, track.unit)
        moments.append(KeyMoment(turn, track.ref, track.label, before, after, reasons, better))
    return tuple(moments)


def _reasons(causes: dict[str, int], unit: str) -> tuple[str, ...]:
    """A swing's causes as lines that add up to it: '+2: Missile test (DPRK)', each cause once with its
    net change (a cause that came to nothing left out); past MOMENT_REASONS lines, the largest kept in
    the order they came and the rest in one last line with their sum: '-1: 2 other changes'."""
    moved = [(cause, net) for cause, net in causes.items() if net]
    if len(moved) > MOMENT_REASONS:
        largest = sorted(range(len(moved)), key=lambda i: (-abs(moved[i][1]), i))[: MOMENT_REASONS - 1]
        rest = [net for i, (_, net) in enumerate(moved) if i not in largest]
        kept = [f"{net:+d}{unit}: {cause}" for i, (cause, net) in enumerate(moved) if i in largest]
        others = ntr("{n} other change", "{n} other changes", len(rest))
        return (*kept, f"{sum(rest):+d}{unit}: " + others)
    return tuple(f"{net:+d}{unit}: {cause}" for cause, net in moved)


def _once(texts: Iterable[str]) -> tuple[str, ...]:
    """Texts with nothing said twice, in their order: a text said before, or said within a longer
    one (a move's signal, which the move's log line ends with), is left out."""
    said = [text for text in texts if text.strip()]
    kept = []
    for index, text in enumerate(said):
        core = text.strip().rstrip(".").strip()
        if not any(
            core in other and (len(other) > len(text) or at < index) for at, other in enumerate(said) if at != index
        ):
            kept.append(text)
    return tuple(kept)


MILESTONES = 4


def _milestones(book: LogWords, entries: Sequence[LogEntry], end: int | None) -> tuple[KeyMoment, ...]:
    """Turning points that are not swings of a number: the first play of a card marked `moment`, an event
    so marked (all of them), and the first deal struck and the deals broken (up to MILESTONES in all).
    Each says what happened once: a move's log line already ends with its signal when it has one."""
    scenario = book.scenario
    found: list[KeyMoment] = []
    seen: set[str] = set()
    dealt = False
    broken: dict[tuple[int, str], int] = {}  # (turn, deal) -> its place in found
    for entry in entries:
        source = entry.source or ""
        if entry.kind == "move" and source in scenario.moves and source not in seen:
            move = scenario.moves[source]
            if move.moment:
                seen.add(source)
                signal = (_str(move.signal),) if move.signal else ()
                reasons = _once((book.entry(entry), *signal))
                found.append(KeyMoment(entry.turn, "", _str(move.name), 0, 0, reasons, None, "first"))
        elif entry.kind == "event" and source in scenario.events and scenario.events[source].moment:
            found.append(
                KeyMoment(entry.turn, "", _str(scenario.events[source].name), 0, 0, (book.entry(entry),), None, "first")
            )
        elif entry.kind == "agreement" and entry.phase == "moves":
            key = (entry.turn, source)
            if key in broken:  # the other side broke the same deal in the same turn
                at = broken[key]
                label = tr("A deal broken by both sides") + ": " + _deal_name(scenario, source)
                found[at] = evolve(found[at], label=label, reasons=_once((*found[at].reasons, book.entry(entry))))
            else:
                broken[key] = len(found)
                label = tr("A deal broken") + ": " + _deal_name(scenario, source)
                found.append(KeyMoment(entry.turn, "", label, 0, 0, (book.entry(entry),), False, "deal"))
        elif entry.kind == "agreement" and entry.phase == "answers" and not dealt:
            dealt = True
            label = tr("A first deal") + ": " + _deal_name(scenario, source)
            found.append(KeyMoment(entry.turn, "", label, 0, 0, (_entry_text(book, entry, end),), True, "deal"))
    # what the author marked is always kept (a turn-8 nuclear test must not give way to early deals);
    # the deals fill what room is left, the earliest first
    marked = sum(m.kind == "first" for m in found)
    room = max(0, MILESTONES - marked)
    kept: list[KeyMoment] = []
    for moment in found:
        if moment.kind == "first" or room > 0:
            room -= moment.kind != "first"
            kept.append(moment)
    return tuple(kept)


def _deal_name(scenario: Scenario, source: str) -> str:
    move = scenario.moves.get(source)
    return _str(move.name) if move is not None else source


def ordered_moments(moments: Iterable[KeyMoment]) -> list[KeyMoment]:
    """Key moments in the order they happened: by turn, turning points before the swings they caused."""
    return sorted(moments, key=lambda m: (m.turn, m.kind == "swing"))


class _Citations:
    """Numbers the sources in the order the report first cites them."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.numbers: dict[str, int] = {}

    def cite(self, ids: Iterable[str]) -> tuple[int, ...]:
        numbers = []
        for source_id in ids:
            if source_id not in self.scenario.sources:
                continue
            number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
            numbers.append(number)
        return tuple(numbers)

    def cited(self) -> tuple[SourceRef, ...]:
        refs = []
        for source_id, number in self.numbers.items():
            source = self.scenario.sources[source_id]
            refs.append(
                SourceRef(source_id, number, source.title, source.publisher or "", source.date or "", source.url or "")
            )
        return tuple(refs)


def _history_notes(
    scenario: Scenario, timeline: Sequence[TurnRecord], state: GameState, sources: _Citations
) -> tuple[HistoryNote, ...]:
    """What happened in history: the scenario as a whole, each card that came up (once), the ending."""
    notes: list[HistoryNote] = []
    done: set[tuple[str, str]] = set()

    def add(title: str, teach: Teach | None) -> None:
        if teach is not None and teach.history:
            notes.append(HistoryNote(title, _str(teach.history), sources.cite(teach.sources)))

    add(_str(scenario.title), scenario.teach)
    for turn in timeline:
        for step in turn.steps:
            key = (step.kind, step.source or "")
            if step.kind not in ("move", "event", "interaction") or not step.happened or key in done:
                continue
            done.add(key)
            add(_card_name(scenario, step), _card_teach(scenario, step.kind, step.source))
    outcome = state.outcome
    if outcome is not None and outcome.ending in scenario.endings:
        ending = scenario.endings[outcome.ending]
        add(tr("Ending: {name}", name=_str(ending.name)), ending.teach)
    return tuple(notes)
