// Data channel interop through the SFU (issue 17): a Chromium tab, a Firefox ESR tab and a Java
// participant (the client module, lib/java-peer.js) in one sfu room. For each pair, each way, the
// sender opens channels in every delivery mode (reliable ordered, unordered, max-retransmits 0,
// max-packet-lifetime) and sends text and binary messages from 1 byte up to the server limit just
// under 256 KiB (clamped to the receiver's advertised max-message-size). The receiver sees the
// channel the server opened toward it with the sender's options, every message intact (a
// per-message pattern is checked at the receiver), wrapped in the envelope of PROTOCOL.md "Data
// channels" with the sender's id, and in order where the channel is ordered. A reply on a
// channel the server opened reaches the sender on its own channel. Messages that expire
// (max-packet-lifetime 1 ms) do not stall the associations. Scenario: lib/data-parties.js.
// Skipped (with a message) when firefox-esr is missing, unless CI=true (then it fails); the Java
// participant needs JUNCTION_JAVA_PEER_CP (BrowserSuiteIT sets it; required when CI=true).
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

describe('data channel interop through Junction: Chromium, Firefox ESR and a Java participant', { skip, timeout: 400000 }, () => {
  let chromium;
  let firefox;
  before(async () => {
    [chromium, firefox] = await Promise.all([launchBrowser(), launchFirefox()]);
  });
  after(async () => {
    await Promise.all([chromium?.close(), firefox?.close()]);
  });

  test('every delivery mode, text and binary, 1 B to 256 KiB, each pair both ways', { timeout: 300000 },
    (t) => withSession(chromium, 'data-interop', (session) => runInterop(t, session, firefox, false)));
});
