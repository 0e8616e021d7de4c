"""The kit's pages: cover and procedure, team sheets, cut-out cards, order slips, glossary, timeline."""

from __future__ import annotations

from collections.abc import Sequence

from game.i18n import language, pick, tr
from game.kit import board, rules, words
from game.kit.pdf import INK, MUTED, Page, light, pt_to_mm, rgb
from game.kit.rules import Card, Line, name_of
from game.report.logtext import cost_figure
from game.scenario.model import Interaction, Scenario

CARD_W, CARD_H = 63.0, 86.0
COLUMNS, ROWS = 3, 3
BAND = 15.0  # the card's coloured title band
TEAM_BAND = 5.0  # the band at a card's foot: the team whose copy it is


def text_colour(background: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever reads better on a colour (relative luminance)."""
    r, g, b = (c / 255 for c in background)
    return (20, 20, 20) if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.55 else (255, 255, 255)


def _line_text(line: Line) -> str:
    return f"{line.label}: {line.text}" if line.label else line.text


# --- cover and procedure ----------------------------------------------------------------------


def cover(pdf: Page, s: Scenario) -> None:
    pdf.add_page()
    pdf.heading(pick(s.title), 22)
    pdf.para(tr("A print-and-play kit"), 12, colour=MUTED)
    pdf.ln(3)
    if s.summary:
        pdf.para(pick(s.summary), 11)
        pdf.ln(3)
    teams = ", ".join(_team_name(actor.name, actor.optional) for actor in s.actors.values())
    pdf.labelled(tr("Teams"), teams, 10, 34)
    pdf.labelled(tr("Length"), words.turns_text(s), 10, 34)
    if s.learning_objectives:
        pdf.labelled(tr("You will learn"), "\n".join(f"• {pick(o)}" for o in s.learning_objectives), 10, 34)
    pdf.ln(3)
    pdf.heading(tr("In this kit"), 13)
    for title, what in words.contents(s):
        pdf.labelled(title, what, 10, 50)
    pdf.ln(3)
    pdf.labelled(tr("Printing"), words.printing(pdf.duplex), 9, 34)


def _team_name(name: object, optional: bool) -> str:
    return tr("{team} (optional)", team=pick(name)) if optional else pick(name)  # type: ignore[arg-type]


def procedure(pdf: Page, s: Scenario) -> None:
    pdf.add_page()
    pdf.heading(tr("Running the game on paper"), 16)
    for label, text in words.paper_procedure(s):
        pdf.labelled(label, text, 9, 38)


# --- team sheets --------------------------------------------------------------------------------


def team_sheet(pdf: Page, s: Scenario, actor_id: str) -> None:
    actor = s.actors[actor_id]
    colour = rgb(actor.colour)
    pdf.new_sheet()  # a team's sheet is handed to the team: never on the back of another team's
    pdf.set_fill_color(*colour)
    pdf.rect(pdf.l_margin, pdf.get_y(), pdf.w - 2 * pdf.l_margin, 3, style="F")
    pdf.ln(5)
    short = f" ({pick(actor.short)})" if actor.short and pick(actor.short) != pick(actor.name) else ""
    team = pick(actor.name) + short
    pdf.heading(tr("{team}: team sheet", team=team), 17)
    if actor.role:
        pdf.para(pick(actor.role), 11)
        pdf.ln(2)
    if s.resources:  # format 2: each resource, by its name
        for rid, resource in s.resources.items():
            amount = s.actors[actor_id].resources.get(rid, resource.per_turn)
            pdf.labelled(pick(resource.name), words.resource_line(s, resource, amount))
    else:
        by_turn = rules.turn_values_text(s, actor.budget)
        if by_turn is None:
            capital = tr("{budget} each turn; what you do not spend is lost.", budget=rules.budget_text(s, actor_id))
        else:  # a budget of 'turn % 2': its value on each turn, not the formula
            capital = by_turn + "; " + tr("what you do not spend is lost.")
        pdf.labelled(tr("Political capital"), capital)
    section(pdf, tr("Objectives: points at the end of the game"), rules.objective_lines(s, actor_id))
    own = [Line(pick(track.name), _track_words(s, f"{actor_id}.{ref}")) for ref, track in actor.tracks.items()]
    if own:
        section(pdf, tr("Your tracks"), own)
    section(pdf, tr("Your cards"), [])
    for move_id in s.moves_of(actor_id):
        card_entry(pdf, rules.move_card(s, move_id))
    offers = [m for m, move in s.moves.items() if move.offer is not None and move.offer.to == actor_id]
    if offers:
        section(pdf, tr("Offers other teams can make you (you answer next turn, free)"), [])
        for move_id in offers:
            card_entry(pdf, rules.move_card(s, move_id))
    mine = set(s.moves_of(actor_id))
    combos = [Line(pick(i.name), _combo_words(s, i)) for i in s.interactions.values() if mine & set(i.when)]
    if combos:
        section(pdf, tr("When cards meet in one turn"), combos)
    section(pdf, tr("End of every turn: the rules that touch your tracks"), rules.drift_for(s, actor_id))
    section(pdf, tr("How the game can end (the first that holds)"), rules.ending_lines(s, actor_id))


def _combo_words(s: Scenario, combo: Interaction) -> str:
    cards = rules.card_names(s, combo.when)
    effects = rules.effects_text(s, combo.effects)
    if combo.requires:
        condition = rules.readable(combo.requires, s, "this turn")
        return tr(
            "When {cards} are played in one turn and {condition}: {effects}",
            cards=cards,
            condition=condition,
            effects=effects,
        )
    return tr("When {cards} are played in one turn: {effects}", cards=cards, effects=effects)


def _track_words(s: Scenario, ref: str) -> str:
    track = s.all_tracks[ref]
    unit = track.unit
    if track.visible == "hidden":
        seen = words.hidden_note(board.owner_name(s, ref), track.estimate)
    else:
        seen = tr("everyone sees it") if track.visible == "public" else tr("only your team sees it")
    description = f"{pick(track.description)}. ".replace("..", ".") if track.description else ""
    start = f"{track.start}{unit}"
    return description + tr(
        "Starts at {start}, from {low} to {high}; {seen}.", start=start, low=track.min, high=track.max, seen=seen
    )


def section(pdf: Page, title: str, lines: Sequence[Line]) -> None:
    pdf.ensure(20)
    pdf.ln(2)
    pdf.set_font("Nanum", "B", 12)
    pdf.para(title, 12, bold=True)
    pdf.rule()
    for line in lines:
        pdf.labelled(line.label, line.text, 8.5, 36)


def card_entry(pdf: Page, card: Card) -> None:
    """One card on a team sheet: its name, kind and cost, then every rule in full."""
    pdf.ensure(16)
    colour = rgb(card.colour)
    pdf.set_fill_color(*light(colour, 0.75))
    top = pdf.get_y()
    pdf.rect(pdf.l_margin, top, 2.5, 5, style="F")
    pdf.set_x(pdf.l_margin + 4)
    cost = " · " + tr("costs {cost}", cost=card.cost) if card.cost is not None else ""
    pdf.set_font("Nanum", "B", 10)
    pdf.cell(0, 5, f"{card.title}   ({card.kind}{cost})", new_x="LMARGIN", new_y="NEXT")
    for line in card.lines:
        pdf.labelled(line.label, line.text, 8, 36)
    pdf.ln(1)


# --- cards to cut out ---------------------------------------------------------------------------


def card_pages(pdf: Page, cards: Sequence[Card], title: str) -> None:
    """Fronts then mirrored backs, nine to a sheet, so that a long-edge duplex print lines up: each front on
    an odd page, its backs on the even page behind it."""
    per = COLUMNS * ROWS
    for start in range(0, len(cards), per):
        batch = cards[start : start + per]
        pdf.new_sheet()
        _grid(pdf, batch, title, back=False)
        pdf.add_page()
        _grid(pdf, batch, title, back=True)


def card_origin(pdf: Page, index: int, back: bool) -> tuple[float, float]:
    col, row = index % COLUMNS, index // COLUMNS
    if back:
        col = COLUMNS - 1 - col  # long-edge flip: the left column's back is on the right
    left = (pdf.w - COLUMNS * CARD_W) / 2
    top = (pdf.h - ROWS * CARD_H) / 2 + 2
    return left + col * CARD_W, top + row * CARD_H


def _grid(pdf: Page, cards: Sequence[Card], title: str, *, back: bool) -> None:
    pdf.set_auto_page_break(False, pdf.b_margin)
    pdf.bare_pages.add(pdf.page_no())
    pdf.set_font("Nanum", "", 7)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(pdf.l_margin, 3)
    if back:
        heading = tr("{title}: backs (print on the reverse). Cut along the grey lines.", title=title)
    else:
        heading = tr("{title}: fronts. Cut along the grey lines.", title=title)
    pdf.cell(0, 4, heading, align="C")
    pdf.set_text_color(*INK)
    for index, card in enumerate(cards):
        x, y = card_origin(pdf, index, back)
        (draw_back if back else draw_front)(pdf, card, x, y)
    pdf.set_auto_page_break(True, pdf.b_margin)


def _frame(pdf: Page, x: float, y: float) -> None:
    pdf.set_draw_color(170, 170, 170)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, CARD_W, CARD_H)


def draw_front(pdf: Page, card: Card, x: float, y: float) -> None:
    _frame(pdf, x, y)
    colour = rgb(card.colour)
    pdf.set_fill_color(*colour)
    pdf.rect(x + 2, y + 2, CARD_W - 4, BAND, style="F")
    ink = text_colour(colour)
    pdf.set_text_color(*ink)
    pdf.set_font("Nanum", "", 6.5)
    pdf.set_xy(x + 3.5, y + 2.8)
    pdf.cell(CARD_W - 20, 3, card.kind.upper())
    room = CARD_W - 7 - (11 if card.cost is not None else 0)
    pdf.text_box(x + 3.5, y + 6.3, room, BAND - 5, [(card.title, True)], (10, 9, 8, 7, 6.5, 6))
    if card.cost is not None:
        pdf.set_fill_color(255, 255, 255)
        pdf.ellipse(x + CARD_W - 12.5, y + 4.5, 9, 9, style="F")
        pdf.set_text_color(*INK)
        pdf.set_font("Nanum", "B", 12)
        pdf.set_xy(x + CARD_W - 12.5, y + 6.5)
        pdf.cell(9, 5, str(card.cost), align="C")
    pdf.set_text_color(*INK)
    body = [(_line_text(line), False) for line in card.lines]
    room = CARD_H - BAND - 7 - (TEAM_BAND + 1 if card.teams else 0)
    pdf.text_box(x + 3.5, y + BAND + 4, CARD_W - 7, room, body, (8, 7.5, 7, 6.5, 6, 5.5, 5))
    team_band(pdf, card, x, y)


def draw_back(pdf: Page, card: Card, x: float, y: float) -> None:
    _frame(pdf, x, y)
    colour = rgb(card.colour)
    pdf.set_fill_color(*light(colour, 0.8))
    pdf.rect(x + 2, y + 2, CARD_W - 4, 9, style="F")
    pdf.text_box(x + 3.5, y + 3, CARD_W - 7, 7, [(card.title, True)], (8, 7, 6, 5.5))
    body = [(_line_text(line), False) for line in card.back] or [(tr("(no teaching text)"), False)]
    room = CARD_H - 16 - (TEAM_BAND + 1 if card.teams else 0)
    pdf.text_box(x + 3.5, y + 13, CARD_W - 7, room, body, (7.5, 7, 6.5, 6, 5.5, 5))
    team_band(pdf, card, x, y)


def team_band(pdf: Page, card: Card, x: float, y: float) -> None:
    """The foot of a card in its team's colour, with the team's name: whose pile the card goes to
    (a joint card, one copy for all its teams, shows each of them side by side)."""
    if not card.teams:
        return
    top = y + CARD_H - 2 - TEAM_BAND
    width = (CARD_W - 4) / len(card.teams)
    for i, (name, colour) in enumerate(card.teams):
        fill = rgb(colour)
        left = x + 2 + i * width
        pdf.set_fill_color(*fill)
        pdf.rect(left, top, width, TEAM_BAND, style="F")
        pdf.set_text_color(*text_colour(fill))
        pdf.set_font("Nanum", "B", 7.5)
        pdf.set_xy(left, top)
        pdf.cell(width, TEAM_BAND, _shorten(pdf, name, width - 1), align="C")
    pdf.set_text_color(*INK)


# --- tokens to cut out --------------------------------------------------------------------------

TOKEN_GAP = 3.0  # between two tokens: room for the scissors
PILE_LABEL = 62.0  # the column that says what a token is, where it goes and which cards put it there


def tokens_page(pdf: Page, s: Scenario) -> None:
    """The tokens the cards and events put on the map, each label as many times as the game can have it on the
    map at once, to cut out, beside what each is, where it goes and which cards put it there."""
    piles = rules.token_piles(s)
    if not piles:
        return
    pdf.new_sheet()
    pdf.heading(words.tokens_title(), 16)
    pdf.para(words.tokens_intro(), 9, colour=MUTED)
    pdf.ln(3)
    side = board.TOKEN
    left = pdf.l_margin + PILE_LABEL
    for pile in piles:
        width = token_width(pdf, pile.label)
        per_row = max(1, int((pdf.w - pdf.r_margin - left + TOKEN_GAP) // (width + TOKEN_GAP)))
        rows = -(-pile.copies // per_row)
        about = [
            (pile.label, True),
            (words.token_where(pile.copies, ", ".join(pile.places)), False),
            (words.token_by(", ".join(pile.cards)), False),
        ]
        height = max(rows * (side + TOKEN_GAP), pdf.height_of(about, PILE_LABEL - 4, 8) + 2)
        pdf.ensure(height)
        top = pdf.get_y()
        pdf.text_box(pdf.l_margin, top, PILE_LABEL - 4, height, about, (9, 8, 7.5, 7))
        for i in range(pile.copies):
            x = left + (i % per_row) * (width + TOKEN_GAP)
            y = top + (i // per_row) * (side + TOKEN_GAP)
            token(pdf, pile.label, pile.colour, x, y, width, side)
        pdf.set_y(top + height + 1)
        pdf.set_draw_color(*light(MUTED, 0.6))
        pdf.line(pdf.l_margin, pdf.get_y() - 0.5, pdf.w - pdf.r_margin, pdf.get_y() - 0.5)
        pdf.ln(1.5)


TOKEN_TEXT = 8.0  # the smallest size a token's label is read at across a table: a longer label makes it wider


def token_width(pdf: Page, label: str) -> float:
    """A token is a square, or wider for a long label ('QUARANTINE'), which it shows whole at a readable size."""
    pdf.set_font("Nanum", "B", TOKEN_TEXT)
    widest = max((pdf.get_string_width(word) for word in label.split()), default=0.0)
    return min(3 * board.TOKEN, max(board.TOKEN, widest + 2 * pdf.c_margin + 1))


def token(pdf: Page, label: str, colour: str, x: float, y: float, width: float, height: float) -> None:
    """One token: a rounded box in the colour of the team that puts it down, its label in the middle."""
    fill = light(rgb(colour), 0.55)
    pdf.set_fill_color(*fill)
    pdf.set_draw_color(*rgb(colour))
    pdf.set_line_width(0.4)
    pdf.rect(x, y, width, height, style="DF", round_corners=True, corner_radius=1.5)
    pdf.set_line_width(0.2)
    blocks = [(label, True)]
    size = pdf.fit(blocks, width, height - 1.6, (10, 9, 8, 7, 6, 5.5, 5, 4.5))
    lines = pdf.lines_of(pdf.cut(blocks, width, height - 1.6, size)[0][0], width, size, True)
    line = pt_to_mm(size) * 1.25
    pdf.set_text_color(*text_colour(fill))
    pdf.set_font("Nanum", "B", size)
    for number, text in enumerate(lines):
        pdf.set_xy(x, y + (height - len(lines) * line) / 2 + number * line)
        pdf.cell(width, line, text.strip(), align="C")
    pdf.set_text_color(*INK)


# --- order slips --------------------------------------------------------------------------------


SLIP_GAP = 3.0  # between two slips on a page
ANSWER_LINE = 5.5  # the height of a line to answer an offer on
WRITE_ROOM = 22.0  # the least room left on an answer's line to write the answer
SLIP_LINE = pt_to_mm(8.0) * 1.5  # a card's line on a slip


def slip_layout(pdf: Page, s: Scenario, actor_id: str) -> tuple[float, int, int]:
    """A team's slip: its height, how many fit a page, and how many to print: enough for the longest game
    and a spare, and then as many spares as fill the last page (a page is never printed half empty)."""
    names, offers = len(s.moves_of(actor_id)), len(rules.offers_received(s, actor_id))
    rows = -(-names // (2 if names > 6 else 1))
    answer_rows = max(1, -(-offers // (2 if offers > 2 else 1)))
    height = 16 + rows * SLIP_LINE + answer_rows * ANSWER_LINE
    per_page = max(1, int((pdf.h - 2 * pdf.t_margin + SLIP_GAP) // (height + SLIP_GAP)))
    needed = rules.slip_count(s, actor_id)
    return height, per_page, -(-needed // per_page) * per_page


def order_slips(pdf: Page, s: Scenario, actor_id: str) -> None:
    """A team's order slips, as many as the longest game needs and a spare (and more spares to fill the last
    page): its cards with tick boxes, the turn, the capital spent, and a line for each offer it can receive in
    a turn, to answer it. A team's slips start a sheet of their own: no slip has another team's on its back."""
    names = [f"{pick(s.moves[m].name)} ({cost_figure(s, s.moves[m])})" for m in s.moves_of(actor_id)]
    offers = [(pick(s.moves[m].name), f" ({rules.names_of(s, by)})") for m, by in rules.offers_received(s, actor_id)]
    columns = 2 if len(names) > 6 else 1
    rows = -(-len(names) // columns)
    answer_columns = 2 if len(offers) > 2 else 1
    height, per_page, count = slip_layout(pdf, s, actor_id)
    actor_name = name_of(s, actor_id)
    for first in range(0, count, per_page):
        if first == 0:
            pdf.new_sheet()
        else:
            pdf.add_page()
        pdf.bare_pages.add(pdf.page_no())
        pdf.set_auto_page_break(False, pdf.b_margin)
        y = pdf.t_margin
        for _ in range(min(per_page, count - first)):
            _slip(pdf, s, actor_id, actor_name, names, offers, y, height, (columns, rows, SLIP_LINE), answer_columns)
            y += height + SLIP_GAP
        pdf.set_auto_page_break(True, pdf.b_margin)


def _slip(
    pdf: Page,
    s: Scenario,
    actor_id: str,
    actor_name: str,
    names: list[str],
    offers: list[tuple[str, str]],
    y: float,
    height: float,
    grid: tuple[int, int, float],
    answer_columns: int,
) -> None:
    """One slip: the team's colour, its head, its cards to tick, and its answers to the offers received."""
    columns, rows, line = grid
    width = pdf.w - 2 * pdf.l_margin
    pdf.set_draw_color(120, 120, 120)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=1.5, gap=1.2)
    pdf.rect(pdf.l_margin, y, width, height)
    pdf.set_dash_pattern()
    pdf.set_fill_color(*rgb(s.actors[actor_id].colour))
    pdf.rect(pdf.l_margin, y, 3, height, style="F")
    pdf.set_font("Nanum", "B", 10)
    pdf.set_xy(pdf.l_margin + 5, y + 2)
    pdf.cell(width - 8, 5, _shorten(pdf, words.slip_head(actor_name), width - 8))
    pdf.set_font("Nanum", "", 8)
    col_w = (width - 10) / columns
    for i, name in enumerate(names):
        col, row = i // rows, i % rows
        cx, cy = pdf.l_margin + 6 + col * col_w, y + 10 + row * line
        pdf.rect(cx, cy + 0.6, 2.8, 2.8)
        pdf.set_xy(cx + 4, cy)
        pdf.cell(col_w - 6, line * 0.8, _shorten(pdf, name, col_w - 6))
    top = y + 10 + rows * line + 1.5
    pdf.set_font("Nanum", "B", 8)
    pdf.set_xy(pdf.l_margin + 6, top)
    pdf.cell(width - 10, 4, words.slip_offers())
    pdf.set_font("Nanum", "", 8)
    answer_w = (width - 10) / answer_columns
    pdf.set_draw_color(150, 150, 150)
    room = answer_w - 4 - WRITE_ROOM
    size = next((size for size in (8, 7.5, 7) if _widest_offer(pdf, offers, size) <= room), 7)
    pdf.set_font("Nanum", "", size)
    for i, (offer, by) in enumerate(offers or [("", "")]):  # a blank line when no card makes this team an offer
        col, row = i % answer_columns, i // answer_columns
        ax, ay = pdf.l_margin + 6 + col * answer_w, top + 4.5 + row * ANSWER_LINE
        said = _shorten(pdf, offer, room - pdf.get_string_width(by)) + by if offer else ""  # whole, unless very long
        pdf.set_xy(ax, ay)
        pdf.cell(room, 4, said)
        start = ax + (pdf.get_string_width(said) + 1.5 if said else 0)
        pdf.line(start, ay + 3.6, ax + answer_w - 4, ay + 3.6)  # where the answer is written
    pdf.set_draw_color(120, 120, 120)


