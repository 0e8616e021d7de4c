"""The scenario model: frozen value objects that mirror the YAML format one to one.

Every class here is a section of a scenario file; every field is a key, and its
``doc`` metadata is what editors show on hover (through the JSON Schema) and what the
authoring guide lists. The loader (``load.py``) builds these from YAML and then checks
everything that one field cannot check alone: references, expressions, reachability.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import attrs
from attrs import field, frozen

from game.scenario.expr import Expr

#: The newest format; a file says which it is written in, and every older one still loads.
FORMAT_VERSION = 2
FORMATS = (1, 2)
VISIBILITY = ("public", "owner", "hidden")
TRACK_STYLES = ("meter", "ladder", "gauge")
ICONS = (
    "handshake",
    "ship",
    "plane",
    "missile",
    "dove",
    "megaphone",
    "shield",
    "flag",
    "atom",
    "chart",
    "eye",
    "gift",
    "scales",
    "star",
)


#: A template's keys (format 2): the loader expands a template into copies before anything reads it,
#: so a loaded scenario's moves and events never hold them.
TEMPLATE_DOC = (
    "Format 2: a template, copied for every place of the map (ids, texts and formulas get {place} and"
    " {place.name} filled in); its id holds {place}, e.g. coup_{place}."
)
WHERE_DOC = "Format 2, with for_each: the places it is copied for, by their starting values, e.g. 'place.region == 1'."


def doc(text: str, default: Any = None, *, factory: Any = None) -> Any:
    """A field with a default and documentation for the schema and the guide."""
    if factory is not None:
        return field(factory=factory, metadata={"doc": text}, kw_only=True)
    return field(default=default, metadata={"doc": text}, kw_only=True)


def required(text: str) -> Any:
    return field(metadata={"doc": text}, kw_only=True)


@frozen
class Text:
    """Player-facing text: a plain string, or a map of language code to string."""

    values: dict[str, str]
    default: str = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        fallback = self.values.get("en") or next(iter(self.values.values()), "")
        object.__setattr__(self, "default", fallback)

    def get(self, lang: str = "en") -> str:
        """The text in a language, else English, else the first language given."""
        return self.values.get(lang) or self.default

    def __str__(self) -> str:
        return self.default

    @classmethod
    def of(cls, text: str) -> Text:
        return cls({"en": text})


@frozen
class Teach:
    """Teaching text shown in a card's "learn more" panel."""

    what: Text | None = doc("What this is, in one or two plain sentences.")
    why: Text | None = doc("Why it matters: the idea it teaches (deterrence, assurance, ...).")
    history: Text | None = doc("What happened in history, with the facts cited in `sources`.")
    sources: tuple[str, ...] = doc("Ids of entries in the scenario's `sources`.", factory=tuple)


@frozen
class Source:
    """A source that teaching texts cite."""

    title: str = required("Title of the article, document or book.")
    publisher: str | None = doc("Who published it.")
    date: str | None = doc("When, e.g. 2023-04-26.")
    url: str | None = doc("Where to read it.")
    note: str | None = doc("What it is used for.")


@frozen
class Track:
    """A number on the board: global (the escalation ladder) or one actor's own."""

    name: Text = required("Name shown on the board.")
    min: int = doc("Lowest value; changes stop here.", 0)
    max: int = doc("Highest value; changes stop here.", 10)
    start: int = doc("Value at the start of the game.", 0)
    rungs: dict[int, Text] = doc(
        "Named steps, e.g. {0: Routine, 6: Crisis}; a value is on the highest rung at or below it.",
        factory=dict,
    )
    visible: Literal["public", "owner", "hidden"] = doc(
        "public: everyone sees it; owner: only its actor; hidden: its actor sees it, others see a range.",
        "public",
    )
    estimate: int = doc("For hidden tracks: how far the range others see reaches each side.", 1)
    visible_to: tuple[str, ...] = doc(
        "Format 2: actors who see it exactly besides its owner, e.g. [usa]; the others see it as `visible` says"
        " (a range if hidden, nothing if owner).",
        factory=tuple,
    )
    style: Literal["meter", "ladder", "gauge"] = doc(
        "How the board draws it: meter (a bar), ladder (rungs), gauge (a dial, e.g. opinion).", "meter"
    )
    unit: str = doc("Shown after the value, e.g. '%'.", "")
    good: Literal["up", "down", "neither"] = doc("Which direction is good news for its owner.", "up")
    description: Text | None = doc("One line under the name.")
    teach: Teach | None = doc("Teaching text.")


@frozen
class Objective:
    """A goal an actor scores points for when the game ends."""

    text: Text = required("The objective as players read it.")
    when: Expr = required("Condition checked at the end of the game, e.g. 'rok.assurance >= 7'.")
    points: int = doc("Points when met.", 1)
    main: bool = doc("The actor's main objective (the simulator reports how often it is met).", False)


