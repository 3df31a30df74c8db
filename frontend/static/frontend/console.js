// The facilitator console: the live queue (flags, held messages, reports, escalations),
// urgent items first with the time left before coordinators are paged, the actions on each
// item, on a member and on the room. The server replays the queue on every (re)connect;
// items are keyed so a replay updates what is shown instead of adding duplicates.

import { ask, el } from "./dialogs.js";
import { formatTime } from "./messages.js";

const CATEGORY = { crisis: "Crisis", boundary: "Boundary", harassment: "Harassment", profanity: "Language" };
const REPORTED = { worried: "I'm worried about this person", abuse: "This is abusive", boundary: "Boundary" };
const ESCALATION_STATE = {
  open: "Escalation open: not yet acknowledged",
  acknowledged: "Escalation acknowledged",
  in_contact: "Escalation: in contact",
  handed_off: "Escalation: handed off",
  closed: "Escalation closed",
};
const DONE_KEPT = 20;

function secondsLeft(deadline) {
  return Math.round((new Date(deadline).getTime() - Date.now()) / 1000);
}

function clock(seconds) {
  const s = Math.max(0, seconds);
  return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
}

export class FacilitatorConsole {
  constructor({ act, messages, baseTitle }) {
    this.act = act;                 // act(frame) -> bool
    this.messages = messages;       // MessageList, for "Show in chat"
    this.baseTitle = baseTitle;
    this.items = new Map();         // key -> item
    this.keyOfFlag = new Map();
    this.keyOfEscalation = new Map();
    this.notes = new Map();         // note_id -> note frame
    this.members = new Map();       // pseudonym -> {mutedUntil, removed}
    this.session = null;
    this.room = { paused: false, slow_mode_seconds: 0 };
    this.replaying = true;
    this.list = document.getElementById("queue-items");
    this.empty = document.getElementById("queue-empty");
    this.doneList = document.getElementById("done-items");
    this.doneCount = document.getElementById("done-count");
    this.announcer = document.getElementById("console-announcer");
    this.roomState = document.getElementById("room-state");
    this.status = document.getElementById("console-status");
    this.badge = document.getElementById("console-badge");
    this.memberDialog = document.getElementById("member-dialog");
    this.memberName = null;
    this.wireRoomControls();
    this.wireMemberDialog();
    this.wireTabs();
    setInterval(() => this.tick(), 1000);
  }

  // --- frames ---------------------------------------------------------------------

  welcome(frame) {
    this.session = frame.session;
    if (frame.room) this.room = frame.room;
    this.replaying = true;
    // The replay that follows the welcome is the queue as it stands; announce it once.
    setTimeout(() => { this.replaying = false; this.announceSummary(); }, 1500);
    this.renderRoomControls();
  }

  keyFor({ hold_id, flag_id, escalation_id }) {
    if (hold_id) return "h" + hold_id;
    if (flag_id && this.keyOfFlag.has(flag_id)) return this.keyOfFlag.get(flag_id);
    if (escalation_id && this.keyOfEscalation.has(escalation_id)) return this.keyOfEscalation.get(escalation_id);
    return flag_id ? "f" + flag_id : "e" + escalation_id;
  }

  upsert(key, fields) {
    const fresh = !this.items.has(key);
    const item = this.items.get(key) || { key, reported: [], at: new Date().toISOString() };
    for (const [name, value] of Object.entries(fields)) {
      if (value !== undefined && value !== null) item[name] = value;
    }
    this.items.set(key, item);
    if (item.flagId) this.keyOfFlag.set(item.flagId, key);
    if (item.escalation) this.keyOfEscalation.set(item.escalation.escalation_id, key);
    this.render();
    if (fresh && !this.replaying && !this.isDone(item)) this.announce(item);
    return item;
  }

  held(frame) {
    this.upsert(this.keyFor(frame), {
      holdId: frame.hold_id,
      flagId: frame.flag_id,
      holdStatus: frame.status || "pending",
      holdReason: frame.reason,
      pseudonym: frame.author && frame.author.pseudonym,
      text: frame.text,
      at: frame.at,
    });
  }

