// One joined room: peer connections (sfu: one to the server; p2p: one per peer),
// tiles, names, mute/screen state broadcast.
import { PeerLink } from './peer.js';

const NEGOTIATION = new Set(['offer', 'answer', 'candidate']);
/** sfu rooms: at most this many peers get receive sections in the first offer; the server offers the rest. */
const MAX_RECEIVE_SLOTS_AT_JOIN = 6;

/** The state of one room membership; created on `joined`, closed on leave/bye/disconnect. */
export class Call {
  constructor({ signaling, tiles, localStream, events, simulcast = false }) {
    this.simulcast = simulcast; // sfu: publish the camera as three rid layers
    this.signaling = signaling;
    this.tiles = tiles;
    this.localStream = localStream;
    this.events = events; // {chat(from, name, text), error(text), state(text), firstFrame()}
    this.links = new Map(); // link key ("sfu" or peer id) -> PeerLink
    this.names = new Map(); // participant id -> display name
    this.trackOwner = new Map(); // receiver track id -> participant id
    this.muted = { audio: false, video: false };
    this.sharing = false;
    this.chatChannel = null; // sfu rooms: the room-wide "chat" data channel (PROTOCOL.md, "Data channels")
    this.viaChannel = { sent: 0, received: 0 };
    this.speaker = null; // sfu: the room's dominant speaker (PROTOCOL.md "speaker")
  }

