// The team, teacher and join pages. Plain JavaScript, no build step. Everything received is
// written with textContent (never as markup), so nothing a device sends can run on another.
"use strict";

const DATA = JSON.parse(document.getElementById("data").textContent);
const W = DATA.words;
const main = document.getElementById("main");
const statusLine = document.getElementById("status");
const phaseLine = document.getElementById("phase");
const timerLine = document.getElementById("timer");

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (key === "style") for (const [p, v] of Object.entries(value)) node.style.setProperty(p, v);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function section(id, title, ...children) {
  return el("section", { id, "aria-labelledby": id + "-h" }, el("h2", { id: id + "-h", text: title }), ...children);
}

// The sections, in the order a phone shows them (CSS puts the hand first while teams order).
const ORDER = ["talks-section", "turn-section", "offers-section", "hand-section", "board-section", "objectives-section",
  "reveal-section", "room-section", "teams-section"];

function replace(id, node) {
  const old = document.getElementById(id);
  if (old) {
    // A keyboard or screen-reader user keeps their place: the control that had the focus has it again.
    const focused = old.contains(document.activeElement) ? document.activeElement.id : "";
    old.replaceWith(node);
    const again = focused && document.getElementById(focused);
    if (again) again.focus({ preventScroll: true });
    return;
  }
  const after = ORDER.slice(ORDER.indexOf(id) + 1).map((n) => document.getElementById(n)).find((n) => n);
  if (after) main.insertBefore(node, after);
  else main.append(node);
}

// --- the socket: reconnects by itself and asks for what it missed ------------------------------

// The link's token is after the '#': browsers never send it to a server, nor in a Referer.
const token = decodeURIComponent(location.hash.slice(1)) || (DATA.kind === "team" ? localStorage.getItem("deterrence-team") || "" : "");
if (DATA.kind === "team" && token) localStorage.setItem("deterrence-team", token);
let ws = null;
let state = null;
let messages = [];
let lastId = 0;
let retry = 500;
let refused = false;
let deadline = null;
const pending = new Map();

function connect() {
  if (refused || (ws && ws.readyState <= 1)) return;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  ws = new WebSocket(`${scheme}//${location.host}/ws`);
  ws.onopen = () => {
    retry = 500;
    ws.send(JSON.stringify({ type: "hello", token, seen: lastId, lang: DATA.lang }));
    setStatus(W.online, false);
  };
  ws.onmessage = (event) => receive(JSON.parse(event.data));
  ws.onclose = (event) => {
    if (event.code === 4403 || event.code === 4400) { refused = true; return; }
    setStatus(W.offline, true);
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 5000);
  };
}

function send(frame) {
  if (ws && ws.readyState === 1) { ws.send(JSON.stringify(frame)); return true; }
  setStatus(W.offline, true);
  return false;
}

function setStatus(text, bad) {
  statusLine.textContent = text;
  statusLine.classList.toggle("off", !!bad);
}

function receive(frame) {
  if (frame.type === "state") { state = frame; render(); }
  else if (frame.type === "messages") {
    for (const m of frame.messages) if (m.id > lastId) { messages.push(m); lastId = m.id; }
    renderMessages();
  } else if (frame.type === "error") setStatus(frame.error, true);
  else if (frame.type === "refused") { refused = true; main.replaceChildren(el("p", { class: "error", role: "alert", text: frame.error })); }
  else if (frame.type === "link") renderLink(frame);
}

document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") connect(); });
window.addEventListener("online", connect);

function showTimer() {
  if (deadline === null) { timerLine.textContent = ""; return; }
  const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
  timerLine.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")} ${W.seconds}`;
}
setInterval(showTimer, 250);

function header() {
  phaseLine.textContent = W[state.phase] || state.phase;
  main.className = `phase-${state.phase}`;
  deadline = state.seconds_left === null ? null : Date.now() + state.seconds_left * 1000;
  showTimer();
  document.title = `${W[state.phase] || ""} · ${document.title.split(" · ").slice(-1)[0]}`;
}

function teamName(id) {
  const team = state.teams.find((t) => t.id === id);
  return team ? team.short : id;
}

// --- the team page -----------------------------------------------------------------------------

