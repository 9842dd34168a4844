// Page wiring: lobby, join/leave, reconnect + rejoin, controls, chat, test hook.
import { Signaling } from './signaling.js';
import { Call } from './call.js';
import { TileGrid, addChatLine, notify, setStatus, setPressed } from './ui.js';
import { startStatsOverlay } from './stats.js';
import { acquireLocalMedia, captureScreen } from './media.js';

const $ = (id) => document.getElementById(id);
const REJOIN_KEY = 'junction.room'; // set while in a room, so a reload rejoins it
const ROOM_RE = /^[A-Za-z0-9_.-]{1,64}$/;
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

const signaling = new Signaling(wsUrl);
const tiles = new TileGrid($('grid'));
const state = {
  wanted: null, // {room, name} while the user wants to be in a room
  call: null,
  local: new MediaStream(),
  mediaReady: null,
  mediaProblem: '',
  userNum: 0,
  muted: { audio: false, video: false },
  screenTrack: null,
  lastError: '',
  timing: { joinClickedAt: 0, firstRemoteFrameAt: 0 },
};

function fail(text) {
  state.lastError = text;
  notify(text);
}

function renderStatus() {
  const parts = [signaling.connected ? 'connected' : 'offline'];
  if (state.call) parts.push(state.call.mode, `${state.userNum} in room`, state.call.mediaState());
  setStatus(parts.join(' · '));
}

function showCall(inCall) {
  $('lobby').hidden = inCall;
  $('call').hidden = !inCall;
  $('room-label').textContent = inCall && state.call ? `Room ${state.call.room} (${state.call.mode})` : '';
}

function prepareMedia() {
  state.mediaReady = acquireLocalMedia().then(({ stream, problem }) => {
    state.local = stream;
    // A track-less stream would keep a <video> from ever loading (and delay the page's load event).
    const view = stream.getTracks().length > 0 ? stream : null;
    $('preview').srcObject = view;
    $('self-view').srcObject = view;
    $('preview-caption').textContent = problem ? 'No camera preview' : 'Camera preview';
    $('cam-button').disabled = stream.getVideoTracks().length === 0;
    $('mic-button').disabled = stream.getAudioTracks().length === 0;
    state.mediaProblem = problem;
    if (problem) fail(problem);
  });
  return state.mediaReady;
}

/** Redirects followed in a row before the page gives up (reset by every "joined"). */
const MAX_REDIRECTS = 3;

function sendJoin() {
  if (!state.wanted) return;
  // offerFirst: in an sfu room this page sends the first offer (its tracks, receive sections and
  // the chat channel), and the server waits for it instead of offering across it (PROTOCOL.md 1.5).
  const msg = { type: 'join', room: state.wanted.room, offerFirst: true };
  if (state.wanted.name) msg.name = state.wanted.name;
  signaling.send(msg);
}

function endCall() {
  if (state.call) state.call.close();
  state.call = null;
  tiles.clear();
}

const events = {
  chat: (from, name, text) => addChatLine($('chat-log'), name, text),
  error: (text) => fail(text),
  state: () => renderStatus(),
  firstFrame: (video) => {
    if (state.timing.firstRemoteFrameAt || !video.requestVideoFrameCallback) return;
    video.requestVideoFrameCallback(() => {
      if (!state.timing.firstRemoteFrameAt) state.timing.firstRemoteFrameAt = performance.now();
    });
  },
};

signaling.addEventListener('open', () => {
  setStatus('connected');
  if (state.wanted) {
    if (state.lastError.startsWith('Connection')) notify('Reconnected, rejoining…', 'info');
    sendJoin();
  }
});

signaling.addEventListener('close', (ev) => {
  const secs = (ev.detail.delayMs / 1000).toFixed(1);
  setStatus(`offline, retrying in ${secs}s`);
  if (!state.wanted) return;
  endCall();
  stopScreen();
  fail(`Connection to the server lost or unreachable; reconnecting in ${secs}s…`);
});

signaling.addEventListener('message', (ev) => onServerMessage(ev.detail));

function onServerMessage(msg) {
  switch (msg.type) {
    case 'joined':
      state.redirects = 0;
      endCall();
      state.call = new Call({ signaling, tiles, localStream: state.local, events,
        simulcast: new URLSearchParams(location.search).get('simulcast') === '1' });
      state.call.start(msg);
      applyMutes();
      if (state.lastError.startsWith('Connection')) notify('');
      showCall(true);
      state.userNum = msg.userNum;
      renderStatus();
      sessionStorage.setItem(REJOIN_KEY, msg.room);
      history.replaceState(null, '', `?room=${encodeURIComponent(msg.room)}&name=${encodeURIComponent(state.wanted?.name || '')}`);
      break;
    case 'full':
      state.wanted = null;
      sessionStorage.removeItem(REJOIN_KEY);
      endCall();
      showCall(false);
      fail(`Room "${msg.room}" is full (${msg.userNum} participants). Try another room.`);
      break;
    case 'redirect':
      // a cluster node sends this room's joins to another node (PROTOCOL.md "redirect"): follow it,
      // at most a few times in a row so two misconfigured nodes cannot bounce the page forever
      state.redirects = (state.redirects || 0) + 1;
      if (state.redirects > MAX_REDIRECTS || !/^wss?:\/\//.test(msg.url || '')) {
        state.wanted = null;
        fail(`The server sent this room elsewhere (${msg.reason}) but the redirect cannot be followed: ${msg.url}`);
        break;
      }
      notify(`Room "${msg.room}" is served by another node; moving there…`, 'info');
      signaling.moveTo(msg.url);
      break;
    case 'leaved':
      break;
    case 'error':
      fail(describeServerError(msg));
      break;
    default:
      if (state.call) state.call.handle(msg);
      if (state.call && typeof msg.userNum === 'number') {
        state.userNum = msg.userNum;
        renderStatus();
      }
  }
}

