// Active speaker in an sfu room (PROTOCOL.md "Active speaker (1.4)"): three participants, one
// with loud fake audio and two with digital silence. Chromium's default fake microphone beeps
// in every tab, so each kind runs in its own browser instance whose fake capture reads a WAV
// file written here: a 440 Hz tone near full scale, or silence (48 kHz, 16-bit, mono).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  ARTIFACTS, CHROMIUM_ARGS, SFU_URL, Session, uniqueRoom, waitFor, waitJoined,
} from '../lib/harness.js';
import { expectTiles } from '../lib/scenarios.js';

const RATE = 48000;

/** A PCM WAV file (RIFF, format 1): `seconds` of `sample(i)` in [-1, 1], 16-bit mono. */
function wav(path, seconds, sample) {
  const n = RATE * seconds;
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n * 2, 4);
  b.write('WAVE', 8);
  b.write('fmt ', 12);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(RATE, 24);
  b.writeUInt32LE(RATE * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(sample(i) * 32000), 44 + i * 2);
  writeFileSync(path, b);
  return path;
}

function launchWithAudio(file) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${file}`],
  });
}

/** Outbound audio packets the page has sent so far. */
function audioPacketsSent(page) {
  return page.evaluate(async () => {
    let sent = 0;
    for (const pc of window.junction.pcs()) {
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'outbound-rtp' && s.kind === 'audio') sent += s.packetsSent || 0;
      });
    }
    return sent;
  });
}

/** What a page shows: its speaker and which tiles (or the self view) carry the class. */
function shown(page) {
  return page.evaluate(() => ({
    speaker: window.junction.speaker,
    speakingTiles: [...document.querySelectorAll('.tile.speaking')].map((t) => t.dataset.peerId),
    selfSpeaking: document.querySelector('.self')?.classList.contains('speaking') ?? false,
  }));
}

describe('active speaker', { timeout: 300000 }, () => {
  let loudBrowser;
  let quietBrowser;
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // 440 Hz near full scale with a 100 ms pause every second: a constant tone would become the
    // algorithm's noise floor after a while (it tracks each speaker's minimum level), the pauses
    // keep that floor at silence as a talker's pauses do
    const loud = wav(join(ARTIFACTS, 'speaker-loud.wav'), 2,
      (i) => ((i % RATE) < RATE * 0.9 ? Math.sin((2 * Math.PI * 440 * i) / RATE) : 0));
    const quiet = wav(join(ARTIFACTS, 'speaker-silent.wav'), 2, () => 0);
    loudBrowser = await launchWithAudio(loud);
    quietBrowser = await launchWithAudio(quiet);
  });
  after(async () => {
    await loudBrowser?.close();
    await quietBrowser?.close();
  });

  test('the loud participant becomes the dominant speaker within 2 s and every page shows it',
    { timeout: 120000 }, async () => {
      const quiet = new Session(quietBrowser, 'speaker-quiet');
      const loud = new Session(loudBrowser, 'speaker-loud');
      try {
        const room = uniqueRoom('speaker');
        const names = ['ann', 'bob', 'cat'];
        const pages = [];
        for (const [i, name] of names.entries()) {
          const page = await (i === 2 ? loud : quiet).join(SFU_URL, room, name);
          await waitJoined(page);
          pages.push(page);
        }
        await expectTiles(pages, names);
        const loudPage = pages[2];
        const loudId = await loudPage.evaluate(() => window.junction.id);

        // "Audio flows": the loud page has sent audio over its connected peer connection.
        await waitFor('the loud page to send audio', async () => (await audioPacketsSent(loudPage)) > 0,
          { timeoutMs: 30000, intervalMs: 50 });
        const flowingAt = Date.now();

        const states = await Promise.all(pages.map((page, i) => waitFor(`${names[i]} to show ${loudId}`, async () => {
          const s = await shown(page);
          const ok = s.speaker === loudId && (i === 2 ? s.selfSpeaking && s.speakingTiles.length === 0
            : s.speakingTiles.length === 1 && s.speakingTiles[0] === loudId && !s.selfSpeaking);
          return ok ? { ...s, at: Date.now() } : null;
        }, { timeoutMs: 10000, intervalMs: 50 }).catch(async (err) => {
          throw new Error(`${err.message}; pages show ${JSON.stringify(await Promise.all(pages.map(shown)))}`);
        })));
        const elapsed = Math.max(...states.map((s) => s.at)) - flowingAt;
        console.log(`speaker ${loudId} shown on every page ${elapsed} ms after its audio started flowing`);
        assert.ok(elapsed <= 2000, `every page showed the loud speaker only after ${elapsed} ms`);

        // it stays: the silent ones never take over
        await new Promise((r) => setTimeout(r, 3000));
        for (const [i, page] of pages.entries()) {
          assert.equal((await shown(page)).speaker, loudId, `${names[i]} still shows the loud speaker`);
        }
      } catch (err) {
        await quiet.saveArtifacts();
        await loud.saveArtifacts();
        throw err;
      } finally {
        await quiet.close();
        await loud.close();
      }
    });
});