let draft = [];
let talkTo = "all";

function isChosen(move) { return draft.some((o) => o.move === move && o.offer === null); }

function spent() {
  let total = 0;
  for (const o of draft) {
    if (o.answer === "accept" || o.answer === "reject") continue;
    const card = state.hand.find((c) => c.id === o.move);
    if (card) total += card.cost;
  }
  for (const move of state.deals) { const card = state.hand.find((c) => c.id === move); if (card) total += card.cost; }
  return total;
}

function setDraft(next) {
  draft = next;
  send({ type: "draft", orders: draft });
  renderTeam();
}

function toggle(move) {
  setDraft(isChosen(move) ? draft.filter((o) => !(o.move === move && o.offer === null))
    : [...draft, { move, offer: null, answer: null }]);
}

function answerOffer(offerId, order) {
  setDraft([...draft.filter((o) => o.offer !== offerId), ...(order ? [order] : [])]);
}

function rulesList(lines) {
  return [lines.filter((l) => !l.label).map((l) => el("p", { text: l.text })),
    el("dl", {}, lines.filter((l) => l.label).map((l) => [el("dt", { text: l.label }), el("dd", { text: l.text })]))];
}

function cardView(card, chosen, sealed) {
  const closed = !card.playable && !chosen;
  const button = el("button", {
    type: "button", id: `play-${card.id}`, "aria-pressed": chosen ? "true" : "false", disabled: sealed || closed || !["talks", "orders"].includes(state.phase),
    on: { click: () => toggle(card.id) },
  }, chosen ? W.unplay : closed ? W.not_playable : W.play);
  return el("article", { class: "card" + (chosen ? " chosen" : ""), style: { "--kind": card.colour }, "aria-label": card.name },
    el("h3", { text: card.name }),
    el("p", { class: "meta", text: `${card.kind} · ${W.cost} ${card.cost}` }),
    el("p", { class: "likely", text: `${W.likely}: ${card.likely}` }),
    card.chance ? el("p", { text: card.chance }) : null,
    rulesList(card.rules),
    card.learn.length ? el("details", {}, el("summary", { text: W.learn }), rulesList(card.learn)) : null,
    button);
}

function trackView(t) {
  const span = t.max - t.min || 1;
  let bar, value;
  if (t.value !== null) {
    bar = el("span", { style: { left: "0", width: `${((t.value - t.min) / span) * 100}%` } });
    value = String(t.value);
  } else if (t.low !== null) {
    bar = el("span", { class: "range", style: { left: `${((t.low - t.min) / span) * 100}%`, width: `${((t.high - t.low) / span) * 100}%` } });
    value = `${t.low}–${t.high}`;
  } else { bar = null; value = W.unknown; }
  return el("li", { class: "track" + (t.mine ? " mine" : "") },
    el("span", { text: t.label }), el("span", { text: `${value} (${t.min}–${t.max})` }),
    el("span", { class: "bar", "aria-hidden": "true" }, bar));
}

