// `vheat fetch` against a loopback release server (nothing leaves the machine): a small official-format checkpoint
// (fixtures/parity/vheat_pre.pth, written by torch.save) served as vHeat_tiny.pth. The real vHeat-T (~115 MB, 28M
// parameters) would make each case write, serve and parse 115 MB; the configuration check is what differs, so the
// cases that test the download give fetchOfficial a check that expects the fixture's configuration, and one case
// runs the real check, which refuses the fixture as "not vHeat-T".

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICIAL_CHECKPOINTS, officialCheckpoint } from '../engine/weights/officialCheckpoints';
import { loadModelFile } from '../engine/weights/index';
import { partialPath } from './download';
import { downloadBar } from './downloadBar';
import { fetchOfficial, officialConfigCheck, type ConfigCheck } from './fetchOfficial';
import { parityFixture, runCli, testFolder } from './testing/cliRun';
import { startReleaseServer, startTestProxy, type ReleaseServer } from './testing/releaseServer';

const tiny = officialCheckpoint('tiny')!;
const fixture = new Uint8Array(readFileSync(parityFixture('vheat_pre.pth')));
/** The fixture's own configuration stands in for vHeat-T's. */
const fixtureConfig: ConfigCheck = (config) => (config.family === 'vheat' && config.dims.join() === '8,16,24,32' ? null : 'not the fixture');
const direct = () => new Agent();
const root = testFolder('vheat-fetch-');
let folders = 0;
const freshDir = () => join(root, `cache${folders++}`);

let server: ReleaseServer;
beforeAll(async () => {
  server = await startReleaseServer({ [tiny.file]: fixture });
});
afterAll(() => server.close());

function fresh(): void {
  server.requests.length = 0;
  server.cut = null;
  server.files.set(tiny.file, fixture);
}

