// The message list: posted messages in seq order, one's own marked, times shown, and the
// actions on each message (Report and Delete for members, Hide for facilitators). Pending
// (sending or held) messages of one's own sit at the end until they are decided.

import { el } from "./dialogs.js";

const REPORT_KINDS = [
  ["worried", "I'm worried about this person"],
  ["abuse", "This is abusive"],
  ["boundary", "Boundary"],
];

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });

export function formatTime(iso) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const sameDay = at.toDateString() === new Date().toDateString();
  return (sameDay ? timeFormat : dayFormat).format(at);
}

export class MessageList {
  constructor({ list, isFacilitator, act, onMember }) {
    this.list = list;
    this.isFacilitator = isFacilitator;
    this.act = act;            // act(frame): send a frame to the server
    this.onMember = onMember;  // onMember(pseudonym, opener): open a member's actions
    this.me = null;
    this.lastSeq = null;       // highest seq shown; null until the first sync
    this.openMenu = null;
    document.addEventListener("click", (event) => {
      if (this.openMenu && !this.openMenu.contains(event.target)) this.closeMenu(false);
    });
  }

  setMe(pseudonym) {
    this.me = pseudonym;
  }

  atBottom() {
    return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 48;
  }

  // Returns true when the message was new to this page.
  add(frame) {
    if (this.lastSeq !== null && frame.seq <= this.lastSeq) return false;
    const stick = this.atBottom();
    this.lastSeq = frame.seq;
    const own = this.me !== null && frame.author.pseudonym === this.me;
    const item = el("li", {
      className: ["message", frame.author.role, own ? "own" : ""].join(" ").trim(),
      dataset: { seq: String(frame.seq) },
      tabindex: "-1",
    });
    const head = el("div", { className: "message-head" });
    const name = frame.author.pseudonym + (own ? " (you)" : "") +
      (frame.author.role === "facilitator" ? " · facilitator" : "");
    if (this.isFacilitator && !own && frame.author.role !== "facilitator") {
      head.append(el("button", {
        type: "button", className: "who link", "aria-haspopup": "dialog", text: name,
        onclick: (event) => this.onMember(frame.author.pseudonym, event.currentTarget),
      }));
    } else {
      head.append(el("span", { className: "who", text: name }));
    }
    head.append(el("time", { datetime: frame.at, text: formatTime(frame.at) }));
    item.append(head, el("p", { className: "text", text: frame.text }), this.actions(frame, own));
    this.insertBeforePending(item);
    if (stick || own) this.list.scrollTop = this.list.scrollHeight;
    return true;
  }

  actions(frame, own) {
    const bar = el("div", { className: "message-actions" });
    if (own) {
      bar.append(el("button", {
        type: "button", className: "small secondary", text: "Delete",
        onclick: () => this.act({ type: "delete", seq: frame.seq }),
      }));
    } else {
      bar.append(this.reportMenu(frame));
    }
    if (this.isFacilitator) {
      bar.append(el("button", {
        type: "button", className: "small secondary", text: "Hide",
        onclick: () => this.act({ type: "moderate", action: "hide", seq: frame.seq, reason: "" }),
      }));
    }
    return bar;
  }

  reportMenu(frame) {
    const wrap = el("div", { className: "menu-wrap" });
    const menuId = "report-menu-" + frame.seq;
    const button = el("button", {
      type: "button", className: "small secondary", text: "Report",
      "aria-haspopup": "menu", "aria-expanded": "false", "aria-controls": menuId,
    });
    // Not a list: "#messages li" stays one item per message.
    const menu = el("div", { role: "menu", id: menuId, className: "menu", hidden: true, "aria-label": "Report" });
    for (const [kind, label] of REPORT_KINDS) {
      menu.append(el("button", {
        type: "button", role: "menuitem", tabindex: "-1", text: label,
        onclick: () => {
          this.act({ type: "report", seq: frame.seq, kind });
          this.closeMenu(true);
          this.setReportState(frame.seq, "Sending your report…");
        },
      }));
    }
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      if (this.openMenu === wrap) { this.closeMenu(true); return; }
      this.closeMenu(false);
      menu.hidden = false;
      button.setAttribute("aria-expanded", "true");
      this.openMenu = wrap;
      menu.querySelector("[role=menuitem]").focus();
    });
    menu.addEventListener("keydown", (event) => {
      const items = [...menu.querySelectorAll("[role=menuitem]")];
      const at = items.indexOf(document.activeElement);
      if (event.key === "Escape") { event.preventDefault(); this.closeMenu(true); }
      else if (event.key === "ArrowDown") { event.preventDefault(); items[(at + 1) % items.length].focus(); }
      else if (event.key === "ArrowUp") { event.preventDefault(); items[(at - 1 + items.length) % items.length].focus(); }
      else if (event.key === "Home") { event.preventDefault(); items[0].focus(); }
      else if (event.key === "End") { event.preventDefault(); items[items.length - 1].focus(); }
      else if (event.key === "Tab") { this.closeMenu(false); }
    });
    wrap.append(button, menu);
    return wrap;
  }

  closeMenu(returnFocus) {
    const wrap = this.openMenu;
    if (!wrap) return;
    this.openMenu = null;
    const button = wrap.querySelector("[aria-haspopup=menu]");
    wrap.querySelector("[role=menu]").hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (returnFocus) button.focus();
  }

  setReportState(seq, text) {
    const item = this.find(seq);
    if (!item) return;
    let line = item.querySelector(".report-state");
    if (!line) {
      line = el("p", { className: "report-state", role: "status" });
      item.append(line);
    }
    line.textContent = text;
  }

  reported(frame) {
    this.setReportState(frame.seq, "Thank you. A facilitator has been told and will look at it.");
  }

  find(seq) {
    return this.list.querySelector('li.message[data-seq="' + Number(seq) + '"]');
  }

  remove(seq, reason) {
    const item = this.find(seq);
    if (!item) return;
    if (item.contains(document.activeElement)) this.list.focus();
    item.remove();
    return reason;
  }

  // Scroll to a message and put focus on it (the console's "Show in chat").
  show(seq) {
    const item = this.find(seq);
    if (!item) return false;
    item.scrollIntoView({ block: "center" });
    item.classList.add("highlight");
    setTimeout(() => item.classList.remove("highlight"), 2500);
    item.focus();
    return true;
  }

  insertBeforePending(item) {
    const firstPending = this.list.querySelector("li.pending");
    if (firstPending) this.list.insertBefore(item, firstPending);
    else this.list.append(item);
  }

  // One's own message that is sending, held for a facilitator, or not posted (the text of
  // an item already shown is kept when ``text`` is null).
  pendingItem(key, text) {
    let item = this.list.querySelector('li.pending[data-key="' + CSS.escape(key) + '"]');
    if (!item) {
      item = el("li", { className: "pending own", dataset: { key } },
        el("p", { className: "pending-state" }),
        el("p", { className: "text", text: text || "" }),
        el("p", { className: "pending-reason" }));
      this.list.append(item);
      this.list.scrollTop = this.list.scrollHeight;
    }
    return item;
  }

  setPending(key, text, state, reason) {
    const item = this.pendingItem(key, text);
    item.dataset.state = state;
    const labels = {
      sending: "Sending…",
      held: "Waiting for a facilitator",
      rejected: "Not posted",
      failed: "Not sent",
    };
    item.querySelector(".pending-state").textContent = labels[state] || state;
    item.querySelector(".pending-reason").textContent = reason || "";
    return item;
  }

  dropPending(key) {
    const item = this.list.querySelector('li.pending[data-key="' + CSS.escape(key) + '"]');
    if (item) item.remove();
  }
}