  start(joined) {
    this.room = joined.room;
    this.id = joined.id;
    this.mode = joined.mode === 'p2p' ? 'p2p' : 'sfu';
    this.config = { iceServers: joined.iceServers || [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' };
    for (const p of joined.peers || []) this.addPeer(p.id, p.name);
    if (this.mode === 'sfu') {
      const link = this.createLink('sfu', true);
      // Receive sections for the media of the participants already here (two per peer, bounded);
      // one pair when there is nothing to send, so the first offer always has a media section.
      const peers = Math.min((joined.peers || []).length, MAX_RECEIVE_SLOTS_AT_JOIN);
      link.publishToServer(this.localStream, this.localStream.getTracks().length > 0 ? peers : Math.max(peers, 1),
        { simulcast: this.simulcast });
      // In the first offer, which never crosses a server offer (join with offerFirst): Chromium
      // leaves a data channel whose introducing offer was rolled back out of every later offer.
      this.openChatChannel(link.pc);
    } else {
      for (const p of joined.peers || []) this.createLink(p.id, false).publish(this.localStream);
    }
  }

  addPeer(id, name) {
    this.names.set(id, name || id);
    this.tiles.ensure(id, name || id);
  }

  createLink(key, polite) {
    const to = key === 'sfu' ? undefined : key;
    const link = new PeerLink({
      polite,
      config: this.config,
      send: (data) => this.send(data, to),
      onTrack: (track, streams) => this.onTrack(key === 'sfu' ? streams[0]?.id : key, track, streams[0]),
      onState: () => this.events.state(this.mediaState()),
      onError: (err) => this.events.error(`Negotiation failed: ${err.message || err}`),
    });
    this.links.set(key, link);
    return link;
  }

  /**
   * Chat, mute and screen notices go over the "chat" data channel once it is open; the server
   * relays them to the others wrapped as {"from": id, "data": "<our JSON>"}. Until then, and for
   * targeted notices, signaling carries them.
   */
  openChatChannel(pc) {
    const ch = pc.createDataChannel('chat');
    ch.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let env;
      let data;
      try {
        env = JSON.parse(ev.data);
        data = typeof env.data === 'string' ? JSON.parse(env.data) : null;
      } catch {
        return;
      }
      if (!env || typeof env.from !== 'string' || !data || typeof data.type !== 'string') return;
      if (NEGOTIATION.has(data.type)) return;
      this.viaChannel.received++;
      this.onData(env.from, data);
    };
    this.chatChannel = ch;
  }

  /** Sends a room-wide notice: on the data channel when open, else through signaling. */
  broadcast(data) {
    const ch = this.chatChannel;
    if (ch && ch.readyState === 'open') {
      ch.send(JSON.stringify(data));
      this.viaChannel.sent++;
    } else {
      this.send(data);
    }
  }

  /**
   * sfu: which simulcast layer of `publisher`'s video to receive (PROTOCOL.md "Simulcast and layer
   * preferences (1.5)"): at most `maxHeight` lines (null: no limit), or none while `paused`.
   */
  prefer(publisher, maxHeight, paused = false) {
    if (this.mode === 'sfu') this.send({ type: 'preference', publisher, maxHeight: maxHeight ?? null, paused });
  }

  send(data, to) {
    const msg = { type: 'message', room: this.room, data };
    if (to) msg.to = to;
    this.signaling.send(msg);
  }

  /** Handles one server message while in the room. */
  handle(msg) {
    if (msg.type === 'otherjoin') {
      this.addPeer(msg.id, msg.name);
      if (this.muted.audio) this.send({ type: 'mute', kind: 'audio', muted: true }, msg.id);
      if (this.muted.video) this.send({ type: 'mute', kind: 'video', muted: true }, msg.id);
      if (this.sharing) this.send({ type: 'screen', sharing: true }, msg.id);
    } else if (msg.type === 'speaker') {
      this.speaker = typeof msg.id === 'string' ? msg.id : null;
      this.tiles.setSpeaker(this.speaker, this.speaker === this.id);
    } else if (msg.type === 'bye') {
      this.removePeer(msg.id);
    } else if (msg.type === 'message' && msg.data && typeof msg.data.type === 'string') {
      this.onData(msg.from, msg.data);
    }
  }

  onData(from, data) {
    if (NEGOTIATION.has(data.type)) {
      const key = this.mode === 'sfu' ? 'sfu' : from;
      if (this.mode === 'sfu' && from !== 'sfu') return;
      let link = this.links.get(key);
      if (!link && this.mode === 'p2p' && data.type === 'offer') {
        link = this.createLink(key, true);
        link.publishOnFirstOffer(this.localStream);
      }
      if (link) link.handle(data);
    } else if (data.type === 'chat' && typeof data.text === 'string') {
      this.events.chat(from, this.names.get(from) || from, data.text);
    } else if (data.type === 'mute' && (data.kind === 'audio' || data.kind === 'video')) {
      this.tiles.setMuted(from, data.kind, data.muted === true);
    } else if (data.type === 'screen') {
      this.tiles.setSharing(from, data.sharing === true);
    }
  }

  onTrack(owner, track, stream) {
    if (!owner) return;
    const previous = this.trackOwner.get(track.id);
    if (previous && previous !== owner) this.tiles.dropTrack(previous, track);
    this.trackOwner.set(track.id, owner);
    this.tiles.ensure(owner, this.names.get(owner));
    this.tiles.addTrack(owner, track);
    if (stream) {
      stream.addEventListener('removetrack', (ev) => {
        if (this.trackOwner.get(ev.track.id) === owner) this.tiles.dropTrack(owner, ev.track);
      });
    }
    if (track.kind === 'video') this.events.firstFrame(this.tiles.ensure(owner).video);
  }

  removePeer(id) {
    this.names.delete(id);
    this.tiles.remove(id);
    const link = this.links.get(id);
    if (link) {
      link.close();
      this.links.delete(id);
    }
  }

  sendChat(text) {
    this.broadcast({ type: 'chat', text });
  }

  setMuted(kind, muted) {
    this.muted[kind] = muted;
    for (const t of this.localStream.getTracks()) if (t.kind === kind) t.enabled = !muted;
    this.broadcast({ type: 'mute', kind, muted });
  }

  /** Sends `track` (screen or camera) on every video sender, adding one when there is none. */
  async useVideoTrack(track, sharing) {
    for (const link of this.links.values()) {
      const sender = link.videoSender();
      if (sender) await sender.replaceTrack(track);
      else if (track && this.mode === 'sfu') link.pc.addTransceiver(track, { direction: 'sendonly', streams: [this.localStream] });
      else if (track) link.pc.addTrack(track, this.localStream);
    }
    this.sharing = sharing;
    this.broadcast({ type: 'screen', sharing });
  }

  /** Restarts ICE on every peer connection (a network change; PeerLink also does it on failure). */
  restartIce() {
    for (const link of this.links.values()) link.restartIce();
  }

  mediaState() {
    const states = [...this.links.values()].map((l) => l.pc.connectionState);
    return states.length ? `media ${[...new Set(states)].join('/')}` : 'media idle';
  }

  pcs() {
    return [...this.links.values()].map((l) => l.pc);
  }

  close() {
    if (this.chatChannel) this.chatChannel.close();
    this.chatChannel = null;
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.tiles.clear();
  }
}