function renderTeam() {
  if (!state) return;
  header();
  const sealed = state.sealed !== null;
  document.getElementById("title").textContent = state.team.name;
  if (!sealed) draft = state.draft.slice();  // the team's draft, as any of its devices last changed it
  if (sealed) draft = state.sealed.slice();

  replace("turn-section", section("turn-section", state.heading,
    state.phase === "lobby" ? el("p", { class: "note", text: W.lobby }) : null,
    state.round ? el("h3", { id: "round", text: state.round }) : null,
    state.waiting_round ? el("p", { class: "note", id: "waiting-round", role: "status", text: state.waiting_round }) : null,
    state.team.role ? el("p", { text: state.team.role }) : null,
    state.events.map((e) => el("div", {}, el("h3", { text: e.name }), e.text ? el("p", { text: e.text }) : null)),
    state.event_log.length ? el("ol", { class: "log" }, state.event_log.map((e) => el("li", { text: e.text }))) : null,
    state.outcome ? el("p", { class: "note", role: "alert", text: `${W.over}: ${state.outcome.ending} · ${W.score} ${state.outcome.score}` }) : null));

  renderTalks();

  const offers = state.offers.map((offer) => {
    const current = draft.find((o) => o.offer === offer.id);
    const name = `offer-${offer.id}`;
    const choice = (order, means) => el("label", { class: "choice" },
      el("input", { type: "radio", name, id: `${name}-${order.answer}-${order.move}`, checked: current && current.answer === order.answer && current.move === order.move,
        disabled: sealed || state.phase !== "orders", on: { change: () => answerOffer(offer.id, order) } }),
      means);
    const counters = offer.choices.filter((o) => o.answer === "counter");
    return el("fieldset", { class: "card" },
      el("legend", { text: `${offer.card.name} (${offer.from.map(teamName).join(", ")})` }),
      rulesList(offer.card.rules),
      choice({ move: offer.move, offer: offer.id, answer: "accept" }, W.accept_means),
      choice({ move: offer.move, offer: offer.id, answer: "reject" }, W.reject_means),
      counters.map((o) => choice(o, `${W.counter_means} (${moveName(o.move)})`)),
      el("p", { class: "meta", text: W.no_answer_means }));
  });
  replace("offers-section", offers.length ? section("offers-section", W.offers, offers) : el("div", { id: "offers-section", hidden: true }));

  const orderLines = [...agreedLines().map((t) => `${t} — ${W.deal_note}`),
    ...draft.filter((o) => o.offer !== 0)  // offer 0: an offer accepted in the talks, already in agreedLines
      .map((o) => (o.offer === null ? moveName(o.move) : `${W[o.answer]}: ${moveName(o.move)}`))];
  // a team with nothing to order (not its round, or no card it can play) is not waited for: no seal to press
  const ordering = (state.teams.find((t) => t.id === state.team.id) || {}).ordering;
  const asked = ordering === "now" || !["talks", "orders"].includes(state.phase);
  const notAsked = ordering === "nothing" ? el("p", { class: "note", id: "not-asked", role: "status", text: W.not_asked }) : null;
  const sealButton = el("button", { type: "button", id: "seal", class: "primary", disabled: sealed || state.phase !== "orders", on: { click: confirmSeal } }, W.seal);
  replace("hand-section", section("hand-section", state.purse ? `${W.our_orders} · ${state.purse}` : `${W.our_orders} · ${W.budget} ${spent()}/${state.budget}`,
    el("ul", { class: "plain", "aria-live": "polite" }, orderLines.length ? orderLines.map((t) => el("li", { text: `✓ ${t}` })) : el("li", { text: W.nothing })),
    sealed ? el("p", { class: "note", role: "status", text: W.sealed }) : asked ? sealButton : notAsked,
    state.hand.map((card) => cardView(card, isChosen(card.id) || state.deals.includes(card.id), sealed))));

  replace("board-section", section("board-section", W.board,
    el("ul", { class: "plain" }, state.tracks.map(trackView)),
    el("h3", { text: W.waiting_for }),
    el("ul", { class: "plain teams" }, state.teams.filter((t) => t.people).map((t) =>
      el("li", {}, el("span", { class: "dot", style: { background: t.colour }, "aria-hidden": "true" }), t.name,
        t.sealed ? el("span", { class: "sealed-yes", text: `✓ ${W.sealed.split(":")[0]}` }) : notOrdering(t))))));

  replace("objectives-section", section("objectives-section", W.objectives, rulesList(state.objectives),
    el("details", {}, el("summary", { text: W.add_device }),
      el("p", { class: "link", text: `${location.origin}/team#${token}` }))));
  replace("reveal-section", state.reveal.length ? section("reveal-section", W.reveal,
    el("ol", { class: "log" }, state.reveal.map((e) => el("li", { text: e.text })))) : el("div", { id: "reveal-section", hidden: true }));
}

// Beside a team the turn does not wait for: why it will not seal.
function notOrdering(team) {
  const ordering = ["talks", "orders"].includes(state.phase);
  const why = W[`ordering_${team.ordering}`];  // "now": waited for, nothing to say
  return ordering && why ? el("span", { class: "not-ordering", text: why }) : null;
}

// What the talks put in the team's orders: the deals it plays, the offers it accepts as they are made.
function agreedLines() {
  return [...state.deals.map(moveName), ...state.accepted_offers.map((m) => `${W.accept}: ${moveName(m)}`)];
}

