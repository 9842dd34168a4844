// Per-tile getStats overlay: resolution, fps, bitrate and packet loss, once a second.

/**
 * Starts polling. `sources()` returns the current peer connections; `ownerOf(trackId)`
 * maps a receiver track id to a participant id; `render(id, text)` draws a tile's overlay.
 * Returns a function that stops the polling.
 */
export function startStatsOverlay({ sources, ownerOf, render, intervalMs = 1000 }) {
  const previous = new Map(); // inbound-rtp stat id -> {bytes, time}
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const lines = new Map(); // participant id -> [text]
      for (const pc of sources()) {
        if (pc.connectionState === 'closed') continue;
        const report = await pc.getStats();
        report.forEach((s) => {
          if (s.type !== 'inbound-rtp') return;
          const owner = ownerOf(s.trackIdentifier);
          if (!owner) return;
          const text = describe(s, previous.get(s.id));
          previous.set(s.id, { bytes: s.bytesReceived || 0, time: s.timestamp });
          if (!lines.has(owner)) lines.set(owner, []);
          lines.get(owner)[s.kind === 'video' ? 'unshift' : 'push'](text);
        });
      }
      for (const [id, texts] of lines) render(id, texts.join('\n'));
    } catch {
      // a connection closed mid-poll; the next tick sees the new set
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  return () => clearInterval(timer);
}

function describe(s, prev) {
  const kbps = prev && s.timestamp > prev.time
    ? Math.round(((s.bytesReceived - prev.bytes) * 8) / (s.timestamp - prev.time))
    : 0;
  const received = s.packetsReceived || 0;
  const lost = Math.max(0, s.packetsLost || 0);
  const loss = received + lost > 0 ? ((100 * lost) / (received + lost)).toFixed(1) : '0.0';
  if (s.kind === 'video') {
    const res = s.frameWidth ? `${s.frameWidth}x${s.frameHeight}` : '-';
    const fps = s.framesPerSecond !== undefined ? Math.round(s.framesPerSecond) : 0;
    return `video ${res} ${fps}fps ${kbps}kb/s loss ${loss}%`;
  }
  return `audio ${kbps}kb/s loss ${loss}%`;
}
