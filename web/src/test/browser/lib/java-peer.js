// A Java data participant (the client module's SfuParticipantClient, driven by the web module's
// test class io.junction.web.DataPeerMain) as a party of the data interop test: JSON-line
// commands on its stdin, JSON-line events on its stdout. It needs the web module's test classpath
// in JUNCTION_JAVA_PEER_CP, which BrowserSuiteIT passes (see javaPeerMissing for other runs).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Why a Java participant cannot start here, or null when it can. */
export function javaPeerMissing() {
  return process.env.JUNCTION_JAVA_PEER_CP
    ? null : 'no JUNCTION_JAVA_PEER_CP (the web module test classpath; BrowserSuiteIT sets it)';
}

/**
 * Starts the Java participant `name` in `room` of the server at `base`; resolves once it has
 * joined and its association is up, with { id, maxMessageSize, send, watch, reply, events, close }.
 */
export async function joinJava(base, room, name, log = []) {
  const child = spawn('java', ['-cp', process.env.JUNCTION_JAVA_PEER_CP, 'io.junction.web.DataPeerMain',
    base.replace(/^http/, 'ws') + '/ws', room, name], { stdio: ['pipe', 'pipe', 'pipe'] });
  const events = [];
  const waiters = [];
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = `exited (${code ?? signal})`;
    waiters.splice(0).forEach((w) => w.reject(new Error(`java peer ${name} ${exited}`)));
  });
  createInterface({ input: child.stderr }).on('line', (l) => log.push(`java ${name}: ${l}`));
  createInterface({ input: child.stdout }).on('line', (line) => {
    let ev;
    try { ev = JSON.parse(line); } catch { log.push(`java ${name} (not JSON): ${line}`); return; }
    if (ev.ev !== 'message') log.push(`java ${name}: ${line}`);
    events.push(ev);
    for (const w of waiters.filter((x) => x.match(ev))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(ev);
    }
  });
  const next = (match, ms = 30000) => {
    const seen = events.find(match);
    if (seen) return Promise.resolve(seen);
    if (exited) return Promise.reject(new Error(`java peer ${name} ${exited}`));
    return new Promise((resolve, reject) => {
      const w = { match };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(w), 1);
        reject(new Error(`java peer ${name}: no matching event in ${ms} ms`));
      }, ms);
      w.resolve = (ev) => { clearTimeout(timer); resolve(ev); };
      w.reject = (err) => { clearTimeout(timer); reject(err); };
      waiters.push(w);
    });
  };
  const command = (obj) => child.stdin.write(JSON.stringify(obj) + '\n');
  const close = async () => {
    if (exited) return;
    const gone = new Promise((r) => child.once('exit', r));
    command({ op: 'quit' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    await gone;
    clearTimeout(timer);
  };
  try {
    const ready = await next((ev) => ev.ev === 'ready' || ev.ev === 'error', 60000);
    if (ready.ev !== 'ready') throw new Error(`java peer ${name}: ${ready.message}`);
    return {
      id: ready.id,
      maxMessageSize: ready.maxMessageSize,
      async send(label, init, msgs) {
        command({ op: 'send', label, ordered: init.ordered !== false, maxRetransmits: init.maxRetransmits ?? null,
          maxPacketLifeTime: init.maxPacketLifeTime ?? null, msgs });
        const done = await next((ev) => (ev.ev === 'sent' && ev.label === label) || (ev.ev === 'error' && ev.op === 'send'));
        if (done.ev === 'error') throw new Error(`java peer ${name}: ${done.message}`);
      },
      watch: (label) => command({ op: 'watch', label }),
      reply: (label, seq) => command({ op: 'reply', label, seq }),
      events,
      close,
    };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}