  flag(frame) {
    const key = this.keyFor(frame);
    const existing = this.items.get(key);
    this.upsert(key, {
      flagId: frame.flag_id,
      holdId: frame.hold_id,
      seq: frame.seq,
      category: frame.category,
      severity: frame.severity,
      flagStatus: frame.status || "open",
      pseudonym: frame.pseudonym,
      text: frame.text,
      reported: frame.reported && frame.reported.length ? frame.reported : undefined,
      escalation: frame.escalation || undefined,
      at: existing && existing.at ? undefined : frame.at,
    });
  }

  escalation(frame) {
    const key = this.keyFor(frame);
    const previous = this.items.get(key);
    const wasPaged = previous && previous.escalation && previous.escalation.paged_at;
    const item = this.upsert(key, {
      flagId: frame.flag_id,
      holdId: frame.hold_id,
      seq: frame.seq,
      pseudonym: frame.pseudonym,
      severity: "urgent",
      at: previous ? undefined : frame.opened_at,
      escalation: {
        escalation_id: frame.escalation_id,
        state: frame.state,
        ack_deadline: frame.ack_deadline,
        paged_at: frame.paged_at,
      },
    });
    if (frame.paged_at && !wasPaged && !this.replaying) {
      this.say("Not acknowledged in time: coordinators paged about " + (item.pseudonym || "a member") + ".");
    }
  }

  holdDecided(frame) {
    const key = "h" + frame.hold_id;
    if (this.items.has(key)) this.upsert(key, { holdStatus: frame.status });
  }

  note(frame) {
    this.notes.set(frame.note_id, frame);
    this.render();
    if (this.memberName && frame.pseudonym === this.memberName) this.renderMemberNotes();
  }

  // --- the queue ------------------------------------------------------------------

  isDone(item) {
    const holdOpen = item.holdId && item.holdStatus === "pending";
    const flagOpen = item.flagId && item.flagStatus !== "resolved";
    const escalationOpen = item.escalation && item.escalation.state !== "closed";
    return !(holdOpen || flagOpen || escalationOpen);
  }

  isUrgent(item) {
    return item.severity === "urgent" || Boolean(item.escalation && item.escalation.state !== "closed");
  }

  liveItems() {
    const live = [...this.items.values()].filter((item) => !this.isDone(item));
    const rank = (item) => {
      if (item.escalation && item.escalation.state === "open") return 0;
      if (this.isUrgent(item)) return 1;
      return item.severity === "concern" ? 2 : 3;
    };
    return live.sort((a, b) => rank(a) - rank(b) || String(a.at).localeCompare(String(b.at)));
  }

  render() {
    const live = this.liveItems();
    const focusedKey = document.activeElement && document.activeElement.closest
      ? (document.activeElement.closest("li[data-key]") || {}).dataset : null;
    const focusedLabel = document.activeElement ? document.activeElement.textContent : null;
    this.list.replaceChildren(...live.map((item) => this.renderItem(item)));
    const done = [...this.items.values()].filter((item) => this.isDone(item)).slice(-DONE_KEPT).reverse();
    this.doneList.replaceChildren(...done.map((item) => this.renderDone(item)));
    this.doneCount.textContent = String(done.length);
    this.empty.hidden = live.length > 0;
    // Keep keyboard focus where it was when an item is redrawn.
    if (focusedKey && focusedKey.key) {
      const again = this.list.querySelector('li[data-key="' + focusedKey.key + '"]');
      if (again) {
        const same = [...again.querySelectorAll("button")].find((b) => b.textContent === focusedLabel);
        (same || again).focus();
      }
    }
    this.updateCounts(live);
  }

  updateCounts(live) {
    const urgent = live.filter((item) => this.isUrgent(item)).length;
    if (this.badge) {
      this.badge.hidden = live.length === 0;
      this.badge.textContent = urgent ? live.length + ", " + urgent + " urgent" : String(live.length);
      this.badge.classList.toggle("urgent", urgent > 0);
    }
    const prefix = urgent ? "(" + urgent + " urgent) " : live.length ? "(" + live.length + ") " : "";
    document.title = prefix + this.baseTitle;
  }

