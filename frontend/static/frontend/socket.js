// The room socket: connect, stay connected, and come back quickly after a drop.
//
// Reconnects at once when the browser says the network is back (`online`) or the tab
// becomes visible again, treats a socket that missed two heartbeats as dead (a cut cable
// or a sleeping laptop never fires `close`), and otherwise backs off with jitter so a
// server restart is not met by every client at the same instant.

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15000;
// A connection attempt that has not opened by then is given up and tried again.
const CONNECT_TIMEOUT_MS = 10000;
// Close codes after which reconnecting cannot help.
const FINAL_CODES = new Set([4401, 4403, 4000, 4409, 4429]);

export class RoomSocket {
  constructor({ url, onFrame, onState, heartbeatSeconds = 15 }) {
    this.url = url;
    this.onFrame = onFrame;
    this.onState = onState;
    this.deadAfterMs = heartbeatSeconds * 1000 * 2 + 2000;
    this.socket = null;
    this.backoff = FIRST_DELAY_MS;
    this.retryTimer = null;
    this.watchdog = null;
    this.stopped = false;
    window.addEventListener("online", () => this.reconnectNow());
    window.addEventListener("offline", () => this.onState("reconnecting"));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.checkAlive();
    });
  }

  connect() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.abandon(), CONNECT_TIMEOUT_MS);
    socket.addEventListener("open", () => this.feedWatchdog());
    socket.addEventListener("message", (event) => {
      if (socket !== this.socket) return;
      this.feedWatchdog();
      let frame;
      try { frame = JSON.parse(event.data); } catch (err) { return; }
      if (frame.type === "welcome") this.backoff = FIRST_DELAY_MS;
      this.onFrame(frame);
    });
    socket.addEventListener("close", (event) => {
      if (socket !== this.socket) return;  // an old socket we already gave up on
      clearTimeout(this.watchdog);
      this.socket = null;
      if (FINAL_CODES.has(event.code)) {
        this.stopped = true;
        this.onState("closed", event.code);
        return;
      }
      this.onState("reconnecting");
      this.scheduleRetry();
    });
  }

  scheduleRetry() {
    if (this.retryTimer || this.stopped) return;
    // Full jitter: anywhere up to the current backoff, never less than a quarter of it.
    const delay = this.backoff * (0.25 + 0.75 * Math.random());
    this.backoff = Math.min(this.backoff * 2, MAX_DELAY_MS);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  // The server sends a heartbeat every interval; silence for two of them means the socket
  // is dead even though the browser has not noticed.
  feedWatchdog() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.abandon(), this.deadAfterMs);
  }

  abandon() {
    const old = this.socket;
    this.socket = null;
    clearTimeout(this.watchdog);
    if (old) {
      try { old.close(); } catch (err) { /* already closing */ }
    }
    if (this.stopped) return;
    this.onState("reconnecting");
    this.connect();
  }

  reconnectNow() {
    if (this.stopped) return;
    this.backoff = FIRST_DELAY_MS;
    if (this.socket) {
      // The network changed under this socket: an open one may be a zombie, and an attempt
      // begun while offline may hang for a long time. Start afresh rather than wait.
      this.abandon();
      return;
    }
    this.connect();
  }

  checkAlive() {
    if (this.stopped) return;
    if (!this.socket) this.reconnectNow();
  }

  send(frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }
}
