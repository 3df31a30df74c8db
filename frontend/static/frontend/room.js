// The room client: connect, sync from the last seq held, stay live, reconnect and catch up.
// Text is only ever inserted with textContent, never as HTML (no stored XSS).
(function () {
  "use strict";
  const root = document.getElementById("room");
  if (!root) return;
  const slug = root.dataset.slug;
  const list = document.getElementById("messages");
  const status = document.getElementById("connection");
  const notice = document.getElementById("notice");
  const typingLine = document.getElementById("typing");
  const here = document.getElementById("here");
  const form = document.getElementById("composer");
  const box = document.getElementById("message");
  const sendError = document.getElementById("send-error");
  const helpButton = document.getElementById("help-button");
  const helpDialog = document.getElementById("help-dialog");

  let socket = null;
  let lastSeq = null;          // highest seq shown; null until the first sync
  let backoff = 500;
  let typingTimer = null;
  let lastTypingSent = 0;
  const pending = new Map();   // client_id -> {text, element}: resent after a reconnect

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  function showNotice(text) {
    notice.textContent = text || "";
    notice.hidden = !text;
  }

  function renderMessage(frame) {
    if (lastSeq !== null && frame.seq <= lastSeq) return;
    lastSeq = frame.seq;
    const item = document.createElement("li");
    item.className = frame.author.role;
    item.dataset.seq = frame.seq;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = frame.author.pseudonym + (frame.author.role === "facilitator" ? " (facilitator)" : "");
    const text = document.createElement("span");
    text.textContent = frame.text;
    item.append(who, text);
    list.append(item);
    list.scrollTop = list.scrollHeight;
  }

  function renderPending(clientId, textValue) {
    const item = document.createElement("li");
    item.className = "pending";
    item.textContent = "Sending: " + textValue;
    list.append(item);
    return item;
  }

  function resourceLine(r) {
    const parts = [r.name];
    if (r.phone) parts.push("call " + r.phone);
    if (r.text) parts.push(r.text);
    if (r.hours) parts.push(r.hours);
    return parts.join(" · ");
  }

  // The crisis card: shown to the author alone, in the help dialog, with their region's lines.
  function showCrisisCard(resources, note) {
    const listEl = helpDialog.querySelector("ul");
    listEl.replaceChildren(...resources.map(function (r) {
      const li = document.createElement("li");
      li.textContent = resourceLine(r);
      return li;
    }));
    const intro = helpDialog.querySelector("p");
    intro.textContent = note || ("It sounds like things are really hard right now. You don't have " +
      "to go through this alone: these lines are free and confidential. If you are in danger " +
      "right now, call your local emergency number.");
    if (!helpDialog.open) helpDialog.showModal();
  }

  // Facilitators' queue: flags and held messages, newest last.
  function queueItem(frame) {
    const queue = document.getElementById("queue");
    if (!queue) return;
    queue.hidden = false;
    const li = document.createElement("li");
    if (frame.type === "flag") {
      li.textContent = "Flag: " + frame.category + (frame.severity ? " (" + frame.severity + ")" : "") +
        (frame.seq ? " on message " + frame.seq : " on a held message");
      if (frame.severity === "urgent") li.className = "urgent";
    } else {
      li.textContent = "Held (" + frame.reason + ") from " + frame.author.pseudonym + ": " + frame.text;
    }
    queue.querySelector("ol").append(li);
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function onFrame(frame) {
    switch (frame.type) {
      case "welcome":
        backoff = 500;
        setStatus("open", "Connected as " + frame.you.pseudonym);
        showNotice(frame.session ? "" : "The room is closed until a facilitator opens a session.");
        send({ type: "sync", after_seq: lastSeq });
        break;
      case "message":
        renderMessage(frame);
        break;
      case "synced":
        if (lastSeq === null || frame.last_seq > lastSeq) lastSeq = frame.last_seq;
        if (!frame.complete) {
          send({ type: "sync", after_seq: frame.last_seq });
        } else {
          // Caught up: anything typed while offline goes out now, with its original id,
          // so a send that did reach the server is never posted twice.
          for (const [clientId, entry] of pending) send({ type: "send", client_id: clientId, text: entry.text });
        }
        break;
      case "ack": {
        const entry = pending.get(frame.client_id);
        if (entry) {
          if (frame.status === "posted") entry.element.remove();
          else if (frame.status === "held") entry.element.textContent = "Waiting for a facilitator: " + entry.text;
          else entry.element.textContent = "Not sent: " + (frame.reason || "this message can't be posted");
          pending.delete(frame.client_id);
        }
        break;
      }
      case "error":
        if (frame.client_id && pending.has(frame.client_id)) {
          const entry = pending.get(frame.client_id);
          entry.element.textContent = "Not sent: " + entry.text;
          pending.delete(frame.client_id);
        }
        sendError.textContent = frame.detail;
        break;
      case "presence":
        here.replaceChildren(...frame.here.map(function (p) {
          const li = document.createElement("li");
          li.textContent = p.pseudonym + (p.role === "facilitator" ? " (facilitator)" : "");
          return li;
        }));
        break;
      case "typing":
        typingLine.textContent = frame.pseudonym + " is typing…";
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { typingLine.textContent = ""; }, 4000);
        break;
      case "heartbeat":
        if (lastSeq !== null && frame.last_seq > lastSeq) send({ type: "sync", after_seq: lastSeq });
        break;
      case "crisis_resources":
        showCrisisCard(frame.resources, frame.note);
        break;
      case "flag":
      case "held":
        queueItem(frame);
        break;
      case "notice":
        showNotice(frame.text || frame.detail || "");
        break;
      default:
        break;
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws/groups/" + encodeURIComponent(slug) + "/");
    socket.addEventListener("message", function (event) {
      try { onFrame(JSON.parse(event.data)); } catch (err) { /* ignore a frame we cannot read */ }
    });
    socket.addEventListener("close", function (event) {
      if (event.code === 4401) { location.href = "/login/?next=" + encodeURIComponent(location.pathname); return; }
      if (event.code === 4403) { setStatus("closed", "You can't enter this room."); return; }
      setStatus("reconnecting", "Reconnecting…");
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 15000);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const textValue = box.value;
    if (!textValue.trim()) return;
    sendError.textContent = "";
    const clientId = crypto.randomUUID();
    pending.set(clientId, { text: textValue, element: renderPending(clientId, textValue) });
    send({ type: "send", client_id: clientId, text: textValue });
    box.value = "";
    box.focus();
  });

  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); return; }
    const now = Date.now();
    if (now - lastTypingSent > 3000) { lastTypingSent = now; send({ type: "typing" }); }
  });

  helpButton.addEventListener("click", function () { helpDialog.showModal(); });

  connect();
})();