  renderItem(item) {
    const urgent = this.isUrgent(item);
    const li = el("li", {
      className: ["item", urgent ? "urgent" : "", item.severity === "concern" ? "concern" : ""].join(" ").trim(),
      dataset: { key: item.key },
      tabindex: "-1",
    });
    const kind = item.holdId ? "Held message" : item.reported && item.reported.length ? "Reported" : "Flag";
    const head = el("p", { className: "item-head" });
    if (urgent) head.append(el("span", { className: "sev urgent", text: "Urgent" }), " ");
    else if (item.severity === "concern") head.append(el("span", { className: "sev concern", text: "Concern" }), " ");
    head.append(el("strong", { text: kind + (item.category ? ": " + (CATEGORY[item.category] || item.category) : (item.holdReason ? ": " + (CATEGORY[item.holdReason] || item.holdReason) : "")) }));
    if (item.pseudonym) head.append(" · from ", el("span", { className: "who", text: item.pseudonym }));
    if (item.at) head.append(" · ", el("time", { datetime: item.at, text: formatTime(item.at) }));
    li.append(head);
    if (item.reported && item.reported.length) {
      li.append(el("p", { className: "reported", text: "Reported: " + item.reported.map((k) => REPORTED[k] || k).join("; ") }));
    }
    if (item.text) li.append(el("blockquote", { className: "excerpt", text: item.text }));
    li.append(el("p", { className: "item-state", text: this.stateText(item) }));
    if (item.escalation && item.escalation.state !== "closed") {
      li.append(el("p", { className: "countdown", dataset: { key: item.key }, text: this.countdownText(item) }));
    }
    li.append(this.itemActions(item));
    const notes = [...this.notes.values()].filter((n) => item.escalation && n.escalation_id === item.escalation.escalation_id);
    if (notes.length) li.append(this.noteList(notes));
    return li;
  }

  // A decided item, in one line and without the message: the queue holds only what waits.
  renderDone(item) {
    const kind = item.holdId ? "Held message" : item.reported && item.reported.length ? "Report" : "Flag";
    const li = el("li", { className: "done-item" },
      el("span", { text: kind + (item.pseudonym ? " from " + item.pseudonym : "") }));
    if (item.at) li.append(" · ", el("time", { datetime: item.at, text: formatTime(item.at) }));
    li.append(" · ", document.createTextNode(this.stateText(item)));
    return li;
  }

  stateText(item) {
    const parts = [];
    if (item.holdId) {
      parts.push({ pending: "Waiting for your decision", approved: "Approved and posted", rejected: "Not posted" }[item.holdStatus] || item.holdStatus);
    }
    if (item.flagId) parts.push("Flag " + (item.flagStatus || "open"));
    if (item.escalation) parts.push(ESCALATION_STATE[item.escalation.state] || item.escalation.state);
    return parts.join(" · ");
  }

  countdownText(item) {
    const escalation = item.escalation;
    if (escalation.paged_at) return "Not acknowledged in time: coordinators paged at " + formatTime(escalation.paged_at) + ".";
    if (escalation.state !== "open") return "Acknowledged: coordinators will not be paged.";
    const left = secondsLeft(escalation.ack_deadline);
    if (left <= 0) return "Time is up: paging the on-call coordinators now.";
    return "Time left before coordinators are paged: " + clock(left);
  }

  tick() {
    for (const line of this.list.querySelectorAll("p.countdown")) {
      const item = this.items.get(line.dataset.key);
      if (item && item.escalation) line.textContent = this.countdownText(item);
    }
  }

  button(label, onclick, className = "") {
    return el("button", { type: "button", className, text: label, onclick });
  }

