// ICE-TCP (RFC 6544 passive candidates, RFC 4571 framing; issue 12 item 4): a tab on a network
// that blocks UDP. Chromium cannot be stopped from gathering UDP here
// (--force-webrtc-ip-handling-policy=disable_non_proxied_udp still gathers on this machine), so an init
// script removes every UDP candidate of the server instead: the a=candidate lines of the server's
// descriptions and its trickled candidates. Only ICE-TCP pairs can then form. The tab must still send
// and receive video and audio with a tab that uses UDP normally.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SFU_URL, expectMediaFlowing, launchBrowser, uniqueRoom, waitJoined, withSession } from '../lib/harness.js';

/** Runs in the page before its scripts: drops every remote UDP candidate; counts what it kept and dropped. */
function remoteTcpOnly() {
  const Native = window.RTCPeerConnection;
  const seen = { droppedUdp: 0, keptTcp: 0 };
  window.__remoteCandidates = seen;
  const isUdp = (line) => /^(a=)?candidate:\S+ \d+ udp /i.test(line);
  const isTcp = (line) => /^(a=)?candidate:\S+ \d+ tcp /i.test(line);
  const filterSdp = (sdp) => sdp.split('\r\n').filter((line) => {
    if (isUdp(line)) { seen.droppedUdp++; return false; }
    if (isTcp(line)) seen.keptTcp++;
    return true;
  }).join('\r\n');
  window.RTCPeerConnection = class extends Native {
    setRemoteDescription(desc, ...rest) {
      if (desc && desc.sdp) desc = { type: desc.type, sdp: filterSdp(desc.sdp) };
      return super.setRemoteDescription(desc, ...rest);
    }
    addIceCandidate(init, ...rest) {
      const text = init && (typeof init === 'string' ? init : init.candidate);
      if (text && isUdp(text)) { seen.droppedUdp++; return Promise.resolve(); }
      if (text && isTcp(text)) seen.keptTcp++;
      return super.addIceCandidate(init, ...rest);
    }
  };
}

/** The selected pair of the page's sfu connection: protocols and types of both candidates, bytes. */
function selectedPair(page) {
  return page.evaluate(async () => {
    const pc = window.junction.pcs()[0];
    const stats = await pc.getStats();
    const byId = new Map();
    stats.forEach((s) => byId.set(s.id, s));
    let out = null;
    stats.forEach((s) => {
      if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
      const pair = byId.get(s.selectedCandidatePairId);
      const local = byId.get(pair.localCandidateId);
      const remote = byId.get(pair.remoteCandidateId);
      out = {
        localProtocol: local?.protocol, localTcpType: local?.tcpType,
        remoteProtocol: remote?.protocol, remoteType: remote?.candidateType, remotePort: remote?.port,
        bytesReceived: pair.bytesReceived, bytesSent: pair.bytesSent, dtls: s.dtlsState,
      };
    });
    // every remote candidate the connection knows of (none may be UDP)
    const remotes = [];
    stats.forEach((s) => { if (s.type === 'remote-candidate') remotes.push(s.protocol); });
    return { pair: out, remotes };
  });
}

describe('ICE-TCP', { timeout: 180000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  test('a tab that gets no UDP candidate of the server exchanges video and audio over ICE-TCP', { timeout: 90000 }, () =>
    withSession(browser, 'ice-tcp', async (session) => {
      const room = uniqueRoom('icetcp');
      const ann = await session.join(SFU_URL, room, 'ann', { initScript: { content: `(${remoteTcpOnly})();` } });
      await waitJoined(ann);
      const bob = await session.join(SFU_URL, room, 'bob');
      await waitJoined(bob);
      await Promise.all([ann, bob].map((p) => expectMediaFlowing(p, { video: 1, audio: 1 }, 40000)));

      const seen = await ann.evaluate(() => window.__remoteCandidates);
      assert.ok(seen.droppedUdp > 0, `the server offered UDP candidates that were removed: ${JSON.stringify(seen)}`);
      assert.ok(seen.keptTcp > 0, `the server offered TCP candidates: ${JSON.stringify(seen)}`);
      const { pair, remotes } = await selectedPair(ann);
      assert.ok(pair, 'a selected candidate pair');
      assert.equal(pair.remoteProtocol, 'tcp', `remote candidate of the selected pair: ${JSON.stringify(pair)}`);
      assert.equal(pair.localProtocol, 'tcp', `local candidate of the selected pair: ${JSON.stringify(pair)}`);
      assert.equal(pair.dtls, 'connected');
      assert.ok(pair.bytesReceived > 0 && pair.bytesSent > 0, `media over the TCP pair: ${JSON.stringify(pair)}`);
      assert.ok(remotes.every((p) => p === 'tcp'), `no remote UDP candidate reached the connection: ${remotes}`);
      // bob uses UDP as usual (his pair is the server's UDP candidate)
      const bobPair = (await selectedPair(bob)).pair;
      assert.equal(bobPair.remoteProtocol, 'udp', `bob's selected pair: ${JSON.stringify(bobPair)}`);
    }));
});
