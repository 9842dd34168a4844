// Measured, not asserted: a four-person sfu room, the server's CPU while it runs (from
// /proc/<pid>/stat of the server process) and a screenshot of one participant's page.
// Written to four-room.json and four-person-room.png under ARTIFACTS.
import { after, before, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ARTIFACTS, SFU_URL, launchBrowser, withSession } from '../lib/harness.js';
import * as s from '../lib/scenarios.js';

const WINDOW_MS = 10000;
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** utime + stime of a process in clock ticks (proc(5), fields 14 and 15). */
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

test('four-person room: server CPU and screenshot', { timeout: 180000 }, () =>
  withSession(browser, 'four-room', async (session) => {
    const pages = await s.conference(session, SFU_URL, 4);
    const pid = process.env.JUNCTION_SFU_PID;
    const result = { participants: 4, windowMs: WINDOW_MS, serverCpuPercentOfOneCore: null };
    if (pid) {
      const hz = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
      const t0 = cpuTicks(pid);
      const start = Date.now();
      await new Promise((r) => setTimeout(r, WINDOW_MS));
      const elapsed = Date.now() - start;
      result.serverCpuPercentOfOneCore = Math.round(((cpuTicks(pid) - t0) / hz) / (elapsed / 1000) * 1000) / 10;
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await pages[0].screenshot({ path: `${ARTIFACTS}/four-person-room.png` });
    writeFileSync(`${ARTIFACTS}/four-room.json`, JSON.stringify(result, null, 2) + '\n');
    console.log(`four-person room: ${JSON.stringify(result)}`);
  }));