function confirmSeal() {
  const dialog = el("dialog", { "aria-labelledby": "seal-q" },
    el("p", { id: "seal-q", text: W.seal_confirm }),
    el("ul", {}, [...agreedLines(), ...draft.filter((o) => o.offer !== 0).map((o) => moveName(o.move))].map((t) => el("li", { text: t }))),
    el("div", { class: "row" },
      el("button", { type: "button", class: "primary", id: "seal-yes", on: { click: () => { send({ type: "seal", orders: draft }); dialog.close(); dialog.remove(); } } }, W.yes_seal),
      el("button", { type: "button", on: { click: () => { dialog.close(); dialog.remove(); } } }, W.cancel)));
  document.body.append(dialog);
  dialog.showModal();
}

function talkForm() {
  const others = state.teams.filter((t) => t.id !== state.team.id);
  const to = el("select", { id: "talk-to", on: { change: (e) => { talkTo = e.target.value; } } },
    el("option", { value: "all", text: W.to_all }), others.map((t) => el("option", { value: t.id, text: t.name })));
  to.value = talkTo;
  const text = el("textarea", { id: "talk-text", maxlength: DATA.max_text });
  const form = el("form", { id: "talk-form", on: { submit: (e) => {
    e.preventDefault();
    if (!text.value.trim()) return;
    if (send({ type: "say", to: to.value, text: text.value })) text.value = "";
  } } },
    el("label", { for: "talk-to", text: W.to }), to,
    el("label", { for: "talk-text", text: W.message }), text,
    el("button", { type: "submit", class: "primary" }, W.send));
  const deals = state.can_propose;
  const move = el("select", { id: "propose-move", on: { change: () => fillPartners() } },
    deals.map((d) => el("option", { value: d.move, text: d.name })));
  const partner = el("select", { id: "propose-to", "aria-label": W.to });
  const fillPartners = () => {
    const deal = deals.find((d) => d.move === move.value);
    partner.replaceChildren(...(deal ? deal.to : []).map((id) => el("option", { value: id, text: teamName(id) })));
  };
  fillPartners();
  const propose = deals.length ? el("form", { id: "propose-form", on: { submit: (e) => {
    e.preventDefault(); send({ type: "propose", to: partner.value, move: move.value, text: "" });
  } } }, el("label", { for: "propose-move", text: W.propose }), move, partner,
    el("p", { class: "meta", text: W.propose_means }), el("button", { type: "submit" }, W.propose)) : null;
  return el("div", { id: "talk-forms" }, form, propose);
}

function renderTalks() {
  let box = document.getElementById("talks-section");
  if (!box) {
    box = section("talks-section", W.talks,
      el("p", { class: "note", text: W.teacher_reads }),
      el("ul", { id: "msgs", class: "msgs", "aria-live": "polite", "aria-label": W.talks }),
      el("div", { id: "proposals" }),
      el("div", { id: "talk-slot" }));
    replace("talks-section", box);
  }
  const slot = document.getElementById("talk-slot");
  const open = state.phase === "talks";
  const focused = slot.contains(document.activeElement);
  if (open && !document.getElementById("talk-forms")) slot.replaceChildren(talkForm());
  else if (!open && !focused) slot.replaceChildren(state.phase === "lobby" ? "" : el("p", { class: "meta", text: W.talks_over }));
  const proposals = state.proposals.map((p) => {
    const line = `${teamName(p.from)} ${W.proposal} ${moveName(p.move)} → ${teamName(p.to)}: ${W[p.status] || ""}`;
    const mine = p.to === state.team.id && p.status === "open" && state.phase === "talks";
    return el("div", { class: "card" }, el("p", { text: line }),
      mine ? el("div", { class: "row" },
        el("button", { type: "button", class: "primary", on: { click: () => send({ type: "answer", proposal: p.id, accept: true }) } }, W.accept),
        el("button", { type: "button", on: { click: () => send({ type: "answer", proposal: p.id, accept: false }) } }, W.reject)) : null);
  });
  document.getElementById("proposals").replaceChildren(...proposals);
  renderMessages();
}