@frozen
class Actor:
    """A team (or a bot) at the table."""

    name: Text = required("Full name, e.g. Republic of Korea.")
    short: Text | None = doc("Short name for tight spaces, e.g. ROK.")
    colour: str = doc("Colour as #rrggbb.", "#888888")
    budget: Expr = doc("Political capital per turn: a number or a formula.", factory=lambda: Expr.constant(3))
    resources: dict[str, Expr] = doc(
        "Format 2: what this team gets of each resource every turn, overriding the resource's `per_turn`,"
        " e.g. {intel: 2, capital: 'tension // 3'}.",
        factory=dict,
    )
    role: Text | None = doc("The team's role, read out at the briefing.")
    tracks: dict[str, Track] = doc("This actor's own tracks, referred to as ACTOR.TRACK.", factory=dict)
    objectives: dict[str, Objective] = doc("What this actor scores points for.", factory=dict)
    bot: str = doc("The bot that plays it when no team does: random, or objective:TEMPERAMENT.", "objective")
    optional: bool = doc("An optional team: a bot unless a team takes it.", False)
    facilitator: bool = doc(
        "Format 2: the umpire's seat (the teacher, or the umpire bot): scores nothing, never wins or loses,"
        " sees every track, covert play and fact, and plays rulings on what the teams did.",
        False,
    )
    teach: Teach | None = doc("Teaching text.")

    @property
    def max_points(self) -> int:
        """The most this team can score: every objective met (negative points are not sought)."""
        return sum(max(0, o.points) for o in self.objectives.values())


@frozen
class Kind:
    """A kind of move: its colour and icon on cards, and where it comes in resolution."""

    name: Text = required("Name of the kind, e.g. Consultation.")
    colour: str = doc("Card colour as #rrggbb.", "#888888")
    icon: Literal[ICONS] = doc("Card icon (never colour alone).", "star")  # type: ignore[valid-type]
    description: Text | None = doc("What moves of this kind do.")
    per_turn: int | None = doc("Format 2: how many moves of this kind a team may play in one turn, e.g. 1.")


@frozen
class Resource:
    """Format 2: something each team gets and spends on cards, e.g. political capital or intelligence."""

    name: Text = required("Name shown with the amount, e.g. {en: Intelligence, ko: 정보}.")
    per_turn: Expr = doc(
        "What each team gets at the start of every turn: a number or a formula (a team's `resources` overrides it).",
        factory=lambda: Expr.constant(0),
    )
    carry: bool = doc(
        "What a team does not spend is kept for the next turn (up to `max`); otherwise it is lost.", False
    )
    max: int | None = doc("The most a team may hold; what carries over or is gained beyond it is lost.")
    visible: Literal["owner", "public"] = doc(
        "owner: only the team itself (and the teacher) sees how much it holds; public: everyone does.", "owner"
    )


@frozen
class Gain:
    """Format 2: an effect that gives (or, with a negative amount, takes) some of a resource."""

    to: str | None = doc("The team that gains; by default the team that played the move.")


@frozen
class Learn:
    """Format 2 intelligence: narrow one team's estimate of a track it cannot see exactly."""

    by: str = required("The team that learns.")
    width: int = doc("How far its range then reaches each side of the truth (0: it knows the value).", 0)


@frozen
class Effect:
    """Change one track: by a number of steps (format 1), or by or to a formula's value (format 2);
    or, with ``learn``, narrow a team's estimate of it (format 2 intelligence).

    A branch ``{if: C, then: [...], else: [...]}`` is kept flat: each effect inside it carries the
    conditions it stands under (``guards``), so every reader that lists a move's tracks still sees
    plain effects, and the rules test each branch's condition once, when its first effect comes up.
    """

    track: str
    delta: int
    where: tuple[int | str, ...] = field(default=(), eq=False, repr=False)  # where the item stands in the file
    op: Literal["add", "set"] = field(default="add", kw_only=True)  # with `amount`: add it, or set the track to it
    amount: Expr | None = field(default=None, kw_only=True)  # a formula; `delta` is then 0
    guards: tuple[tuple[Expr, bool], ...] = field(default=(), kw_only=True)  # (condition, must hold) of its branches
    learn: Learn | None = field(default=None, kw_only=True)  # {learn: TRACK, by: ACTOR, width: N}
    fact: bool = field(default=False, kw_only=True)  # {fact: ID} +1, {fact: ID, clear: true} -1, on fact_ref(ID)
    # {gain: RESOURCE, amount: N, to: ACTOR}: `track` is then the resource's id and `delta` the amount
    gain: Gain | None = field(default=None, kw_only=True)
    computed: bool = field(init=False, eq=False, repr=False)  # needs the game to know its step
    plain: bool = field(init=False, eq=False, repr=False)  # a fixed step of a track: the rules' fast path

    def __attrs_post_init__(self) -> None:
        computed = self.amount is not None or bool(self.guards)
        object.__setattr__(self, "computed", computed)
        plain = not computed and self.learn is None and self.gain is None and not self.fact
        object.__setattr__(self, "plain", plain)

    def shown(self) -> str:
        """The change as a card or rule sheet writes it: +2, +(readiness // 3), = min(defcon, 3)."""
        if self.amount is None:
            text = f"{self.delta:+d}"
        elif self.op == "set":
            text = f"= {self.amount.source}"
        else:
            text = f"+({self.amount.source})"
        if self.guards:
            text += " if " + " and ".join(c.source if holds else f"not ({c.source})" for c, holds in self.guards)
        return text