def _widest_offer(pdf: Page, offers: list[tuple[str, str]], size: float) -> float:
    """The width of the longest offer's line on a slip ('Propose an end-of-war declaration (ROK)') at a size."""
    pdf.set_font("Nanum", "", size)
    return max((pdf.get_string_width(offer + by) for offer, by in offers), default=0.0)


def _shorten(pdf: Page, text: str, width: float) -> str:
    """Text cut with '…' to a width in the current font (a slip line never runs into the next column)."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


# --- glossary and timeline ------------------------------------------------------------------------


def glossary(pdf: Page, s: Scenario) -> None:
    if not s.glossary:
        return
    pdf.new_sheet()
    pdf.heading(tr("Glossary"), 16)
    for key, entry in s.glossary.items():
        pdf.labelled(pick(entry.name(key)), pick(entry.text), 9, 42)


TIMELINE_SIZE = 9.0  # the timeline's text, in points: read in class, never shrunk below this
DATE_COLUMN = 24.0  # the narrowest the dates' column is


def timeline(pdf: Page, s: Scenario) -> None:
    """The real events behind the scenario, each once and in date order, every note whole at a readable size,
    on as many pages as they take (after the glossary, on the same sheets: one handout)."""
    entries = rules.timeline(s)
    if not entries:
        return
    if s.glossary:
        pdf.add_page()
    else:
        pdf.new_sheet()
    pdf.heading(tr("What really happened: a timeline"), 16)
    dates = [rules.date_words(entry.date) or "·" for entry in entries]
    pdf.set_font("Nanum", "B", TIMELINE_SIZE)
    column = max(DATE_COLUMN, *(pdf.get_string_width(date) + 2 * pdf.c_margin + 2 for date in dates))
    for date, entry in zip(dates, entries, strict=True):  # a date on one line: '26 Apr 2023', '2023년 4월 26일'
        pdf.labelled(date, timeline_text(entry), TIMELINE_SIZE, column)


def timeline_text(entry: rules.Dated) -> str:
    """A timeline's note as printed: a note that opens on its card ('This did not happen …') names the card."""
    if entry.needs_card and entry.about:
        return tr("About “{name}”: {text}", name=entry.about, text=entry.text)
    return entry.text


