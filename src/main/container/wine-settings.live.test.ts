// The entrypoint's Wine settings (resources/runner/lib/wine-settings.sh) on a real prefix with the
// runner's real Wine 10 and winetricks: each setting is applied once and recorded in the prefix, a
// second launch with the same settings redoes nothing, DXVK's DLLs go in and back out, and a verb
// that downloads fails offline saying it needs the internet. The image's own helpers stand in for the
// entrypoint's (fixtures/wine-settings/apply.sh); every container runs with the network off.
// Then through the app: the Windows demo played twice with a Windows version, applied by the real
// entrypoint before the game at the first launch only.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { runToEnd } from '../test-support/container-probe';
import { findRealXServer, windowNames } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { WINDOWS_DEMO, coreOptions, launchRequest, until, useLiveCores, type LiveCore } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const docker = new Docker();
const LIB = resolve(__dirname, '../../../resources/runner/lib');
const APPLY = join(__dirname, 'fixtures/wine-settings/apply.sh');

/** A runner image with Wine 10 and winetricks: the app's own once it is on trixie, else the trixie probe. */
function wineImage(): string | undefined {
  if (!engine.available) return undefined;
  for (const image of ['dillinger-runner:local', 'dillinger-runner:trixie-probe']) {
    try {
      execFileSync('docker', ['run', '--rm', '--network', 'none', '--entrypoint', '/bin/sh', image, '-c', 'command -v winetricks && test -d /usr/lib/dxvk'], { stdio: 'ignore', timeout: 60_000 });
      return image;
    } catch {
      // not this one
    }
  }
  const reason = 'no runner image with winetricks and DXVK (dillinger-runner:local on Debian 13, or dillinger-runner:trixie-probe); build it with npm run build:runner';
  if (process.env.CI === 'true') throw new Error(`CI needs ${reason}`);
  console.warn(`Skipping the Wine settings tests: ${reason}`);
  return undefined;
}
const image = wineImage();
const volume = `dillinger_test_wine_settings_${process.pid}`;

async function launch(settings: Record<string, string>): Promise<{ exitCode: number; log: string }> {
  return runToEnd(docker, {
    Image: image,
    Entrypoint: ['/apply.sh'],
    User: '1000:1000',
    Env: Object.entries(settings).map(([k, v]) => `${k}=${v}`),
    HostConfig: {
      NetworkMode: 'none',
      Tmpfs: { '/tmp': 'rw,exec' },
      Mounts: [
        { Type: 'volume', Source: volume, Target: '/prefix' },
        { Type: 'bind', Source: LIB, Target: '/lib-under-test', ReadOnly: true },
        { Type: 'bind', Source: APPLY, Target: '/apply.sh', ReadOnly: true },
      ],
    },
  });
}

const applied = (log: string) => [...log.matchAll(/note: Wine setting applied: (.*)/g)].map((m) => m[1]);
const section = (log: string, name: string) => log.split(`== ${name}\n`)[1]?.split('\n== ')[0]?.trim() ?? '';

describe.skipIf(!image)('Wine settings applied to a prefix, once', () => {
  afterAll(async () => {
    await docker.getVolume(volume).remove({ force: true }).catch(() => undefined);
  });

  it('the Windows version, an offline winetricks verb and DXVK: applied and recorded at the first launch, not redone at the second', async () => {
    await docker.createVolume({ Name: volume });
    // A fresh volume is root's: hand it to the player, as the entrypoint does before it drops to them.
    await runToEnd(docker, { Image: image, Entrypoint: ['chown', '1000:1000', '/prefix'], HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: volume, Target: '/prefix' }] } });
    const settings = { DILLINGER_WINE_GRAPHICS: 'dxvk', DILLINGER_WINE_WINDOWS_VERSION: 'win7', DILLINGER_WINE_WINETRICKS: 'csmt=off' };

    const first = await launch(settings);
    expect(first.exitCode, first.log).toBe(0);
    expect(applied(first.log)).toEqual(['graphics dxvk', 'windows-version win7', 'winetricks:csmt=off done']);
    expect(section(first.log, 'record')).toBe('graphics dxvk\nwindows-version win7\nwinetricks:csmt=off done');
    expect(section(first.log, 'version')).toMatch(/CurrentVersion\s+REG_SZ\s+6\.1/); // Windows 7
    expect(section(first.log, 'd3d11')).toBe('dxvk');
    expect(first.log).toContain('Executing load_csmt off'); // winetricks ran the verb

    const second = await launch(settings);
    expect(second.exitCode, second.log).toBe(0);
    expect(applied(second.log)).toEqual([]);
    expect(second.log).not.toContain('applying winetricks');
    expect(second.log).not.toContain('Executing load_csmt');
    expect(section(second.log, 'record')).toBe(section(first.log, 'record'));
  }, 240_000);

  it('back to WineD3D: Wine\'s own DLLs return to the prefix, and that is recorded', async () => {
    const back = await launch({ DILLINGER_WINE_GRAPHICS: 'wined3d' });
    expect(back.exitCode, back.log).toBe(0);
    expect(applied(back.log)).toEqual(['graphics wined3d']);
    expect(section(back.log, 'd3d11')).toBe('wine');
    expect(section(back.log, 'record')).toBe('windows-version win7\nwinetricks:csmt=off done\ngraphics wined3d');
  }, 120_000);

  it('a verb that downloads fails offline saying it needs the internet, and is not recorded', async () => {
    const offline = await launch({ DILLINGER_WINE_GRAPHICS: 'wined3d', DILLINGER_WINE_WINETRICKS: 'corefonts', DILLINGER_WINE_WINETRICKS_DOWNLOAD: 'corefonts' });
    expect(offline.exitCode).toBe(125);
    expect(offline.log).toContain('dillinger-entrypoint: winetricks corefonts needs the internet to download what it installs, and it could not download it');
    expect(offline.log).not.toContain('winetricks:corefonts');
  }, 240_000);
});