function describeServerError(msg) {
  if (msg.code === 'bad-sdp' || msg.code === 'unsupported') {
    return `Negotiation failed (${msg.code}): ${msg.message || 'the server refused the session'}`;
  }
  return `Server error (${msg.code}): ${msg.message || ''}`;
}

$('join-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const room = $('room-input').value.trim();
  const name = $('name-input').value.trim();
  if (!ROOM_RE.test(room)) {
    fail('Room names are 1 to 64 letters, digits, "_", "." or "-".');
    return;
  }
  state.timing = { joinClickedAt: performance.now(), firstRemoteFrameAt: 0 };
  notify('');
  state.lastError = '';
  await state.mediaReady;
  if (state.mediaProblem) fail(state.mediaProblem); // still true in the call: say so
  state.wanted = { room, name };
  if (signaling.connected) sendJoin();
  else signaling.connect();
});

$('leave-button').addEventListener('click', () => {
  if (state.call) signaling.send({ type: 'leave', room: state.call.room });
  state.wanted = null;
  state.muted = { audio: false, video: false };
  sessionStorage.removeItem(REJOIN_KEY);
  stopScreen();
  endCall();
  showCall(false);
  $('join-button').focus();
});

const MUTE_LABELS = { audio: ['Mute mic', 'Unmute mic'], video: ['Stop camera', 'Start camera'] };
const MUTE_BUTTONS = { audio: 'mic-button', video: 'cam-button' };

/** Applies the wanted mute state to a new call (kept across reconnects, reset by Leave). */
function applyMutes() {
  for (const kind of ['audio', 'video']) {
    const muted = state.muted[kind];
    for (const t of state.local.getTracks()) if (t.kind === kind) t.enabled = !muted;
    if (muted) state.call.setMuted(kind, true);
    setPressed($(MUTE_BUTTONS[kind]), muted, MUTE_LABELS[kind][muted ? 1 : 0]);
  }
  if (document.activeElement === document.body || $('lobby').contains(document.activeElement)) {
    ($('mic-button').disabled ? $('chat-input') : $('mic-button')).focus();
  }
}

function toggleMute(kind) {
  if (!state.call) return;
  state.muted[kind] = !state.muted[kind];
  state.call.setMuted(kind, state.muted[kind]);
  setPressed($(MUTE_BUTTONS[kind]), state.muted[kind], MUTE_LABELS[kind][state.muted[kind] ? 1 : 0]);
}
$('mic-button').addEventListener('click', () => toggleMute('audio'));
$('cam-button').addEventListener('click', () => toggleMute('video'));

async function stopScreen() {
  const track = state.screenTrack;
  if (!track) return;
  state.screenTrack = null;
  track.stop();
  $('self-view').srcObject = state.local.getTracks().length > 0 ? state.local : null;
  setPressed($('screen-button'), false, 'Share screen');
  if (state.call) await state.call.useVideoTrack(state.local.getVideoTracks()[0] || null, false);
}

$('screen-button').addEventListener('click', async () => {
  if (!state.call) return;
  if (state.screenTrack) return stopScreen();
  const track = await captureScreen();
  if (!track) return fail('Screen sharing was cancelled or is not available.');
  state.screenTrack = track;
  track.addEventListener('ended', stopScreen);
  $('self-view').srcObject = new MediaStream([track]);
  setPressed($('screen-button'), true, 'Stop sharing');
  await state.call.useVideoTrack(track, true);
});

$('chat-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = $('chat-input').value.trim();
  if (!text || !state.call) return;
  state.call.sendChat(text);
  addChatLine($('chat-log'), `${state.wanted?.name || 'me'} (you)`, text);
  $('chat-input').value = '';
});

$('stats-toggle').addEventListener('change', (ev) => $('grid').classList.toggle('no-stats', !ev.target.checked));

startStatsOverlay({
  sources: () => (state.call ? state.call.pcs() : []),
  ownerOf: (trackId) => state.call?.trackOwner.get(trackId),
  render: (id, text) => tiles.setStats(id, text),
});

// A network change (Wi-Fi to cellular, a new address) may leave the current ICE path dead before the
// connection notices: restart ICE at once instead of waiting for it to fail (the room is kept).
navigator.connection?.addEventListener?.('change', () => state.call?.restartIce());
window.addEventListener('online', () => state.call?.restartIce());

// Hook for automated tests; media is asserted through pcs() + getStats. restartIce() runs the same
// path as a network change.
window.junction = Object.freeze({
  get joined() { return state.call !== null; },
  get id() { return state.call?.id ?? null; },
  get mode() { return state.call?.mode ?? null; },
  get tiles() { return tiles.ids(); },
  get lastError() { return state.lastError; },
  get connected() { return signaling.connected; },
  get signalingUrl() { return signaling.url; },
  get timing() { return { ...state.timing }; },
  pcs: () => (state.call ? state.call.pcs() : []),
  restartIce: () => state.call?.restartIce(),
  get chatChannel() { return state.call?.chatChannel?.readyState ?? null; },
  get viaChannel() { return state.call ? { ...state.call.viaChannel } : null; },
  get speaker() { return state.call?.speaker ?? null; },
  prefer: (publisher, maxHeight, paused) => state.call?.prefer(publisher, maxHeight, paused),
});

const params = new URLSearchParams(location.search);
$('room-input').value = params.get('room') || '';
$('name-input').value = params.get('name') || '';
prepareMedia();
(params.get('room') ? $('name-input') : $('room-input')).focus();
if (params.get('room') && sessionStorage.getItem(REJOIN_KEY) === params.get('room')) {
  $('join-form').requestSubmit();
}
