// One RTCPeerConnection with W3C "perfect negotiation"
// (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example).
// In sfu rooms this side is always the polite peer (PROTOCOL.md, "Glare").

/**
 * Wraps a peer connection. `send(data)` delivers an offer/answer/candidate object;
 * `onTrack(track, streams)` reports remote tracks; `onState(state)` reports connectionState;
 * `onError(err)` reports negotiation failures.
 */
/** Three simulcast layers, lowest first (PROTOCOL.md "Simulcast and layer preferences (1.5)"). */
const SIMULCAST_ENCODINGS = [
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150000 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500000 },
  { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 1500000 },
];

export class PeerLink {
  constructor({ polite, config, send, onTrack, onState, onError }) {
    this.polite = polite;
    this.send = send;
    this.onError = onError || (() => {});
    this.pc = new RTCPeerConnection(config);
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.answerPending = false;
    this.deferredLocal = null;
    this.pendingCandidates = [];
    this.closed = false;
    this.pc.onnegotiationneeded = () => this.offer();
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate && candidate.candidate) {
        this.send({ type: 'candidate', candidate: candidate.candidate,
                    sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex });
      } else if (!candidate) {
        this.send({ type: 'candidate', candidate: '' });
      }
    };
    this.pc.ontrack = (ev) => onTrack && onTrack(ev.track, ev.streams, ev.transceiver);
    this.pc.onconnectionstatechange = () => {
      // ICE restart (RFC 8445 section 9): new credentials in a re-offer; the room and DTLS stay.
      if (this.pc.connectionState === 'failed') this.restartIce();
      if (onState) onState(this.pc.connectionState);
    };
  }

  /**
   * ICE restart (RFC 8445 section 9): the next offer carries new ice-ufrag/ice-pwd; the answer brings
   * the other side's new ones. DTLS, tracks and the room are kept.
   */
  restartIce() {
    if (!this.closed) this.pc.restartIce();
  }

  /**
   * Adds local tracks now (this side will offer). With `simulcast` the camera goes out as three
   * rid layers (RFC 8853; quarter, half and full resolution, lowest first as the server expects).
   */
  publish(stream, { recvOnly = true, simulcast = false } = {}) {
    const kinds = new Set();
    for (const track of stream ? stream.getTracks() : []) {
      if (simulcast && track.kind === 'video') {
        this.pc.addTransceiver(track, { streams: [stream], sendEncodings: SIMULCAST_ENCODINGS });
      } else {
        this.pc.addTrack(track, stream);
      }
      kinds.add(track.kind);
    }
    if (recvOnly) {
      for (const kind of ['audio', 'video']) {
        if (!kinds.has(kind)) this.pc.addTransceiver(kind, { direction: 'recvonly' });
      }
    }
  }

  /**
   * The sfu side: each local track on its own `sendonly` transceiver, plus `receiveSlots` pairs of
   * `recvonly` audio/video transceivers the server may fill in its answer (PROTOCOL.md "Negotiation in
   * an sfu room", step 1), so the first remote media needs no second offer/answer round. Transceivers
   * made by addTransceiver are never matched to m-sections of a remote offer (JSEP section 5.10), so
   * when the server's offer crosses ours (glare: we roll back and answer it) the local tracks stay
   * out of the server's sendonly sections and our next offer still publishes them. With
   * `simulcast` the camera goes out as three rid layers, as in publish().
   */
  publishToServer(stream, receiveSlots, { simulcast = false } = {}) {
    for (const track of stream ? stream.getTracks() : []) {
      const init = { direction: 'sendonly', streams: [stream] };
      if (simulcast && track.kind === 'video') init.sendEncodings = SIMULCAST_ENCODINGS;
      this.pc.addTransceiver(track, init);
    }
    for (let i = 0; i < receiveSlots; i++) {
      for (const kind of ['audio', 'video']) this.pc.addTransceiver(kind, { direction: 'recvonly' });
    }
  }

  /** Adds local tracks only once the first remote offer is applied (the answering p2p side). */
  publishOnFirstOffer(stream) {
    this.deferredLocal = stream || new MediaStream();
  }

  async offer() {
    if (this.closed) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const local = this.pc.localDescription;
      // A remote offer applied meanwhile makes this an answer; only a local offer is sent from here.
      if (local && local.type === 'offer') this.send({ type: 'offer', sdp: local.sdp });
    } catch (err) {
      this.onError(err);
    } finally {
      this.makingOffer = false;
    }
  }

  /** Applies a remote offer/answer/candidate object from the protocol. */
  async handle(data) {
    if (this.closed) return;
    try {
      if (data.type === 'offer' || data.type === 'answer') {
        await this.handleDescription({ type: data.type, sdp: data.sdp });
      } else if (data.type === 'candidate') {
        if (this.pc.remoteDescription) await this.handleCandidate(data);
        else this.pendingCandidates.push(data); // trickled ahead of the description
      }
    } catch (err) {
      this.onError(err);
    }
  }

  async handleDescription(desc) {
    const pc = this.pc;
    const readyForOffer = !this.makingOffer &&
        (pc.signalingState === 'stable' || this.answerPending);
    const collision = desc.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && collision;
    if (this.ignoreOffer) return;
    this.answerPending = desc.type === 'answer';
    await pc.setRemoteDescription(desc); // rolls back our own offer when polite
    this.answerPending = false;
    for (const c of this.pendingCandidates.splice(0)) await this.handleCandidate(c);
    if (desc.type === 'offer') {
      if (this.deferredLocal) {
        const stream = this.deferredLocal;
        this.deferredLocal = null;
        for (const track of stream.getTracks()) pc.addTrack(track, stream);
      }
      await pc.setLocalDescription();
      this.send({ type: 'answer', sdp: pc.localDescription.sdp });
    }
  }

  async handleCandidate(data) {
    const text = data.candidate !== undefined ? data.candidate : data.sdp;
    const init = {
      candidate: text || '',
      sdpMid: data.sdpMid !== undefined ? data.sdpMid : data.id,
      sdpMLineIndex: data.sdpMLineIndex !== undefined ? data.sdpMLineIndex : data.label,
    };
    try {
      await this.pc.addIceCandidate(init.candidate ? init : undefined);
    } catch (err) {
      // A bad or stale candidate only loses that path; it is not a negotiation failure.
      if (!this.ignoreOffer) console.warn('ICE candidate rejected:', err.message, init.candidate);
    }
  }

  /** The sender carrying video (camera or screen), or null. */
  videoSender() {
    return this.pc.getSenders().find((s) => s.track && s.track.kind === 'video') ||
        this.pc.getTransceivers().find((t) => t.sender.track === null && t.receiver.track.kind === 'video'
            && (t.direction === 'sendrecv' || t.direction === 'sendonly'))?.sender || null;
  }

  close() {
    this.closed = true;
    this.pc.close();
  }
}
