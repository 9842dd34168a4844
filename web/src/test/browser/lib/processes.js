// Child processes a test starts inside the browser-test namespace (coturn, an extra Junction):
// started by PID, waited on by condition with a deadline, ended by PID (SIGTERM, then SIGKILL).
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync } from 'node:fs';
import { FatalError, waitFor } from './harness.js';

const running = new Set();
// If this test process is told to stop (the runner's deadline), its children go with it.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(130);
  });
}
process.once('exit', () => { for (const child of running) child.kill('SIGKILL'); });

/** Starts `command args` with stdout+stderr written to `logFile` (truncated); returns the ChildProcess. */
export function startLogged(command, args, logFile, env = {}) {
  const fd = openSync(logFile, 'w');
  try {
    const child = spawn(command, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
    child.exitState = null;
    running.add(child);
    child.on('exit', (code, signal) => {
      child.exitState = { code, signal };
      running.delete(child);
    });
    return child;
  } finally {
    closeSync(fd);
  }
}

/** Ends `child` by its PID: SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
export async function stopProcess(child, graceMs = 5000) {
  if (!child || child.exitState || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => { if (!child.exitState) process.kill(child.pid, 'SIGKILL'); }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resolves when a STUN Binding request (RFC 5389 §6) to host:port gets a Binding success response. */
export async function waitForStun(host, port, child, timeoutMs = 10000) {
  const socket = createSocket('udp4');
  try {
    await waitFor(`STUN answer from ${host}:${port}`, () => new Promise((resolve, reject) => {
      if (child.exitState) reject(new FatalError(`the server exited: ${JSON.stringify(child.exitState)}`));
      const txid = randomBytes(12);
      // type 0x0001 Binding request, length 0, magic cookie 0x2112A442, transaction id
      const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), txid]);
      const onMessage = (msg) => {
        if (msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(txid)) finish(true);
      };
      const timer = setTimeout(() => finish(false), 300);
      function finish(ok) {
        clearTimeout(timer);
        socket.off('message', onMessage);
        resolve(ok);
      }
      socket.on('message', onMessage);
      socket.send(request, port, host);
    }), { timeoutMs, intervalMs: 100 });
  } finally {
    socket.close();
  }
}

/** Resolves when GET url answers 200. */
export async function waitForHttp(url, child, timeoutMs = 30000) {
  await waitFor(`${url} to answer 200`, async () => {
    if (child.exitState) throw new FatalError(`the server exited: ${JSON.stringify(child.exitState)}`);
    try {
      return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false;
    }
  }, { timeoutMs, intervalMs: 200 });
}