@frozen
class Band:
    """One graded result of a roll: what happens when the margin (dice + plus − target) is at least `at_least`."""

    name: Text = required("Name of the result, e.g. Decisive, Success, Partial, Failure.")
    at_least: int | None = doc("Smallest margin of this band; omit on the last band (every lower margin).")
    effects: tuple[Effect, ...] = doc("Effects; their formulas may read `margin`.", factory=tuple)
    text: Text | None = doc("What the result means, for the log.")
    token: Token | None = doc("A piece this result puts on the map, or takes off it (`remove: true`).")


@frozen
class Roll:
    """A dice roll: total of the dice plus a modifier, against a target number."""

    dice: str = doc("Dice, e.g. 2d6.", "2d6")
    plus: Expr | None = doc("Modifier added to the dice, e.g. 'us.credibility // 3'.")
    target: int = required("Success when dice + plus >= target.")
    success: tuple[Effect, ...] = doc("Effects on success.", factory=tuple)
    failure: tuple[Effect, ...] = doc("Effects on failure.", factory=tuple)
    success_text: Text | None = doc("What success means, for the log.")
    failure_text: Text | None = doc("What failure means, for the log.")
    results: tuple[Band, ...] = doc(
        "Format 2: graded results, bands of the margin (dice + plus - target), best first, instead of success/failure.",
        factory=tuple,
    )

    def bands(self) -> tuple[Band, ...]:
        """The graded results, best first; format 1's success and failure are the two-band case."""
        if self.results:
            return self.results
        return (
            Band(name=Text.of("Success"), at_least=0, effects=self.success, text=self.success_text),
            Band(name=Text.of("Failure"), at_least=None, effects=self.failure, text=self.failure_text),
        )

    def band_named(self, name: str | None) -> Band | None:
        """The graded result a log entry names (its ``band``), or None for a two-band roll."""
        return next((b for b in self.results if str(b.name) == name), None) if name else None

    @staticmethod
    def band_of(bands: tuple[Band, ...], margin: int) -> int:
        """The index of the band a margin falls in (the last band takes every margin below the others)."""
        for index, band in enumerate(bands):
            if band.at_least is None or margin >= band.at_least:
                return index
        return len(bands) - 1


@frozen
class Agreement:
    """What accepting an offer commits both sides to, for some turns."""

    turns: int = doc("How many turns the agreement lasts.", 2)
    pauses: dict[str, tuple[str, ...]] = doc(
        "Moves each actor promises not to play, e.g. {dprk: [missile_test], us: [b52_flyover]}.", factory=dict
    )
    broken: tuple[Effect, ...] = doc("Effects when a side plays a paused move (it can).", factory=tuple)
    kept: tuple[Effect, ...] = doc("Effects when the agreement runs its course unbroken.", factory=tuple)


@frozen
class Offer:
    """A proposal the target answers next turn: accept, reject or counter."""

    to: str = required("The actor who must answer.")
    accept: tuple[Effect, ...] = doc("Effects when accepted.", factory=tuple)
    reject: tuple[Effect, ...] = doc("Effects when rejected.", factory=tuple)
    ignore: tuple[Effect, ...] = doc("Effects when left unanswered (stalling).", factory=tuple)
    agreement: Agreement | None = doc("A conditional deal that accepting creates.")
    counters: tuple[str, ...] = doc(
        "Offer moves the target may answer with instead: a counter-offer, which goes back to whoever made this offer.",
        factory=tuple,
    )


@frozen
class Token:
    """A piece a move puts on the map (or, format 2, takes off it)."""

    at: str = required("Id of a place in map.places.")
    label: Text = required("Short label on the token, e.g. SSBN.")
    turns: int = doc("How many turns it stays (0: for the rest of the game).", 1)
    value: Expr | None = doc(
        "Format 2: a number shown on the piece, worked out when it is placed: a number or a formula"
        " (in a roll's results it may read `margin`), e.g. 'margin + 1'."
    )
    remove: bool = doc(
        "Format 2: take the newest piece with this label off the place instead of putting one there.", False
    )
    max: int | None = doc(
        "Format 2: at most this many pieces with this label at the place at once; another is not placed."
    )