  itemActions(item) {
    const bar = el("div", { className: "item-actions" });
    const escalation = item.escalation;
    // Acknowledging comes first: it is what stops the coordinators being paged.
    if (item.flagId && item.flagStatus === "open") {
      bar.append(this.button("Acknowledge", () => this.act({ type: "moderate", action: "ack_flag", flag_id: item.flagId })));
    } else if (escalation && escalation.state === "open") {
      bar.append(this.button("Acknowledge", () => this.act({ type: "moderate", action: "ack_escalation", escalation_id: escalation.escalation_id })));
    }
    if (item.holdId && item.holdStatus === "pending") {
      bar.append(this.button("Approve", () => this.act({ type: "moderate", action: "approve", hold_id: item.holdId })));
      bar.append(this.button("Reject", () => this.reject(item), "danger"));
    }
    if (escalation) {
      const next = { acknowledged: ["in_contact", "closed"], in_contact: ["handed_off", "closed"], handed_off: ["closed"] }[escalation.state] || [];
      const label = { in_contact: "In contact", handed_off: "Handed off", closed: "Close" };
      for (const state of next) bar.append(this.button(label[state], () => this.escalationStep(item, state, label[state])));
      if (escalation.state !== "closed") bar.append(this.button("Add note", () => this.escalationNote(item), "secondary"));
    }
    if (item.flagId && item.flagStatus !== "resolved") {
      if (!escalation) bar.append(this.button("Escalate", () => this.act({ type: "moderate", action: "escalate", flag_id: item.flagId }), "secondary"));
      bar.append(this.button("Resolve", () => this.act({ type: "moderate", action: "resolve_flag", flag_id: item.flagId }), "secondary"));
    }
    if (item.seq) {
      bar.append(this.button("Show in chat", () => this.showInChat(item.seq), "secondary"));
    }
    if (item.pseudonym) {
      bar.append(el("button", {
        type: "button", className: "secondary", "aria-haspopup": "dialog",
        text: "Member: " + item.pseudonym,
        onclick: (event) => this.openMember(item.pseudonym, event.currentTarget),
      }));
    }
    return bar;
  }

  async reject(item) {
    const values = await ask({
      title: "Reject this message?",
      text: "It will not be posted. " + (item.pseudonym || "The author") + " is told privately and kindly.",
      fields: [{ name: "reason", label: "A kind word for them (optional)", kind: "textarea", max: 500 }],
    });
    if (values === null) return;
    const frame = { type: "moderate", action: "reject", hold_id: item.holdId };
    if (values.reason.trim()) frame.reason = values.reason.trim();
    this.act(frame);
  }

  async escalationStep(item, state, label) {
    const values = await ask({
      title: label + ": " + (item.pseudonym || "escalation"),
      text: state === "closed" ? "Close this escalation. Add what was done, for the record." : "",
      fields: [{ name: "note", label: "Note (optional)", kind: "textarea", max: 2000 }],
    });
    if (values === null) return;
    this.act({
      type: "moderate", action: "escalation_update",
      escalation_id: item.escalation.escalation_id, state, note: values.note.trim(),
    });
  }

  async escalationNote(item) {
    const values = await ask({
      title: "Private note on this escalation",
      text: "Only the group's facilitators and coordinators can read it. It is never in a transcript.",
      fields: [{ name: "text", label: "Note", kind: "textarea", max: 2000, required: true }],
      confirm: "Save note",
    });
    if (values === null || !values.text.trim()) return;
    this.act({ type: "moderate", action: "note", escalation_id: item.escalation.escalation_id, text: values.text.trim() });
  }

  showInChat(seq) {
    const tab = document.getElementById("tab-chat");
    if (tab && getComputedStyle(tab.parentElement).display !== "none") this.selectTab("chat");
    if (!this.messages.show(seq)) this.say("That message is no longer in the chat.");
  }

  noteList(notes) {
    return el("ul", { className: "notes", "aria-label": "Private notes" },
      ...notes.map((n) => el("li", {},
        el("span", { className: "meta", text: (n.by || "Facilitator") + ", " + formatTime(n.at) + ": " }),
        document.createTextNode(n.text))));
  }

  // --- announcements --------------------------------------------------------------

  say(text) {
    // Re-setting the same text is not announced again; clear first.
    this.announcer.textContent = "";
    setTimeout(() => { this.announcer.textContent = text; }, 50);
    this.status.textContent = text;
  }

  announce(item) {
    const who = item.pseudonym ? " from " + item.pseudonym : "";
    const what = item.holdId ? "Held message" : item.reported && item.reported.length ? "Report" : "Flag";
    if (this.isUrgent(item)) {
      const left = item.escalation ? secondsLeft(item.escalation.ack_deadline) : null;
      this.say("Urgent: " + (CATEGORY[item.category] || "crisis").toLowerCase() + " " + what.toLowerCase() + who +
        (left !== null && left > 0 ? ". Acknowledge within " + clock(left) + " or coordinators are paged." : "."));
    } else {
      this.say(what + who + ".");
    }
  }