def questions(pdf: Page, s: Scenario) -> None:
    if not s.questions:
        return
    pdf.new_sheet()
    pdf.heading(tr("Debrief: discussion questions"), 16)
    for number, question in enumerate(s.questions, 1):
        pdf.labelled(f"{number}.", pick(question), 11, 10)
        pdf.ln(2)


LETTERS = "abcdef"
#: How a Korean test numbers its choices (① ②, not a) b)).
CIRCLED = "①②③④⑤⑥"


def choice_mark(index: int) -> str:
    """The mark of a concept check's choice (0-based) in the kit's language: 'a)', '①'."""
    return CIRCLED[index] if language() == "ko" else f"{LETTERS[index]})"


def assessment(pdf: Page, s: Scenario) -> None:
    """The scenario's own assessment: the concept check for students, its answer key for the teacher,
    the exit ticket, and the memo with its rubric (each on sheets of its own, to copy separately: printed
    double-sided, the answer key is never on the back of a page the students get)."""
    plan = s.assessment
    if plan is None:
        return
    if plan.concept_check:
        pdf.new_sheet()
        pdf.heading(words.check_title(), 16)
        pdf.para(words.check_intro(), 9, colour=MUTED)
        pdf.ln(2)
        for number, item in enumerate(plan.concept_check, 1):
            choices = "\n".join(f"{choice_mark(i)} {pick(choice)}" for i, choice in enumerate(item.choices))
            pdf.labelled(f"{number}.", f"{pick(item.question)}\n{choices}", 10, 10)
            pdf.ln(1.5)
        pdf.new_sheet()
        pdf.heading(words.key_title(), 16)
        for number, item in enumerate(plan.concept_check, 1):
            answer = f"{choice_mark(item.answer - 1)} {pick(item.choices[item.answer - 1])}"
            why = f" — {pick(item.why)}" if item.why else ""
            checks = ""
            if item.objective is not None and item.objective <= len(s.learning_objectives):
                checks = "\n" + words.key_objective(item.objective, pick(s.learning_objectives[item.objective - 1]))
            pdf.labelled(f"{number}.", f"{answer}{why}{checks}", 9, 10)
    if plan.exit_ticket:
        pdf.new_sheet()
        pdf.heading(words.exit_title(), 16)
        for number, prompt in enumerate(plan.exit_ticket, 1):
            pdf.labelled(f"{number}.", pick(prompt), 11, 10)
            pdf.ln(16)  # room to write
    if plan.memo is not None or plan.rubric:
        pdf.new_sheet()
        pdf.heading(words.memo_title(), 16)
        if plan.memo is not None:
            pdf.para(pick(plan.memo), 11)
            pdf.ln(3)
        if plan.rubric:
            pdf.heading(words.rubric_title(), 12)
            for row in plan.rubric:
                levels = "\n".join(f"{score}: {pick(text)}" for score, text in sorted(row.levels.items(), reverse=True))
                pdf.labelled(pick(row.criterion), levels, 9, 42)
                pdf.ln(1)
