// The same interop scenario as data-interop.test.js, plus a werift peer (an independent WebRTC
// stack in Node, lib/werift-peer.js) exchanging every mode with each browser both ways.
// Opt-in (not in the default list): werift's joins and channels are not yet reliable here (see
// bench/RESULTS.md or the issue notes); run it with BROWSER_TESTS="tests/data-interop-werift.test.js".
import { after, before, describe, test } from 'node:test';
import { launchBrowser, withSession } from '../lib/harness.js';
import { runInterop } from '../lib/data-parties.js';
import { firefoxMissing, launchFirefox } from '../lib/firefox.js';

let skip = false;
const missing = firefoxMissing();
if (missing) {
  if (process.env.CI === 'true') throw new Error(`${missing} and CI=true`);
  skip = `FIREFOX TEST SKIPPED: ${missing}`;
  console.log(skip);
}

describe('data channel interop through Junction: Chromium, Firefox ESR and werift', { skip, timeout: 400000 }, () => {
  let chromium;
  let firefox;
  before(async () => {
    [chromium, firefox] = await Promise.all([launchBrowser(), launchFirefox()]);
  });
  after(async () => {
    await Promise.all([chromium?.close(), firefox?.close()]);
  });

  test('every delivery mode, text and binary, 1 B to 256 KiB, each pair both ways', { timeout: 300000 },
    (t) => withSession(chromium, 'data-interop-werift', (session) => runInterop(t, session, firefox, true)));
});