  announceSummary() {
    const live = this.liveItems();
    if (!live.length) return;
    const urgent = live.filter((item) => this.isUrgent(item)).length;
    this.say(live.length + " waiting in the queue" + (urgent ? ", " + urgent + " urgent." : "."));
  }

  // --- the room -------------------------------------------------------------------

  notice(frame) {
    const code = frame.code;
    if (code === "session_opened") this.session = this.session || { state: "open" };
    else if (code === "session_ended") this.session = null;
    else if (code === "room_paused") this.room.paused = true;
    else if (code === "room_resumed") { this.room.paused = false; this.room.slow_mode_seconds = 0; }
    else if (code === "room_slow_mode") {
      const seconds = /(\d+)/.exec(frame.text || "");
      this.room.paused = false;
      this.room.slow_mode_seconds = seconds ? Number(seconds[1]) : 0;
    } else return;
    this.renderRoomControls();
  }

  renderRoomControls() {
    const open = Boolean(this.session);
    document.getElementById("open-session").hidden = open;
    document.getElementById("end-session").hidden = !open;
    document.getElementById("pause-room").hidden = !open || this.room.paused;
    document.getElementById("resume-room").hidden = !open || !this.room.paused;
    document.getElementById("slow-mode").hidden = !open;
    const parts = [open ? "Session open" : "No session open: members wait in the lobby"];
    if (open && this.room.paused) parts.push("room paused");
    if (open && this.room.slow_mode_seconds) parts.push("slow mode " + this.room.slow_mode_seconds + " s");
    this.roomState.textContent = parts.join(" · ") + ".";
  }

  wireRoomControls() {
    const moderate = (action, extra = {}) => this.act({ type: "moderate", action, ...extra });
    document.getElementById("open-session").addEventListener("click", () => moderate("open_session"));
    document.getElementById("pause-room").addEventListener("click", () => moderate("pause"));
    document.getElementById("resume-room").addEventListener("click", () => moderate("resume"));
    document.getElementById("end-session").addEventListener("click", async () => {
      const values = await ask({
        title: "End the session?",
        text: "Nobody can post until a facilitator opens the next session.",
      });
      if (values !== null) moderate("end_session");
    });
    document.getElementById("slow-mode").addEventListener("click", async () => {
      const values = await ask({
        title: "Slow mode",
        text: "Each member may post once in this many seconds. 0 turns slow mode off.",
        fields: [{ name: "seconds", label: "Seconds between messages", kind: "number", min: 0, max: 600, value: this.room.slow_mode_seconds || 30, required: true }],
      });
      if (values === null) return;
      const seconds = Math.max(0, Math.min(600, Number.parseInt(values.seconds, 10) || 0));
      moderate("slow_mode", { seconds });
    });
  }

  // --- a member -------------------------------------------------------------------

  memberState(pseudonym) {
    if (!this.members.has(pseudonym)) this.members.set(pseudonym, { mutedUntil: 0, removed: false });
    return this.members.get(pseudonym);
  }

  openMember(pseudonym, opener) {
    this.memberName = pseudonym;
    this.memberOpener = opener || null;
    document.getElementById("member-heading").textContent = pseudonym;
    this.renderMember();
    this.renderMemberNotes();
    if (!this.memberDialog.open) this.memberDialog.showModal();
  }

  renderMember() {
    const state = this.memberState(this.memberName);
    const muted = state.mutedUntil > Date.now();
    const lines = [];
    if (muted) lines.push("Muted until " + formatTime(new Date(state.mutedUntil).toISOString()) + ".");
    if (state.removed) lines.push("Removed from this session.");
    document.getElementById("member-state").textContent = lines.join(" ");
    const button = (action) => this.memberDialog.querySelector('[data-member-action="' + action + '"]');
    // Only one of Mute and Unmute at a time, so each name means one thing.
    this.memberDialog.querySelector(".mute-row").hidden = muted;
    button("unmute").hidden = !muted;
    button("readmit").hidden = !state.removed;
    button("remove").hidden = state.removed;
  }

