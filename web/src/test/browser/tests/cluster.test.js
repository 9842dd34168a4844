// Cluster placement in the browser: two Junction nodes sharing a real redis-server, rooms pinned
// to the node that took them first (--pin-rooms). Four Chromium tabs open the page of either
// node and join one sfu room: the tabs that reached the other node get a "redirect", the page
// follows it to the owner's /ws, and all four end up in one room where each receives the three
// others' audio and video. This test starts its own redis-server and two Junction nodes inside
// the test namespace and stops them by PID. Skipped (with a message) when redis-server is
// missing, unless CI=true.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, launchBrowser, uniqueRoom, waitFor, waitJoined, withSession } from '../lib/harness.js';
import { expectFullMesh, expectTiles } from '../lib/scenarios.js';
import { startLogged, stopProcess, waitForHttp } from '../lib/processes.js';

const REDIS = ['/usr/bin/redis-server', '/usr/sbin/redis-server'].find((p) => existsSync(p));
const JAR = process.env.JUNCTION_JAR || new URL('../../../../target/junction.jar', import.meta.url).pathname;
const REDIS_PORT = 36379;
const NODES = [
  { id: 'a', http: 8094, media: 40094 },
  { id: 'b', http: 8095, media: 40095 },
];
const base = (n) => `http://127.0.0.1:${n.http}`;

let skip = false;
if (!REDIS) {
  if (process.env.CI === 'true') throw new Error('redis-server (Debian package redis-server) is missing and CI=true');
  skip = 'CLUSTER TEST SKIPPED: no redis-server (apt-get install redis-server)';
  console.log(skip);
}

describe('cluster: pinned rooms across two nodes', { skip, timeout: 180000 }, () => {
  let browser;
  let redis;
  const nodes = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    redis = startLogged(REDIS, ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '',
      '--appendonly', 'no'], join(ARTIFACTS, 'redis.log'));
    for (const n of NODES) {
      nodes.push(startLogged('java', ['-jar', JAR, '--port', String(n.http), '--media-port', String(n.media),
        '--announce', '127.0.0.1', '--cluster-redis', `redis://127.0.0.1:${REDIS_PORT}`, '--node-id', n.id,
        '--node-url', `ws://127.0.0.1:${n.http}/ws`, '--pin-rooms',
        // a page served by one node opens the other node's /ws after a redirect
        '--allowed-origins', NODES.map(base).join(',')],
      join(ARTIFACTS, `server-cluster-${n.id}.log`)));
    }
    // node a starts first and must be up before b; both must see each other before the test
    for (const [i, n] of NODES.entries()) await waitForHttp(`${base(n)}/health`, nodes[i], 90000);
    await waitFor('both nodes in the directory', async () => {
      const body = await (await fetch(`${base(NODES[1])}/api/cluster`)).json();
      return body.nodes?.length === 2;
    }, { timeoutMs: 20000 });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    for (const n of nodes) await stopProcess(n);
    await stopProcess(redis);
  });

  test('four tabs split over two nodes meet on the room\'s node and see each other', { timeout: 120000 }, () =>
    withSession(browser, 'cluster-pinned', async (session) => {
      const room = uniqueRoom('cluster');
      const names = ['ann', 'bob', 'cat', 'dan'];
      const pages = [];
      for (const [i, name] of names.entries()) {
        // ann and cat open node a's page, bob and dan node b's; ann joins first, so a owns the room
        const page = await session.join(base(NODES[i % 2]), room, name);
        await waitJoined(page);
        pages.push(page);
      }
      const owner = `ws://127.0.0.1:${NODES[0].http}/ws`;
      for (const [i, page] of pages.entries()) {
        assert.equal(await page.evaluate(() => window.junction.signalingUrl), owner,
            `${names[i]} signals with the room's node`);
        assert.match(await page.evaluate(() => window.junction.id), /^a-p/, `${names[i]} is a participant of node a`);
      }
      await expectTiles(pages, names);
      await expectFullMesh(pages);
    }));
});