@frozen
class Move:
    """A card a team can play."""

    name: Text = required("Name on the card.")
    kind: str = required("Id of one of the scenario's kinds.")
    by: tuple[str, ...] = required("Actors who may play it.")
    cost: int | dict[str, int] = doc(
        "Political capital it costs. Format 2: what it costs of each resource, e.g. {capital: 1, intel: 1}"
        " (a plain number is a cost in the first resource).",
        1,
    )
    free: bool = doc(
        "Format 2: playable even by a team that holds nothing at all (otherwise a team with nothing left"
        " plays nothing, cards that cost 0 included).",
        False,
    )
    requires: Expr | None = doc("Condition for the move to be playable, e.g. 'tension < 9'.")
    effects: tuple[Effect, ...] = doc("Track changes, e.g. [{rok.assurance: +2}, {tension: -1}].", factory=tuple)
    roll: Roll | None = doc("A dice roll that decides part of the outcome.")
    joint: bool = doc("Every actor in `by` must play it in the same turn, or it does not happen.", False)
    offer: Offer | None = doc("Makes this move a proposal that its target answers next turn.")
    limit: int | None = doc("How many times each actor may play it in one game.")
    token: Token | None = doc("A piece it puts on the map.")
    text: Text | None = doc("What the card says, in one or two lines.")
    signal: Text | None = doc("The public signal: what everyone hears when it is revealed.")
    moment: bool = doc("A key moment of the debrief the first time it is played (e.g. a nuclear test).", False)
    covert: bool = doc(
        "Format 2: a secret play: only the teams in `by` and `visible_to` see it; the others see only that"
        " the tracks they watch changed, 'out of sight'.",
        False,
    )
    visible_to: tuple[str, ...] = doc("Format 2, with covert: other actors who see the play.", factory=tuple)
    for_each: Literal["place"] | None = doc(TEMPLATE_DOC)
    where: str | None = doc(WHERE_DOC)
    teach: Teach | None = doc("Teaching text.")

    @property
    def audience(self) -> tuple[str, ...] | None:
        """Who sees the play: None for everyone (a covert move is seen by its `by` and `visible_to`)."""
        return (*self.by, *(a for a in self.visible_to if a not in self.by)) if self.covert else None


@frozen
class Interaction:
    """Extra effects when certain moves meet in the same turn."""

    name: Text = required("Name shown in the log.")
    when: tuple[str, ...] = required("Moves that must all be played this turn (by anyone).")
    requires: Expr | None = doc("An extra condition.")
    effects: tuple[Effect, ...] = doc("Effects when it happens.", factory=tuple)
    text: Text | None = doc("What happened, for the log.")
    teach: Teach | None = doc("Teaching text.")


@frozen
class Event:
    """A card drawn at the start of a turn: scripted, conditional or random."""

    name: Text = required("Title of the event card.")
    text: Text | None = doc("What happened, read out to the class.")
    turn: int | None = doc("Scripted: happens at the start of this turn.")
    when: Expr | None = doc("Conditional: happens at the start of a turn when this holds.")
    weight: Expr | None = doc("Random: weight in the deck (a number or a formula, e.g. 'tension').")
    once: bool = doc("Happens at most once per game.", True)
    effects: tuple[Effect, ...] = doc("Effects.", factory=tuple)
    token: Token | None = doc("A piece it puts on the map.")
    moment: bool = doc("A key moment of the debrief when it happens.", False)
    visible_to: tuple[str, ...] | None = doc(
        "Format 2: a private event, seen only by these actors (the others see only that tracks changed).",
    )
    for_each: Literal["place"] | None = doc(TEMPLATE_DOC)
    where: str | None = doc(WHERE_DOC)
    teach: Teach | None = doc("Teaching text.")


@frozen
class Fact:
    """Format 2: a sentence that becomes true (`{fact: ID}`) or stops being true (`{fact: ID, clear: true}`)."""

    text: Text = required("The sentence as the board lists it under 'What is true now', e.g. The wall is built.")
    visible_to: tuple[str, ...] | None = doc(
        "Who reads it (besides the umpire); omit for everyone, as the board shows it on the projector."
    )
    start: bool = doc("True from the start of the game.", False)
    teach: Teach | None = doc("Teaching text.")


def fact_ref(fact_id: str) -> str:
    """Where a fact's truth (1 or 0) is kept among the game's numbers: 'fact(wall_built)', a name no track
    can take, read by the expression `fact(wall_built)`."""
    return f"fact({fact_id})"


