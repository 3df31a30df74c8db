// The room page: wires the socket client, the message list, the notices, the composer,
// "Get help now" and, for facilitators, the console. Sync from the last seq held on every
// (re)connect; anything typed while offline goes out once, with its original client_id.

import { RoomSocket } from "./socket.js";
import { MessageList } from "./messages.js";
import { HelpDialog, el } from "./dialogs.js";
import { Notices } from "./notices.js";
import { FacilitatorConsole } from "./console.js";

const root = document.getElementById("room");
const isFacilitator = root.dataset.role === "facilitator";
const slug = root.dataset.slug;
const status = document.getElementById("connection");
const form = document.getElementById("composer");
const box = document.getElementById("message");
const sendError = document.getElementById("send-error");
const typingLine = document.getElementById("typing");
const here = document.getElementById("here");

const pending = new Map();   // client_id -> text: sent, not yet acknowledged; resent after a reconnect
let lastModerateAt = 0;
let lastTypingSent = 0;
let typingTimer = null;
let you = null;

// A notice that ends this socket (the server closes it right after): its text is the
// reason the page then shows, instead of a general "can't enter".
const ENDING = new Set(["banned", "agreement_changed", "certification_ended"]);
let endedBy = null;  // that notice's frame
const readAgreement = document.getElementById("read-agreement");
readAgreement.addEventListener("click", () => location.reload());

function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

function act(frame) {
  if (frame.type === "moderate") lastModerateAt = Date.now();
  const sent = socket.send(frame);
  if (!sent && frame.type !== "send") {
    const line = isFacilitator && frame.type === "moderate" ? consoleStatus() : sendError;
    line.textContent = "Not connected right now: try again in a moment.";
  }
  return sent;
}

const messages = new MessageList({
  list: document.getElementById("messages"),
  isFacilitator,
  act,
  onMember: (pseudonym, opener) => console_ && console_.openMember(pseudonym, opener),
});
const notices = new Notices({ region: document.getElementById("notices"), onCleared: () => { sendError.textContent = ""; } });
const help = new HelpDialog({
  button: document.getElementById("help-button"),
  dialog: document.getElementById("help-dialog"),
  resources: JSON.parse(document.getElementById("crisis-resources").textContent),
});

const console_ = isFacilitator
  ? new FacilitatorConsole({ act, messages, baseTitle: document.title })
  : null;

function consoleStatus() {
  return document.getElementById("console-status");
}

function renderPresence(frame) {
  const facilitatorHere = frame.here.some((p) => p.role === "facilitator");
  if (facilitatorHere) notices.clear("facilitator");
  here.replaceChildren(...frame.here.map((p) => {
    const label = p.pseudonym + (p.role === "facilitator" ? " (facilitator)" : "") +
      (you && p.pseudonym === you.pseudonym ? " (you)" : "");
    if (console_ && p.role !== "facilitator" && !(you && p.pseudonym === you.pseudonym)) {
      return el("li", {}, el("button", {
        type: "button", className: "link", "aria-haspopup": "dialog", text: label,
        onclick: (event) => console_.openMember(p.pseudonym, event.currentTarget),
      }));
    }
    return el("li", { text: label });
  }));
}

function onAck(frame) {
  if (!pending.has(frame.client_id)) return;
  const text = pending.get(frame.client_id);
  pending.delete(frame.client_id);
  if (frame.status === "posted") messages.dropPending(frame.client_id);
  else if (frame.status === "held") messages.setPending(frame.client_id, text, "held", frame.reason);
  else messages.setPending(frame.client_id, text, "failed", frame.reason || "This message can't be posted here.");
}

function onError(frame) {
  if (frame.client_id && pending.has(frame.client_id) && frame.retry_after) {
    // Nothing was stored: send the same message again, with the same client_id, shortly.
    const clientId = frame.client_id;
    messages.setPending(clientId, pending.get(clientId), "sending", frame.detail);
    setTimeout(() => {
      if (pending.has(clientId)) socket.send({ type: "send", client_id: clientId, text: pending.get(clientId) });
    }, frame.retry_after * 1000);
    return;
  }
  if (frame.client_id && pending.has(frame.client_id)) {
    const text = pending.get(frame.client_id);
    pending.delete(frame.client_id);
    messages.setPending(frame.client_id, text, "failed", frame.detail);
    sendError.textContent = frame.detail;
    return;
  }
  if (console_ && Date.now() - lastModerateAt < 5000) {
    consoleStatus().textContent = frame.detail;
    return;
  }
  sendError.textContent = frame.detail;
}

