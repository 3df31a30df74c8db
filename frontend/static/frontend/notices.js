// Notices that clear when their cause ends. Each notice has a slot (the session, the
// facilitator's presence, the room's state, this member's mute, one-off news); a newer
// notice in a slot replaces the older one, and the event that ends a cause clears its slot.

import { el } from "./dialogs.js";

const SLOT_OF = {
  lobby: "session",
  session_ended: "session",
  session_opened: "info",
  no_facilitator: "facilitator",
  facilitator_here: "facilitator",
  room_paused: "room",
  room_resumed: "room",
  room_slow_mode: "room",
  muted: "mute",
  unmuted: "mute",
};
// Notices whose news is that a cause has ended: shown briefly, then gone.
const PASSING = new Set(["facilitator_here", "room_resumed", "unmuted", "session_opened"]);
const ORDER = ["session", "facilitator", "room", "mute", "info"];
const PASSING_MS = 6000;
const CLOSED_TEXT = "The room is closed until a facilitator opens a session.";
const PAUSED_TEXT = "The facilitator has paused the room for a moment.";

export class Notices {
  constructor({ region, onCleared }) {
    this.region = region;
    this.onCleared = onCleared;  // a cause that held the member back has ended
    this.slots = new Map();      // slot -> {code, text}
    this.timers = new Map();
  }

  set(slot, code, text, { until = null, passing = false } = {}) {
    clearTimeout(this.timers.get(slot));
    this.timers.delete(slot);
    this.slots.set(slot, { code, text });
    if (passing) this.timers.set(slot, setTimeout(() => this.clear(slot), PASSING_MS));
    if (until) {
      const ms = new Date(until).getTime() - Date.now();
      if (ms > 0 && ms < 2 ** 31) this.timers.set(slot, setTimeout(() => this.expire(slot), ms + 500));
    }
    this.render();
  }

  clear(slot) {
    clearTimeout(this.timers.get(slot));
    this.timers.delete(slot);
    if (this.slots.delete(slot)) this.render();
  }

  clearAll() {
    for (const slot of [...this.slots.keys()]) this.clear(slot);
  }

  expire(slot) {
    this.clear(slot);
    if (slot === "mute") {
      this.set("mute", "unmuted", "You can post again.", { passing: true });
      this.onCleared();
    }
  }

  welcome(frame) {
    if (frame.session) {
      if (this.slots.has("session")) this.clear("session");
    } else {
      this.set("session", "closed", CLOSED_TEXT);
    }
    const room = frame.room || {};
    if (room.paused) this.set("room", "room_paused", PAUSED_TEXT);
    else if (this.slots.get("room") && this.slots.get("room").code === "room_paused") this.clear("room");
    if (room.facilitator_present) this.clear("facilitator");
    const mutedUntil = frame.you && frame.you.muted_until;
    if (mutedUntil && new Date(mutedUntil).getTime() > Date.now()) {
      const at = new Date(mutedUntil).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      this.set("mute", "muted", "A facilitator has paused your messages until " + at + ".", { until: mutedUntil });
    } else if (this.slots.get("mute") && this.slots.get("mute").code === "muted") {
      this.clear("mute");
    }
  }

  notice(frame) {
    const code = frame.code || "info";
    const slot = SLOT_OF[code] || "info";
    if (code === "session_opened") this.clear("session");
    if (code === "room_slow_mode" && !/\d/.test(frame.text || "")) {
      this.set(slot, code, frame.text || "", { passing: true });
      this.onCleared();
      return;
    }
    this.set(slot, code, frame.text || frame.detail || "", {
      until: frame.until || null,
      passing: PASSING.has(code),
    });
    if (PASSING.has(code)) this.onCleared();
  }

  render() {
    const shown = ORDER.filter((slot) => this.slots.has(slot)).map((slot) => {
      const { code, text } = this.slots.get(slot);
      return el("p", { className: "notice", dataset: { code, slot }, text });
    });
    this.region.replaceChildren(...shown);
    this.region.hidden = shown.length === 0;
  }
}