describe.skipIf(!engine.available || !x.available)('Wine settings through the app, with the runner the core builds', () => {
  const TITLE = 'Dillinger Demo (Windows)';
  async function play(live: LiveCore, prefix: string): Promise<string> {
    const request = launchRequest(WINDOWS_DEMO, { winePrefix: prefix });
    const session = await live.call<RunnerSession>('sessions.launch', { request: { ...request, launchConfig: { ...request.launchConfig, wine: { windowsVersion: 'win7' } } } });
    await live.waitFor(session.sessionId, ['running'], 120_000);
    await until(() => windowNames(x).includes(TITLE), 60_000, `a window titled "${TITLE}"`);
    await live.call('sessions.stop', { sessionId: session.sessionId });
    expect(await live.waitFor(session.sessionId, ['terminated', 'crashed', 'failed'], 60_000)).toMatchObject({ status: 'terminated' });
    await until(() => !windowNames(x).includes(TITLE), 10_000, 'the window to close');
    return (await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId })).text;
  }

  it('the Windows version is applied before the game at the first launch, and not again at the second', async () => {
    const prefix = `dillinger_test_wine_version_${process.pid}`;
    const live = await cores.start(coreOptions(tempDir(), x), [prefix]);
    const first = await play(live, prefix);
    expect(first).toContain('note: Wine setting applied: windows-version win7');
    expect(first.indexOf('windows-version win7')).toBeLessThan(first.indexOf('demo: started'));
    const second = await play(live, prefix);
    expect(second).not.toContain('Wine setting applied');
    expect(second).toContain('demo: started');
    await cores.expectCleanClose(live);
  }, 300_000);

  it("the virtual desktop: the game draws in Wine's desktop window, of the launch's resolution", async () => {
    const prefix = `dillinger_test_wine_desktop_${process.pid}`;
    const live = await cores.start(coreOptions(tempDir(), x), [prefix]);
    const request = launchRequest(WINDOWS_DEMO, { winePrefix: prefix });
    const session = await live.call<RunnerSession>('sessions.launch', { request: { ...request, launchConfig: { ...request.launchConfig, resolution: '800x600', wine: { virtualDesktop: true } } } });
    await live.waitFor(session.sessionId, ['running'], 120_000);
    const env = { ...process.env, DISPLAY: x.display, XAUTHORITY: x.xauthority ?? '' };
    let desktop = '';
    await until(() => {
      // Wine 10 titles it "Desktop", Wine 8 "desktop".
      desktop = execFileSync('xwininfo', ['-root', '-tree'], { env }).toString().split('\n').find((l) => /"dillinger - Wine desktop"/i.test(l)) ?? '';
      return / 800x600\+/.test(desktop); // Wine 10 may map it at the screen's size first, then size it
    }, 60_000, () => `Wine's desktop window at 800x600 (${desktop || 'none yet'})`);
    expect(desktop).toMatch(/ 800x600\+/);
    const logText = async () => (await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId })).text;
    // The game's window is a child of Wine's desktop window (its output may not reach the log: on
    // Wine 10 explorer starts the game without the session's stdout).
    const desktopId = desktop.trim().split(' ')[0] ?? '';
    await until(() => execFileSync('xwininfo', ['-tree', '-id', desktopId], { env }).toString().includes('"Dillinger Demo (Windows)"'), 30_000, 'the demo to start inside the desktop');
    expect(await logText()).toContain("note: the game runs in Wine's virtual desktop at 800x600");
    await live.call('sessions.stop', { sessionId: session.sessionId });
    expect(await live.waitFor(session.sessionId, ['terminated', 'crashed', 'failed'], 60_000)).toMatchObject({ status: 'terminated' });
    await cores.expectCleanClose(live);
  }, 300_000);
});