def fact_id(ref: str) -> str | None:
    """The fact a ref names ('fact(wall_built)' -> 'wall_built'), or None for a track."""
    return ref[5:-1] if ref.startswith("fact(") else None


@frozen
class Drift:
    """A rule applied at every turn's upkeep, e.g. tension eases when nobody provokes."""

    name: Text = required("Why it happens, for the log.")
    when: Expr | None = doc("Condition; always when omitted.")
    effects: tuple[Effect, ...] = required("Effects.")


@frozen
class Blame:
    """Format 2: which change of a track an ending blames on the team whose move made it."""

    track: str = required("The track, e.g. defcon.")
    direction: Literal["up", "down"] = doc("The direction of the change that is blamed.", "up")


@frozen
class Ending:
    """How a game can end."""

    name: Text = required("Title of the ending.")
    text: Text | None = doc("What it means, read out at the end.")
    when: Expr | None = doc("Condition; omit for the default ending.")
    immediate: bool = doc("Checked after every turn and ends the game at once (e.g. catastrophe).", False)
    everyone_loses: bool = doc("No one scores.", False)
    blame: str | Blame | None = doc(
        "Track whose last rise is blamed: the team whose move pushed it is named. Format 2:"
        " {track, direction: up|down} blames the last change in that direction."
    )
    winners: tuple[str, ...] = doc("Format 2: the teams who win in this ending (actor ids, or blamed).", factory=tuple)
    losers: tuple[str, ...] = doc(
        "Format 2: the teams who lose in this ending (actor ids, or blamed): they score nothing from objectives.",
        factory=tuple,
    )
    points: dict[str, int] = doc(
        "Format 2: points added to a team's score in this ending, by actor id or blamed, e.g. {blamed: -3}.",
        factory=dict,
    )
    blamed_points: int | None = doc(
        "Points the blamed team scores instead (e.g. -3), so that pushing the game over the edge is the worst"
        " result, not one shared with its victims."
    )
    teach: Teach | None = doc("Teaching text.")

    @property
    def blame_rule(self) -> tuple[str, str] | None:
        """(track, direction) of the change this ending blames, whichever way the file wrote it."""
        if self.blame is None:
            return None
        if isinstance(self.blame, str):
            return self.blame, "up"
        return self.blame.track, self.blame.direction

    def fate(self, actor: str, blamed: str | None) -> str | None:
        """'won', 'lost' or None: what this ending says of one team (``blamed``: the team blamed)."""

        def named(ids: tuple[str, ...]) -> bool:
            return actor in ids or (blamed == actor and BLAMED in ids)

        if named(self.losers):
            return "lost"
        return "won" if named(self.winners) else None


#: The word for "the team blamed" in an ending's winners, losers and points.
BLAMED = "blamed"


@frozen
class Phase:
    """Format 2: one round of a turn's orders. Rounds are ordered and resolved one after another, so a
    later round's teams see the earlier rounds' results before they order."""

    id: str = required("Identifier of the round, e.g. usa_move.")
    name: Text = required("What the round is called on the screen, e.g. The American move.")
    who: tuple[str, ...] = doc("The teams who order in this round (actor ids), or `all`.", ("all",))
    kinds: tuple[str, ...] = doc("Only moves of these kinds may be played in it (default: every kind).", factory=tuple)

    def actors(self, all_actors: Iterable[str]) -> tuple[str, ...]:
        """The teams ordering in this round, in the scenario's order."""
        return tuple(a for a in all_actors if a in self.who or ALL in self.who)


#: a round's `who` for every team
ALL = "all"


@frozen
class Turns:
    """Game length: fixed, or uncertain between min and max."""

    min: int = required("Earliest last turn.")
    max: int = required("Latest last turn; the real one is drawn secretly from the seed.")


@frozen
class Place:
    """A named place on the map."""

    name: Text = required("Name shown on the map.")
    lon: float = required("Longitude in degrees.")
    lat: float = required("Latitude in degrees.")
    values: dict[str, int] = doc(
        "Format 2: the place's values at the start, by the names `place_values` declares, e.g."
        " {stability: 3, region: 1}; each is a track read as PLACE.VALUE (berlin.stability).",
        factory=dict,
    )


@frozen
class PlaceValue:
    """Format 2: a value that places carry (stability, region, owner): its name and limits, for every place."""

    name: Text = required("Name shown next to the place's name, e.g. Stability.")
    min: int = doc("Lowest value; changes stop here.", 0)
    max: int = doc("Highest value; changes stop here.", 10)
    visible: Literal["public", "hidden"] = doc(
        "public: everyone sees it; hidden: the teams see a range (and `visible_to` the value).", "public"
    )
    estimate: int = doc("For hidden values: how far the range reaches each side.", 1)
    visible_to: tuple[str, ...] = doc("Actors who see a hidden value exactly.", factory=tuple)
    good: Literal["up", "down", "neither"] = doc("Which direction is good news.", "up")
    unit: str = doc("Shown after the value, e.g. '%'.", "")
    badge: bool = doc("Shown on the map beside each place that has it (a small badge).", True)
    description: Text | None = doc("One line about what it means.")


