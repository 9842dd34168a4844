// Measured, not asserted: time from clicking Join to the first remote video frame
// being presented, median of 10 runs per room mode, with the median of each stage of the join
// (lib/join-trace.js: ws open, joined, offer/answer, candidates, ICE, DTLS, first frame; ms after
// the click). Written to timing.json (each run's full page timeline included).
import { after, before, test } from 'node:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  ARTIFACTS, P2P_URL, SFU_URL, clickJoin, launchBrowser, uniqueRoom, withSession, waitJoined,
} from '../lib/harness.js';
import { medianStages, recordJoinTrace, stages, timeline } from '../lib/join-trace.js';

const RUNS = 10;
const results = {};
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}/timing.json`, JSON.stringify(results, null, 2) + '\n');
  const brief = Object.fromEntries(Object.entries(results).map(([m, r]) =>
    [m, { samplesMs: r.samplesMs, medianMs: r.medianMs, stageMediansMs: r.stageMediansMs }]));
  console.log(`timing (join click -> first remote frame): ${JSON.stringify(brief)}`);
});

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

for (const [mode, base] of [['p2p', P2P_URL], ['sfu', SFU_URL]]) {
  test(`join to first remote frame, ${mode}`, { timeout: 240000 }, () =>
    withSession(browser, `timing-${mode}`, async (session) => {
      const samples = [];
      const breakdown = [];
      const timelines = [];
      results[mode] = { runs: RUNS, samplesMs: samples, medianMs: null, stageMediansMs: null, timelines };
      const room = uniqueRoom(`timing-${mode}`);
      const ann = await session.join(base, room, 'ann');
      await waitJoined(ann);
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.addInitScript({ content: `(${recordJoinTrace})();` });
          await page.goto(`${base}/?room=${room}&name=bob${i}`);
          await page.waitForFunction(() => window.junction !== undefined);
          await page.waitForFunction(() => document.getElementById('preview').readyState >= 2);
          await clickJoin(page);
          const timing = await page.waitForFunction(() => {
            const t = window.junction.timing;
            return t.firstRemoteFrameAt > 0 && t;
          }, null, { timeout: 20000, polling: 10 }).then((h) => h.jsonValue());
          samples.push(Math.round(timing.firstRemoteFrameAt - timing.joinClickedAt));
          const trace = await page.evaluate(() => window.__joinTrace);
          breakdown.push(stages(trace, timing.joinClickedAt, timing.firstRemoteFrameAt));
          timelines.push(timeline(trace, timing.joinClickedAt));
        } finally {
          await context.close();
        }
        await ann.waitForFunction(() => window.junction.tiles.length === 0, null, { timeout: 10000 });
      }
      results[mode].medianMs = median(samples);
      results[mode].stageMediansMs = medianStages(breakdown);
    }));
}
