// DOM rendering: participant tiles, chat log, notices, status line.

const $ = (id) => document.getElementById(id);

/** One video tile per remote participant, keyed by participant id. */
export class TileGrid {
  constructor(grid) {
    this.grid = grid;
    this.tiles = new Map();
    this.speaker = null; // participant id of the room's dominant speaker, or null
  }

  ids() { return [...this.tiles.keys()]; }

  ensure(id, name) {
    let tile = this.tiles.get(id);
    if (!tile) {
      tile = this.create(id);
      this.tiles.set(id, tile);
      tile.root.classList.toggle('speaking', id === this.speaker);
      this.grid.append(tile.root);
    }
    if (name !== undefined) tile.label.textContent = name || id;
    return tile;
  }

  create(id) {
    const root = document.createElement('figure');
    root.className = 'tile';
    root.dataset.peerId = id;
    root.dataset.video = 'off';
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    const audio = document.createElement('audio');
    audio.autoplay = true;
    const placeholder = document.createElement('div');
    placeholder.className = 'placeholder';
    placeholder.textContent = 'No video';
    const label = document.createElement('figcaption');
    label.className = 'label';
    label.textContent = id;
    const badges = document.createElement('div');
    badges.className = 'badges';
    const badge = (text, cls) => {
      const b = document.createElement('span');
      b.className = `badge ${cls}`;
      b.textContent = text;
      b.hidden = true;
      badges.append(b);
      return b;
    };
    const micBadge = badge('mic off', 'mic-muted');
    const camBadge = badge('camera off', 'cam-muted');
    const screenBadge = badge('screen', 'screen');
    const stats = document.createElement('pre');
    stats.className = 'stats';
    stats.setAttribute('aria-hidden', 'true');
    root.append(video, audio, placeholder, label, badges, stats);
    video.setAttribute('aria-label', 'video');
    return { root, video, audio, label, micBadge, camBadge, screenBadge, stats,
             stream: new MediaStream() };
  }

  /** Attaches a remote track to participant `id`'s tile. */
  addTrack(id, track) {
    const tile = this.ensure(id);
    for (const old of tile.stream.getTracks().filter((t) => t.kind === track.kind)) {
      tile.stream.removeTrack(old);
    }
    tile.stream.addTrack(track);
    const el = track.kind === 'video' ? tile.video : tile.audio;
    el.srcObject = new MediaStream(tile.stream.getTracks().filter((t) => t.kind === track.kind));
    el.play().catch(() => {});
    if (track.kind === 'video') tile.root.dataset.video = 'on';
    const gone = () => this.dropTrack(id, track);
    track.addEventListener('ended', gone);
  }

  dropTrack(id, track) {
    const tile = this.tiles.get(id);
    if (!tile || !tile.stream.getTracks().includes(track)) return;
    tile.stream.removeTrack(track);
    if (track.kind === 'video') {
      tile.video.srcObject = null;
      tile.root.dataset.video = 'off';
    } else {
      tile.audio.srcObject = null;
    }
  }

  hasMedia(id) {
    const tile = this.tiles.get(id);
    return !!tile && tile.stream.getTracks().length > 0;
  }

  setMuted(id, kind, muted) {
    const tile = this.ensure(id);
    if (kind === 'video') {
      tile.root.dataset.videoMuted = String(muted);
      tile.camBadge.hidden = !muted;
    } else if (kind === 'audio') {
      tile.root.dataset.audioMuted = String(muted);
      tile.micBadge.hidden = !muted;
    }
  }

  setSharing(id, sharing) {
    const tile = this.ensure(id);
    tile.root.dataset.screen = String(sharing);
    tile.screenBadge.hidden = !sharing;
  }

  /** Marks the dominant speaker's tile (or the self view when `self`); null clears. */
  setSpeaker(id, self = false) {
    this.speaker = id;
    for (const [tileId, tile] of this.tiles) tile.root.classList.toggle('speaking', tileId === id);
    document.querySelector('.self')?.classList.toggle('speaking', self && id !== null);
  }

  setStats(id, text) {
    const tile = this.tiles.get(id);
    if (tile) tile.stats.textContent = text;
  }

  remove(id) {
    const tile = this.tiles.get(id);
    if (!tile) return;
    tile.video.srcObject = null;
    tile.audio.srcObject = null;
    tile.root.remove();
    this.tiles.delete(id);
  }

  clear() {
    for (const id of this.ids()) this.remove(id);
    this.setSpeaker(null);
  }
}

/** Appends a chat line: time, sender name, text (text is never parsed as HTML). */
export function addChatLine(log, name, text, when = new Date()) {
  const li = document.createElement('li');
  const meta = document.createElement('span');
  meta.className = 'meta';
  const time = document.createElement('time');
  time.dateTime = when.toISOString();
  time.textContent = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  meta.append(time, ` ${name}:`);
  li.append(meta, document.createTextNode(text));
  log.append(li);
  li.scrollIntoView({ block: 'nearest' });
}

/** Shows an on-page message; kind "error" (default) or "info"; empty text hides it. */
export function notify(text, kind = 'error') {
  const el = $('notice');
  el.textContent = text || '';
  el.className = kind === 'info' ? 'notice info' : 'notice';
  el.hidden = !text;
}

export function setStatus(text) {
  $('status').textContent = text;
}

/** Sets a toggle button's pressed state and label. */
export function setPressed(button, pressed, label) {
  button.setAttribute('aria-pressed', String(pressed));
  button.textContent = label;
}