@frozen
class Map:
    """The board's map."""

    region: Text = required("Name of the region, e.g. Korean Peninsula.")
    lon: tuple[float, float] = required("West and east edge, in degrees.")
    lat: tuple[float, float] = required("South and north edge, in degrees.")
    places: dict[str, Place] = doc("Places where tokens go.", factory=dict)
    place_values: dict[str, PlaceValue] = doc(
        "Format 2: the values places carry, by name, e.g. {stability: {name: Stability, min: 0, max: 5}};"
        " each place gives its own in `values`.",
        factory=dict,
    )


@frozen
class Temperament:
    """How an objective bot plays."""

    name: Text | None = doc("Name, e.g. Hawk.")
    risk: float = doc("How much it fears immediate endings (0: not at all, 1: normal, 3: very).", 1.0)
    kinds: dict[str, float] = doc("Liking for each kind of move, e.g. {provocation: 2}.", factory=dict)
    noise: float = doc("How unpredictable it is (0: always its best move).", 0.5)


@frozen
class Term:
    """A glossary entry that gives the term in each language as well as its meaning."""

    term: Text | None = doc("The term as each language writes it, e.g. {en: Deterrence, ko: 억제}; default: the key.")
    text: Text = required("What it means, e.g. {en: Preventing an attack by ..., ko: 공격하면 ...}.")

    def name(self, key: str) -> Text:
        """The term: its own translations, else the entry's key (the English term)."""
        return self.term if self.term is not None else Text.of(key)


#: A profile: which strategy (or bot) plays each named team; the others play their default bots.
Profile = dict[str, str]


@frozen
class Strategy:
    """A way a class might play one team, played by the simulator as a bot."""

    actor: str = required("The team whose strategy it is.")
    name: Text = required("Name, e.g. Deter, reassure and talk.")
    description: Text | None = doc("What a team playing this way does, in a line.")
    bot: str | None = doc("The bot for whatever the keys below leave open (default: the team's own bot).")
    prefer: tuple[str, ...] = doc(
        "Played first each turn, in this order, when legal and affordable: move ids, or kind:KIND for every move"
        " of a kind.",
        factory=tuple,
    )
    never: tuple[str, ...] = doc("Never played: move ids, or kind:KIND.", factory=tuple)
    only: bool = doc("Plays nothing but its `prefer` entries (it still answers offers).", False)
    answers: dict[str, str] = doc(
        "How it answers offers, by the offer's move id: accept, reject, ignore, or the id of a counter move;"
        " '*' for any other offer. Offers not listed are answered by the base bot.",
        factory=dict,
    )


@frozen
class Measure:
    """What a lesson compares: one number per game, averaged over many games. Give one of the keys."""

    score: tuple[str, ...] = doc("A team's score, or the sum of several teams' scores.", factory=tuple)
    ending: str | None = doc("The share of games that end with this ending (0 to 1).")
    objective: str | None = doc("The share of games in which ACTOR.OBJECTIVE is met (0 to 1).")
    plays: str | None = doc("How often a move is played in a game.")
    plays_kind: str | None = doc("How often moves of a kind are played in a game.")
    by: str | None = doc("With plays or plays_kind: only the plays of this team.")
    track: str | None = doc("A track's value at the end of the game.")
    turns: bool = doc("How many turns the game lasted.", False)


@frozen
class Lesson:
    """A claim about play that must hold in simulation: a measure compared between ways of playing."""

    claim: Text = required("What good play discovers, as the class should hear it.")
    measure: Measure = required("What is compared, e.g. {score: [us, rok]} or {ending: catastrophe}.")
    higher: Profile | None = doc("The profile in which the measure should be higher, e.g. {us: us_balanced}.")
    lower: Profile | None = doc("Or: the profile in which the measure should be lower.")
    than: tuple[Profile, ...] = required("The profile, or list of profiles, it is compared with.")
    by: float = doc("The smallest difference that makes the lesson visible, in the measure's units.", 0.0)
    games: int = doc("Games played for each profile (the same seeds for each).", 400)
    teach: Teach | None = doc("Teaching text: why it holds, and what happened in history.")


@frozen
class CheckItem:
    """A multiple-choice question of the concept check, with its answer for the key."""

    question: Text = required("The question, e.g. Deterrence and assurance differ because:")
    choices: tuple[Text, ...] = required("Two to six answers to choose from.")
    answer: int = required("The right choice, counting from 1.")
    why: Text | None = doc("Why it is right, printed in the answer key.")
    objective: int | None = doc("The learning objective it checks, counting from 1.")


