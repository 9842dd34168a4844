// Media between cluster nodes in the browser: two Junction nodes sharing a real redis-server,
// no placement policy. Four Chromium tabs join one sfu room, two through each node's page: each
// node relays its local publishers' media to the other over a relay link, and every tab receives
// the three others' audio and video. This test starts its own redis-server and two Junction nodes
// inside the test namespace and stops them by PID. Skipped (with a message) when redis-server is
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
const REDIS_PORT = 36380;
const NODES = [
  { id: 'a', http: 8096, media: 40096 },
  { id: 'b', http: 8097, media: 40097 },
];
const base = (n) => `http://127.0.0.1:${n.http}`;

let skip = false;
if (!REDIS) {
  if (process.env.CI === 'true') throw new Error('redis-server (Debian package redis-server) is missing and CI=true');
  skip = 'CLUSTER TEST SKIPPED: no redis-server (apt-get install redis-server)';
  console.log(skip);
}

describe('cluster: media relayed between two nodes', { skip, timeout: 180000 }, () => {
  let browser;
  let redis;
  const nodes = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    redis = startLogged(REDIS, ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '',
      '--appendonly', 'no'], join(ARTIFACTS, 'redis-media.log'));
    for (const n of NODES) {
      nodes.push(startLogged('java', ['-jar', JAR, '--port', String(n.http), '--media-port', String(n.media),
        '--announce', '127.0.0.1', '--cluster-redis', `redis://127.0.0.1:${REDIS_PORT}`, '--node-id', n.id,
        '--node-url', `ws://127.0.0.1:${n.http}/ws`],
      join(ARTIFACTS, `server-cluster-media-${n.id}.log`)));
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

  test('four tabs split over two nodes see and hear each other through the relay links', { timeout: 120000 }, () =>
    withSession(browser, 'cluster-media', async (session) => {
      const room = uniqueRoom('relay');
      const names = ['ann', 'bob', 'cat', 'dan'];
      const pages = [];
      for (const [i, name] of names.entries()) {
        // ann and cat join through node a, bob and dan through node b; nobody is redirected
        const page = await session.join(base(NODES[i % 2]), room, name);
        await waitJoined(page);
        pages.push(page);
      }
      for (const [i, page] of pages.entries()) {
        assert.match(await page.evaluate(() => window.junction.id), i % 2 === 0 ? /^a-p/ : /^b-p/,
            `${names[i]} stays a participant of the node it reached`);
      }
      await expectTiles(pages, names);
      await expectFullMesh(pages);
      const links = (await (await fetch(`${base(NODES[1])}/api/cluster`)).json()).relayLinks ?? [];
      assert.ok(links.some((l) => l.direction === 'in' && l.packets > 0), `node b receives a link: ${JSON.stringify(links)}`);
    }));
});
