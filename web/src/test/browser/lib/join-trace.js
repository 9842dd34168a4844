// Join breakdown from page timestamps (issue 12): an init script that records, with performance.now(),
// the signaling socket's open and the protocol messages it sends and receives (join, joined, offer,
// answer, first candidate each way), and each RTCPeerConnection's signaling, ICE gathering, ICE
// connection, DTLS and connection state changes and its first remote track. `stages(trace, clickAt)`
// turns one page's trace into milliseconds after the join click, one value per stage.

/** Init script (runs in the page before its own scripts): fills window.__joinTrace. */
export function recordJoinTrace() {
  const trace = [];
  window.__joinTrace = trace;
  const mark = (what) => trace.push([what, performance.now()]);
  const describe = (text) => {
    try {
      const m = JSON.parse(text);
      if (m.type === 'message' && m.data && typeof m.data.type === 'string') {
        if (m.data.type === 'candidate') return m.data.candidate ? 'candidate' : 'end-of-candidates';
        return m.data.type;
      }
      return m.type;
    } catch {
      return 'unparsed';
    }
  };
  const NativeWs = window.WebSocket;
  window.WebSocket = class extends NativeWs {
    constructor(...args) {
      super(...args);
      mark('ws-created');
      this.addEventListener('open', () => mark('ws-open'));
      this.addEventListener('message', (ev) => mark(`recv:${describe(ev.data)}`));
    }

    send(data) {
      mark(`send:${describe(data)}`);
      return super.send(data);
    }
  };
  const NativePc = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePc {
    constructor(...args) {
      super(...args);
      mark('pc-created');
      this.addEventListener('signalingstatechange', () => {
        mark(`signaling:${this.signalingState}`);
        for (const tr of this.getTransceivers()) watchDtls(tr.sender.transport);
      });
      this.addEventListener('icegatheringstatechange', () => mark(`gathering:${this.iceGatheringState}`));
      this.addEventListener('iceconnectionstatechange', () => mark(`ice:${this.iceConnectionState}`));
      this.addEventListener('connectionstatechange', () => mark(`connection:${this.connectionState}`));
      this.addEventListener('icecandidate', (ev) => mark(ev.candidate ? `local-candidate:${ev.candidate.address}` : 'local-candidate:end'));
      this.addEventListener('track', (ev) => mark(`track:${ev.track.kind}`));
      this.addEventListener('negotiationneeded', () => mark('negotiationneeded'));
    }
  };
  const watched = new WeakSet();
  function watchDtls(dtls) {
    if (!dtls || watched.has(dtls)) return;
    watched.add(dtls);
    dtls.addEventListener('statechange', () => mark(`dtls:${dtls.state}`));
  }
}

/** Stage name -> first trace entry that marks it. */
const STAGES = [
  ['wsOpen', 'ws-open'],
  ['joinSent', 'send:join'],
  ['joined', 'recv:joined'],
  ['offerSent', 'send:offer'],
  ['offerReceived', 'recv:offer'],
  ['answerReceived', 'recv:answer'],
  ['answerSent', 'send:answer'],
  ['firstLocalCandidate', 'send:candidate'],
  ['firstRemoteCandidate', 'recv:candidate'],
  ['iceChecking', 'ice:checking'],
  ['iceConnected', 'ice:connected'],
  ['dtlsConnecting', 'dtls:connecting'],
  ['dtlsConnected', 'dtls:connected'],
  ['videoTrack', 'track:video'],
];

/** One page's trace as ms after the join click per stage (missing stages left out), plus firstFrame. */
export function stages(trace, clickAt, firstFrameAt) {
  const out = {};
  for (const [name, what] of STAGES) {
    const hit = trace.find(([w]) => w === what);
    if (hit) out[name] = Math.round(hit[1] - clickAt);
  }
  if (firstFrameAt) out.firstFrame = Math.round(firstFrameAt - clickAt);
  return out;
}

/** The trace as "what@ms" strings after the join click, for the artifacts. */
export function timeline(trace, clickAt) {
  return trace.map(([w, at]) => `${w}@${Math.round(at - clickAt)}`);
}

/** Per stage: the median over the given stage objects. */
export function medianStages(list) {
  const out = {};
  for (const [name] of [...STAGES, ['firstFrame']]) {
    const v = list.map((s) => s[name]).filter((x) => typeof x === 'number').sort((a, b) => a - b);
    if (v.length) out[name] = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
  return out;
}