@frozen
class Criterion:
    """One row of the policy memo's rubric."""

    criterion: Text = required("What is judged, e.g. Uses the concepts.")
    levels: dict[int, Text] = required("What each score looks like, e.g. {4: Uses three concepts correctly, 1: ...}.")


@frozen
class Assessment:
    """What a teacher checks learning with, built from the learning objectives and printed in the kit."""

    concept_check: tuple[CheckItem, ...] = doc("A pre/post concept check: questions with an answer key.", factory=tuple)
    exit_ticket: tuple[Text, ...] = doc("Short prompts students answer as they leave.", factory=tuple)
    memo: Text | None = doc("A policy-memo prompt, written after the game.")
    rubric: tuple[Criterion, ...] = doc("How the memo is marked, criterion by criterion.", factory=tuple)


@frozen
class Scenario:
    """A whole scenario file."""

    format: Literal[1, 2] = required("Format version: 1, or 2 for the keys the guide marks 'format 2'.")
    id: str = required("Identifier, e.g. washington-declaration-2023.")
    title: Text = required("Title.")
    summary: Text | None = doc("The situation, read out at the briefing.")
    turns: int | Turns = required("Number of turns, or {min, max} for an uncertain end.")
    tracks: dict[str, Track] = doc("Global tracks.", factory=dict)
    resources: dict[str, Resource] = doc(
        "Format 2: what teams spend on cards, in order; the first is what a plain `cost` is paid in."
        " Without it, each team has one: political capital, its `budget`.",
        factory=dict,
    )
    facts: dict[str, Fact] = doc(
        "Format 2: sentences that effects make true or clear, listed on the board under 'What is true now'.",
        factory=dict,
    )
    values: dict[str, Expr] = doc(
        "Format 2: named formulas, usable by name in any condition or formula, e.g. {readiness: 'a + b'}.",
        factory=dict,
    )
    actors: dict[str, Actor] = required("The teams.")
    kinds: dict[str, Kind] = required("Kinds of move, in resolution order.")
    moves: dict[str, Move] = required("The cards.")
    interactions: dict[str, Interaction] = doc("Effects when moves meet.", factory=dict)
    events: dict[str, Event] = doc("Event cards.", factory=dict)
    event_chance: Expr = doc(
        "Chance in percent that a random event is drawn each turn (a formula may use tracks).",
        factory=lambda: Expr.constant(0),
    )
    drift: tuple[Drift, ...] = doc("Upkeep rules, applied in order.", factory=tuple)
    phases: tuple[Phase, ...] = doc(
        "Format 2: the rounds of a turn, in order (e.g. one team's move, then the other's); each round's"
        " orders resolve before the next is ordered. Omitted: one round in which every team orders at once.",
        factory=tuple,
    )
    endings: dict[str, Ending] = required("Endings; the first that holds wins.")
    temperaments: dict[str, Temperament] = doc("Bot temperaments beyond the built-in ones.", factory=dict)
    strategies: dict[str, Strategy] = doc("Ways a class might play a team, for lessons and simulate.", factory=dict)
    lessons: dict[str, Lesson] = doc("Claims about play that `simulate --lessons` checks.", factory=dict)
    map: Map | None = doc("The board's map.")
    sources: dict[str, Source] = doc("Sources cited by teaching texts.", factory=dict)
    glossary: dict[str, Term] = doc(
        "Terms and their meaning: `Term: meaning`, or, to translate the term too,"
        " `key: {term: {en: Term, ko: 용어}, text: {en: meaning, ko: 뜻}}`.",
        factory=dict,
    )
    learning_objectives: tuple[Text, ...] = doc("What the class should leave with.", factory=tuple)
    questions: tuple[Text, ...] = doc("Debrief discussion questions.", factory=tuple)
    assessment: Assessment | None = doc("A concept check, exit ticket and memo with its rubric, for the kit.")
    teach: Teach | None = doc("Teaching text about the scenario as a whole.")

    # Derived at load time, not read from the file.
    all_tracks: dict[str, Track] = field(factory=dict, eq=False, repr=False, kw_only=True)
    track_owner: dict[str, str | None] = field(factory=dict, eq=False, repr=False, kw_only=True)
    source_hash: str = field(default="", eq=False, kw_only=True)
    path: str = field(default="", eq=False, kw_only=True)
    warnings: tuple[Any, ...] = field(default=(), eq=False, repr=False, kw_only=True)
    track_label: dict[str, str] = field(factory=dict, eq=False, repr=False, kw_only=True)
    actor_moves: dict[str, tuple[str, ...]] = field(factory=dict, eq=False, repr=False, kw_only=True)
    rank: dict[str, dict[str, int]] = field(factory=dict, eq=False, repr=False, kw_only=True)
    # format 2 place values: their track refs (berlin.stability) -> (place id, value name)
    place_refs: dict[str, tuple[str, str]] = field(factory=dict, eq=False, repr=False, kw_only=True)
    umpires: frozenset[str] = field(factory=frozenset, eq=False, repr=False, kw_only=True)

    @property
    def turn_range(self) -> tuple[int, int]:
        if isinstance(self.turns, Turns):
            return self.turns.min, self.turns.max
        return self.turns, self.turns

    def moves_of(self, actor: str) -> tuple[str, ...]:
        """Ids of the moves an actor may play, in file order."""
        return self.actor_moves.get(actor, ())

    @property
    def resource_ids(self) -> tuple[str, ...]:
        """The resources teams spend, in order: the file's, or format 1's one, political capital (``CAPITAL``)."""
        return tuple(self.resources) or (CAPITAL,)

    def price(self, move: Move) -> tuple[int, ...]:
        """What a move costs of each resource, in ``resource_ids`` order (a plain number: the first)."""
        ids = self.resource_ids
        if isinstance(move.cost, int):
            return (move.cost, *(0 for _ in ids[1:]))
        return tuple(move.cost.get(rid, 0) for rid in ids)


