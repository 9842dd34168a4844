// ICE restart in an sfu room (RFC 8445 section 9, issue 12 item 3): once media flows, one tab restarts
// ICE through the page's own path (window.junction.restartIce(), the same call a network change or a
// failed connection makes). The re-offer must carry new local credentials, the server's answer new
// ones of its own, the DTLS transport must stay connected (no new handshake), and video must keep
// being decoded on both sides afterwards.
// Observed (Chromium 156, server debug log): after a restart Chromium checks from its new local
// candidates but still with the server's previous ufrag (its remote candidate keeps the previous
// generation), so the server's "restart complete" never comes; media keeps flowing because the lite
// session keeps the previous credentials registered until a check with the new ones arrives (two
// restarts in a row also kept media flowing past the 30 s consent timeout).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SFU_URL, expectMediaFlowing, launchBrowser, uniqueRoom, waitFor, withSession } from '../lib/harness.js';
import { joinAll } from '../lib/scenarios.js';

/** ice-ufrag of the local and remote description of the page's sfu connection, and its DTLS state. */
function iceState(page) {
  return page.evaluate(async () => {
    const pc = window.junction.pcs()[0];
    const ufrag = (d) => (d?.sdp.match(/^a=ice-ufrag:(\S+)/m) || [])[1] || null;
    let dtls = null;
    let dtlsTransportId = null;
    let pairChanges = null;
    let pair = null;
    const stats = await pc.getStats();
    stats.forEach((s) => {
      if (s.type === 'transport') {
        dtls = s.dtlsState;
        dtlsTransportId = s.id;
        pairChanges = s.selectedCandidatePairChanges;
        pair = s.selectedCandidatePairId;
      }
    });
    const p = stats.get(pair);

    return {
      local: ufrag(pc.localDescription),
      remote: ufrag(pc.remoteDescription),
      signaling: pc.signalingState,
      ice: pc.iceConnectionState,
      connection: pc.connectionState,
      dtls,
      dtlsTransportId,
      pairChanges,
      pair,
      localCandidateUfrag: p && stats.get(p.localCandidateId)?.usernameFragment,
    };
  });
}

describe('ICE restart', { timeout: 300000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  for (const count of [2, 3]) {
    test(`${count} participants: a restart renegotiates credentials and media keeps flowing`, { timeout: 120000 }, () =>
      withSession(browser, `ice-restart-${count}`, async (session) => {
        const names = ['ann', 'bob', 'cat'].slice(0, count);
        const pages = await joinAll(session, SFU_URL, uniqueRoom(`restart${count}`), names);
        const others = count - 1;
        await Promise.all(pages.map((p) => expectMediaFlowing(p, { video: others, audio: others })));

        const [ann] = pages;
        const before = await iceState(ann);
        assert.ok(before.local && before.remote, `ufrags present: ${JSON.stringify(before)}`);
        assert.equal(before.dtls, 'connected');
        const othersBefore = await Promise.all(pages.slice(1).map(iceState));

        await ann.evaluate(() => window.junction.restartIce());
        let now = before;
        await waitFor(() => `new local and remote ufrag at ann (before ${JSON.stringify(before)}, now ${JSON.stringify(now)})`,
            async () => {
              now = await iceState(ann);
              return now.signaling === 'stable' && now.local !== before.local && now.remote !== before.remote &&
                  now.local !== null && now.remote !== null;
            }, { timeoutMs: 15000 });
        assert.equal(now.ice === 'connected' || now.ice === 'completed' || now.ice === 'checking', true,
            `ice state after restart: ${now.ice}`);

        // Media flows on the new credentials, in both directions, for everyone.
        await Promise.all(pages.map((p) => expectMediaFlowing(p, { video: others, audio: others })));
        const after = await iceState(ann);
        // ICE ran again: the selected pair is a new one (the local candidates of the new generation).
        assert.ok(after.pairChanges > before.pairChanges && after.pair !== before.pair,
            `a new candidate pair was selected: ${JSON.stringify({ before, after })}`);
        assert.equal(after.localCandidateUfrag, after.local, 'the selected pair checks with the new local credentials');
        assert.equal(after.dtls, 'connected', 'DTLS stays connected across the restart');
        assert.equal(after.dtlsTransportId, before.dtlsTransportId, 'the same DTLS transport is kept');
        assert.ok(['connected', 'completed'].includes(after.ice), `ice connected after restart: ${after.ice}`);
        assert.equal(after.connection, 'connected');
        // The others' connections were not restarted.
        for (const [i, p] of pages.slice(1).entries()) {
          const s = await iceState(p);
          assert.equal(s.local, othersBefore[i].local, `${names[i + 1]} keeps its credentials`);
          assert.equal(s.remote, othersBefore[i].remote, `${names[i + 1]} keeps the server's credentials`);
        }
        assert.equal(await ann.evaluate(() => window.junction.lastError), '');
      }));
  }
});
