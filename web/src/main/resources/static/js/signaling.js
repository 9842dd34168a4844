// WebSocket client for the Junction signaling protocol (PROTOCOL.md, version 1).
// Reconnects with exponential backoff; the owner rejoins on "open".

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;

/** Emits "open", "close" (detail: {delayMs}) and "message" (detail: parsed object). */
export class Signaling extends EventTarget {
  constructor(url) {
    super();
    this.url = url;
    this.ws = null;
    this.attempt = 0;
    this.stopped = false;
    this.timer = null;
  }

  get connected() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  connect() {
    this.stopped = false;
    clearTimeout(this.timer);
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.dispatchEvent(new Event('open'));
    };
    ws.onmessage = (ev) => {
      let msg;
      try { msg = JSON.parse(ev.data); } catch { return; }
      if (msg && typeof msg.type === 'string') {
        this.dispatchEvent(new CustomEvent('message', { detail: msg }));
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      const delayMs = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempt);
      this.attempt++;
      this.dispatchEvent(new CustomEvent('close', { detail: { delayMs } }));
      this.timer = setTimeout(() => this.connect(), delayMs);
    };
  }

  /**
   * Continues at another server (a cluster's "redirect"): closes this socket without the
   * reconnect back-off and connects to url; "open" fires again there.
   */
  moveTo(url) {
    const old = this.ws;
    this.ws = null;
    this.url = url;
    this.attempt = 0;
    if (old) old.close();
    this.connect();
  }

  /** Sends one protocol object; returns false when the socket is not open. */
  send(obj) {
    if (!this.connected) return false;
    this.ws.send(JSON.stringify(obj));
    return true;
  }

  close() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.ws) this.ws.close();
    this.ws = null;
  }
}