#: The one resource of a scenario that declares none: political capital, paid from each team's `budget`.
CAPITAL = "capital"


for _cls in list(globals().values()):
    if isinstance(_cls, type) and attrs.has(_cls):
        attrs.resolve_types(_cls)

#: Fields filled in by the loader rather than read from the file.
DERIVED_FIELDS = frozenset(
    {
        "all_tracks",
        "track_owner",
        "source_hash",
        "path",
        "warnings",
        "track_label",
        "actor_moves",
        "rank",
        "place_refs",
        "umpires",
    }
)

TEMPERAMENTS: dict[str, Temperament] = {
    "hawk": Temperament(name=Text.of("Hawk"), risk=0.3, noise=0.5),
    "dove": Temperament(name=Text.of("Dove"), risk=3.0, noise=0.5),
    "pragmatist": Temperament(name=Text.of("Pragmatist"), risk=1.0, noise=0.3),
}

#: The bot policies an actor's ``bot:`` (and ``--bots``, and a save's seats) may name.
BOT_POLICIES = ("random", "objective", "umpire")


def bot_spec_problem(spec: str, temperaments: Iterable[str] = (), strategies: Iterable[str] = ()) -> str | None:
    """What is wrong with a bot spec ('random', 'objective', 'objective:hawk', 'strategy:ID'), or None.

    ``temperaments`` are the scenario's own, beyond the built-in ones; ``strategies`` its
    strategies, which seats (``--bots``, a save, a lesson's profile) may play but a
    scenario's own `bot` keys may not (a strategy falls back on its team's bot). A
    misspelt name is refused with a suggestion rather than played as something else.
    """
    policy, colon, temperament = spec.partition(":")
    if policy == "strategy":
        known = list(strategies)
        if temperament in known:
            return None
        listed = f"the strategies are {', '.join(known)}" if known else "the scenario declares no strategies"
        return f"unknown strategy {temperament!r}{_did_you_mean(temperament, known)}; {listed}"
    if policy not in BOT_POLICIES:
        suggestion = _did_you_mean(policy, BOT_POLICIES)
        return f"unknown bot {policy!r}{suggestion}; use random, objective or objective:TEMPERAMENT"
    if policy == "random" and colon:
        return f"the random bot has no temperament ({spec!r}); use random or objective:TEMPERAMENT"
    known = [*TEMPERAMENTS, *temperaments]
    if colon and temperament not in known:
        return (
            f"unknown temperament {temperament!r}{_did_you_mean(temperament, known)}; "
            f"the temperaments are {', '.join(known)}"
        )
    return None


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


__all__ = [
    "BLAMED",
    "BOT_POLICIES",
    "CAPITAL",
    "DERIVED_FIELDS",
    "FORMATS",
    "FORMAT_VERSION",
    "Actor",
    "Agreement",
    "Assessment",
    "Band",
    "Blame",
    "CheckItem",
    "Criterion",
    "Drift",
    "Effect",
    "Ending",
    "Event",
    "Fact",
    "Gain",
    "Interaction",
    "Kind",
    "Learn",
    "Lesson",
    "Map",
    "Measure",
    "Move",
    "Objective",
    "Offer",
    "Place",
    "PlaceValue",
    "Profile",
    "Resource",
    "Roll",
    "Scenario",
    "Source",
    "Strategy",
    "Teach",
    "Temperament",
    "Term",
    "Text",
    "Token",
    "Track",
    "Turns",
    "bot_spec_problem",
    "fact_id",
    "fact_ref",
]