function moveName(id) {
  return (state && state.move_names && state.move_names[id]) || id;
}

function messageLine(m) {
  const to = m.to === "all" ? W.to_all : teamName(m.to);
  let words = m.text;
  if (m.kind === "proposal") words = `${W.proposal} ${moveName(m.move)} ${m.text}`;
  if (m.kind === "accept" || m.kind === "reject") words = `${W[m.kind + "ed"]}: ${moveName(m.move)}`;
  const own = state && state.team && m.from === state.team.id;
  return el("li", { class: own ? "own" : "" }, el("span", { class: "who", text: `${teamName(m.from)} → ${to}: ` }), el("span", { text: words }));
}

function renderMessages() {
  const list = document.getElementById("msgs");
  if (!list || !state) return;
  list.replaceChildren(...messages.map(messageLine));
  list.scrollTop = list.scrollHeight;
}

// --- the teacher page ---------------------------------------------------------------------------

function renderTeacher() {
  if (!state) return;
  header();
  const actions = el("div", { class: "row" },
    state.phase === "lobby" ? el("button", { type: "button", class: "primary", on: { click: () => send({ type: "start" }) } }, W.start) : null,
    state.phase === "talks" ? el("button", { type: "button", on: { click: () => send({ type: "end_talks" }) } }, W.end_talks) : null,
    ["talks", "orders"].includes(state.phase) ? el("button", { type: "button", on: { click: () => send({ type: "extend", seconds: 60 }) } }, W.extend) : null);
  replace("room-section", section("room-section", state.heading,
    state.round ? el("h3", { id: "round", text: state.round }) : null,
    el("p", { class: "room", text: state.room }), el("div", { class: "qr" }, el("img", { src: "/qr.svg", alt: location.host + "/join" })), actions));
  replace("teams-section", section("teams-section", W.waiting_for,
    el("ul", { class: "plain teams" }, state.teams.filter((t) => t.people).map((t) => el("li", {},
      el("span", { class: "dot", style: { background: t.colour }, "aria-hidden": "true" }), el("strong", { text: t.name }),
      t.sealed ? el("span", { class: "sealed-yes", text: "✓" }) : notOrdering(t),
      state.links[t.id] ? el("span", { class: "link", text: state.links[t.id] }) : null,
      el("button", { type: "button", on: { click: () => send({ type: "new_link", team: t.id }) } }, W.new_link))))));
  replace("board-section", section("board-section", W.public_board, el("ul", { class: "plain" }, state.tracks.map(trackView))));
  let talks = document.getElementById("talks-section");
  if (!talks) replace("talks-section", section("talks-section", W.talks, el("ul", { id: "msgs", class: "msgs", "aria-live": "polite" })));
  renderMessages();
}

function renderLink(frame) {
  setStatus(`${teamName(frame.team)}: ${frame.url}`, false);
}

// --- the join page ------------------------------------------------------------------------------

function renderJoin() {
  const J = DATA.join_words;
  phaseLine.textContent = W.lobby;
  if (!DATA.teams.length) { main.replaceChildren(el("p", { class: "note", text: J.none })); return; }
  const room = el("input", { id: "room", autocomplete: "off", autocapitalize: "characters", maxlength: 8, required: true });
  const team = el("select", { id: "team" }, DATA.teams.map((t) => el("option", { value: t.id, text: t.name })));
  const error = el("p", { class: "error", role: "alert" });
  const form = el("form", { on: { submit: async (e) => {
    e.preventDefault();
    const reply = await fetch("/api/join", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ room: room.value, team: team.value }) });
    const body = await reply.json();
    if (body.token) { localStorage.setItem("deterrence-team", body.token); location.assign(`/team?lang=${DATA.lang}#${body.token}`); }
    else error.textContent = body.error;
  } } }, el("label", { for: "room", text: J.room }), room, el("label", { for: "team", text: J.team }), team,
    el("p", {}, el("button", { type: "submit", class: "primary" }, J.join)), error);
  main.replaceChildren(section("join-section", J.join, form));
}

function render() {
  if (DATA.kind === "team") renderTeam();
  else if (DATA.kind === "teacher") renderTeacher();
}

if (DATA.kind === "join") renderJoin();
else connect();