function onFrame(frame) {
  switch (frame.type) {
    case "welcome":
      you = frame.you;
      messages.setMe(you.pseudonym);
      setStatus("open", "Connected as " + you.pseudonym);
      notices.welcome(frame);
      if (console_) console_.welcome(frame);
      socket.send({ type: "sync", after_seq: messages.lastSeq });
      break;
    case "message":
      messages.add(frame);
      break;
    case "synced":
      if (messages.lastSeq === null || frame.last_seq > messages.lastSeq) messages.lastSeq = frame.last_seq;
      if (!frame.complete) {
        socket.send({ type: "sync", after_seq: frame.last_seq });
      } else {
        for (const [clientId, text] of pending) socket.send({ type: "send", client_id: clientId, text });
      }
      break;
    case "heartbeat":
      if (messages.lastSeq !== null && frame.last_seq > messages.lastSeq) {
        socket.send({ type: "sync", after_seq: messages.lastSeq });
      }
      break;
    case "ack":
      onAck(frame);
      break;
    case "error":
      onError(frame);
      break;
    case "pending":
      messages.setPending(frame.client_id, frame.text, "held", frame.reason);
      break;
    case "pending_decided":
      if (frame.status === "posted") messages.dropPending(frame.client_id);
      else messages.setPending(frame.client_id, null, "rejected", frame.reason);
      break;
    case "message_hidden":
      messages.remove(frame.seq);
      break;
    case "reported":
      messages.reported(frame);
      break;
    case "presence":
      renderPresence(frame);
      break;
    case "typing":
      typingLine.textContent = frame.pseudonym + " is typing…";
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => { typingLine.textContent = ""; }, 4000);
      break;
    case "crisis_resources":
      help.showCard(frame.resources, frame.note);
      break;
    case "notice":
      if (ENDING.has(frame.code)) endedBy = frame;
      notices.notice(frame);
      if (console_) console_.notice(frame);
      break;
    case "flag":
      if (console_) console_.flag(frame);
      break;
    case "held":
      if (console_) console_.held(frame);
      break;
    case "hold_decided":
      if (console_) console_.holdDecided(frame);
      break;
    case "escalation":
      if (console_) console_.escalation(frame);
      break;
    case "note":
      if (console_) console_.note(frame);
      break;
    default:
      break;
  }
}

function onState(state, code) {
  if (state === "reconnecting") {
    setStatus("reconnecting", "Reconnecting…");
    return;
  }
  if (code === 4401) {
    location.href = "/login/?next=" + encodeURIComponent(location.pathname);
    return;
  }
  const why = {
    4000: "You have left this session.",
    4409: "The room is full right now. Please try again in a little while; \"Get help now\" is always there.",
    4429: "This room is open in too many tabs or devices. Close one, then reload this page.",
  };
  const reason = endedBy && endedBy.text;
  setStatus("closed", reason || why[code] || "You can't enter this room right now.");
  if (reason) {
    // The reason is the status now; the room's other notices no longer apply.
    notices.clearAll();
    // A new agreement: reading it (the page reloads to it) is the way back in.
    readAgreement.hidden = endedBy.code !== "agreement_changed";
  }
  box.disabled = true;
  form.querySelector("button[type=submit]").disabled = true;
}

const scheme = location.protocol === "https:" ? "wss://" : "ws://";
const socket = new RoomSocket({
  url: scheme + location.host + "/ws/groups/" + encodeURIComponent(slug) + "/",
  onFrame,
  onState,
  heartbeatSeconds: Number(root.dataset.heartbeat) || 15,
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = box.value;
  if (!text.trim()) return;
  sendError.textContent = "";
  const clientId = crypto.randomUUID();
  pending.set(clientId, text);
  messages.setPending(clientId, text, "sending");
  socket.send({ type: "send", client_id: clientId, text });
  box.value = "";
  box.focus();
});

box.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
    return;
  }
  const now = Date.now();
  if (now - lastTypingSent > 3000) {
    lastTypingSent = now;
    socket.send({ type: "typing" });
  }
});

socket.connect();