  renderMemberNotes() {
    const notes = [...this.notes.values()].filter((n) => n.pseudonym === this.memberName);
    const list = document.getElementById("member-notes");
    list.replaceChildren(...notes.map((n) => el("li", {},
      el("span", { className: "meta", text: (n.by || "Facilitator") + ", " + formatTime(n.at) + ": " }),
      document.createTextNode(n.text))));
    if (!notes.length) list.append(el("li", { className: "meta", text: "No notes yet." }));
  }

  wireMemberDialog() {
    const dialog = this.memberDialog;
    dialog.addEventListener("close", () => {
      if (this.memberOpener && document.contains(this.memberOpener)) this.memberOpener.focus();
    });
    dialog.querySelectorAll("[data-member-action]").forEach((button) => {
      button.addEventListener("click", () => this.memberAction(button.dataset.memberAction));
    });
  }

  async memberAction(action) {
    const pseudonym = this.memberName;
    const state = this.memberState(pseudonym);
    const frame = { type: "moderate", action, pseudonym };
    if (action === "mute") {
      const minutes = Number.parseInt(document.getElementById("mute-minutes").value, 10);
      if (!(minutes >= 1 && minutes <= 1440)) {
        document.getElementById("member-state").textContent = "Choose between 1 and 1440 minutes.";
        return;
      }
      frame.minutes = minutes;
      if (this.act(frame)) {
        state.mutedUntil = Date.now() + minutes * 60000;
        this.say(pseudonym + " is muted for " + minutes + " minutes.");
      }
    } else if (action === "unmute") {
      if (this.act(frame)) {
        state.mutedUntil = 0;
        this.say(pseudonym + " can post again.");
      }
    } else if (action === "send_crisis_card") {
      if (this.act(frame)) this.say("Crisis card sent to " + pseudonym + ".");
    } else if (action === "readmit") {
      if (this.act(frame)) {
        state.removed = false;
        this.say(pseudonym + " can come back into this session.");
      }
    } else if (action === "note") {
      dialog_close(this.memberDialog);
      const values = await ask({
        title: "Private note on " + pseudonym,
        text: "Only the group's facilitators and coordinators can read it. It is never in a transcript.",
        fields: [{ name: "text", label: "Note", kind: "textarea", max: 2000, required: true }],
        confirm: "Save note",
      });
      if (values !== null && values.text.trim()) this.act({ ...frame, text: values.text.trim() });
      return;
    } else if (action === "remove" || action === "ban") {
      dialog_close(this.memberDialog);
      const values = await ask(action === "remove"
        ? { title: "Remove " + pseudonym + " from this session?", text: "Their connection closes and they cannot come back in until the session ends or you let them back in." }
        : { title: "Ban " + pseudonym + " from the group?", text: "They can no longer take part in this group. A coordinator can undo this." });
      if (values === null || !this.act(frame)) return;
      if (action === "remove") state.removed = true;
      this.say(pseudonym + (action === "remove" ? " was removed from this session." : " was banned from the group."));
      return;
    }
    this.renderMember();
    dialog_close(this.memberDialog);
  }

  // --- phone tabs -----------------------------------------------------------------

  wireTabs() {
    const tabs = [document.getElementById("tab-chat"), document.getElementById("tab-console")];
    if (!tabs[0]) return;
    tabs[0].addEventListener("click", () => this.selectTab("chat"));
    tabs[1].addEventListener("click", () => this.selectTab("console"));
    tabs.forEach((tab, index) => tab.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
      const other = tabs[1 - index];
      this.selectTab(other.id === "tab-chat" ? "chat" : "console");
      other.focus();
    }));
    this.selectTab("chat");
  }

  selectTab(which) {
    const room = document.getElementById("room");
    room.dataset.view = which;
    for (const [id, name] of [["tab-chat", "chat"], ["tab-console", "console"]]) {
      const tab = document.getElementById(id);
      tab.setAttribute("aria-selected", String(name === which));
      tab.tabIndex = name === which ? 0 : -1;
    }
  }
}

function dialog_close(dialog) {
  if (dialog.open) dialog.close();
}