describe('vheat fetch', () => {
  it('downloads, checks and converts, with a progress bar of bytes, rate and time left', async () => {
    fresh();
    const writes: string[] = [];
    let t = 0;
    const bar = downloadBar(tiny.file, { isTTY: false, write: (s) => writes.push(s) }, () => (t += 50));
    const dir = freshDir();
    const f = await fetchOfficial(tiny, { dir, baseUrl: server.url, dispatcher: direct(), checkConfig: fixtureConfig, fp16: true, onProgress: (p) => bar.update(p) });
    bar.end();
    expect(f.bytes).toBe(fixture.length);
    expect(readFileSync(join(dir, tiny.file)).equals(fixture), 'the file is the served one').toBe(true);
    expect(existsSync(partialPath(join(dir, tiny.file)))).toBe(false);
    const last = writes[writes.length - 1];
    expect(last).toMatch(/^vHeat_tiny\.pth \[#{20}\] 100% {2}0\.4\/0\.4 MB {2}[\d.]+ MB\/s {2}done\n$/);
    expect(writes.some((w) => / left\n$/.test(w))).toBe(true);
    const web = await loadModelFile(new Uint8Array(readFileSync(f.output)), 'vHeat_tiny.safetensors');
    expect(web.config).toMatchObject({ family: 'vheat', dims: [8, 16, 24, 32] });
    expect(web.provenance).toMatchObject({ source_file: 'vHeat_tiny.pth', source_url: `${server.url}/vHeat_tiny.pth`, storage: expect.stringMatching(/^fp16/) });
    expect(statSync(f.output).size).toBeLessThan(fixture.length / 2);
  });

  it('resumes after a cut connection with a Range request, and from a partial file a previous run left', async () => {
    fresh();
    server.cut = { afterBytes: 100_000, times: 1 };
    const dir = freshDir();
    const f = await fetchOfficial(tiny, { dir, baseUrl: server.url, dispatcher: direct(), checkConfig: fixtureConfig });
    expect(server.requests.map((r) => r.range)).toEqual([undefined, 'bytes=100000-']);
    expect(readFileSync(f.path).equals(fixture), 'the file is the served one').toBe(true);

    // A run that gives up (no retries left) keeps its partial file and says how to go on; the next run continues it.
    fresh();
    server.cut = { afterBytes: 200_000, times: 1 };
    const dir2 = freshDir();
    const o = { dir: dir2, baseUrl: server.url, dispatcher: direct(), checkConfig: fixtureConfig };
    await expect(fetchOfficial(tiny, { ...o, retries: 0 })).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/connection broke \(200000 of \d+ bytes arrived\): run the same command again to resume/) });
    expect(statSync(partialPath(join(dir2, tiny.file))).size).toBe(200_000);
    const again = await fetchOfficial(tiny, o);
    expect(again.resumedFrom).toBe(200_000);
    expect(server.requests.map((r) => r.range)).toEqual([undefined, 'bytes=200000-']);
    expect(readFileSync(again.path).equals(fixture), 'the file is the served one').toBe(true);
  });

  it('refuses a truncated file, a wrong file and an HTML page, and deletes them', async () => {
    fresh();
    server.files.set(tiny.file, fixture.subarray(0, 300_000));
    const dir = freshDir();
    await expect(fetchOfficial(tiny, { dir, baseUrl: server.url, dispatcher: direct(), checkConfig: fixtureConfig })).rejects.toMatchObject({ code: 'malformed', file: tiny.file });
    expect(existsSync(join(dir, tiny.file))).toBe(false);

    fresh();
    await expect(fetchOfficial(tiny, { dir, baseUrl: server.url, dispatcher: direct(), checkConfig: officialConfigCheck }))
      .rejects.toMatchObject({ code: 'mismatch', message: expect.stringMatching(/is not the official vHeat-T checkpoint: it holds vHeat dims 8\/16\/24\/32.*not vHeat-T's vHeat dims 96\/192\/384\/768, depths 2\/2\/6\/2/) });
    expect(existsSync(join(dir, tiny.file))).toBe(false);

    server.files.set(tiny.file, new TextEncoder().encode('<!DOCTYPE html><html><body>Sign in to continue</body></html>'.repeat(20)));
    await expect(fetchOfficial(tiny, { dir, baseUrl: server.url, dispatcher: direct() })).rejects.toMatchObject({ code: 'unknown-format' });
  });

  it('says "no network" in one line with its code (the CLI), and names an HTTP error', async () => {
    fresh();
    const closed = await startReleaseServer();
    const deadUrl = closed.url;
    await closed.close();
    const r = await runCli('fetch', 'tiny', '--dir', freshDir(), '--base-url', deadUrl);
    // exit 4: the server could not be reached (src/cli/exitStatus.ts: 'network'), not a refused input
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/^vheat fetch: vHeat_tiny\.pth: no network: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\) \[network\]\n$/);

    const missing = await runCli('fetch', 'small', '--dir', freshDir(), '--base-url', server.url);
    expect(missing.err).toMatch(/^vheat fetch: vHeat_small\.pth: .*answered HTTP 404 Not Found \[network\]\n$/);
    expect((await runCli('fetch', 'huge')).code).toBe(2);
  });

  it('goes through the proxy HTTP_PROXY names, and says when the proxy refuses', async () => {
    fresh();
    const proxy = await startTestProxy();
    const saved = { ...process.env };
    try {
      process.env.HTTP_PROXY = proxy.url;
      process.env.NO_PROXY = '';
      const f = await fetchOfficial(tiny, { dir: freshDir(), baseUrl: server.url, checkConfig: fixtureConfig });
      expect(f.bytes).toBe(fixture.length);
      expect(proxy.seen.length).toBeGreaterThan(0);
      expect(proxy.seen[0]).toMatch(new RegExp(`${server.url.split('/')[2].replace(/\./g, '\\.')}`));

      const refusing = await startTestProxy(true);
      process.env.HTTP_PROXY = refusing.url;
      const r = await runCli('fetch', 'tiny', '--dir', freshDir(), '--base-url', server.url);
      expect(r.err).toMatch(/^vheat fetch: vHeat_tiny\.pth: the proxy refused the connection to 127\.0\.0\.1:\d+ \(HTTP 407\).* \[network\]\n$/);
      await refusing.close();
    } finally {
      process.env = saved;
      await proxy.close();
    }
  });

  it('lists the three official names with their reported accuracy', () => {
    expect(OFFICIAL_CHECKPOINTS.map((c) => `${c.title} ${c.top1}`)).toEqual(['vHeat-T 82.2', 'vHeat-S 83.6', 'vHeat-B 83.9']);
  });
});
