import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotFiles } from '../test-support/file-snapshot';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';
import { manifestWith, sha256, writeTar, type TarEntry } from '../test-support/hostile-tar';
import { plantTree, readTree } from '../test-support/save-trees';

const tempDir = useTempDirs();
const GAME = 'game_archive';

describe('export and import', () => {
  it('round-trips a snapshot into a fresh data dir, where it restores the same tree', async () => {
    const source = openGameSaves({ dataDir: tempDir() });
    const home = await source.ensureHome(GAME);
    plantTree(home, {
      '.local/share/demo/save.dat': { content: 'counter=3', mode: 0o600, mtime: 1_700_000_000_000 },
      'same-1.txt': 'same',
      'same-2.txt': 'same',
      'Documents': { link: '.local/share/demo' },
    });
    const taken = await source.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'session-end' });
    if (taken.status !== 'created') throw new Error('expected a snapshot');
    const archive = join(tempDir(), 'saves.tar');
    expect((await source.export(GAME, taken.snapshot.id, archive)).bytes).toBeGreaterThan(0);

    const target = openGameSaves({ dataDir: tempDir() });
    const imported = await target.import(GAME, archive);
    expect(imported).toMatchObject({ reason: { kind: 'import' }, totals: { files: 3, bytes: 17, filesChanged: 4, bytesAdded: 13 } });
    const newHome = await target.ensureHome(GAME);
    await target.restore(GAME, imported.id, [{ name: 'home', path: newHome }]);
    expect(readTree(newHome)).toEqual(readTree(home));
  });
});

describe('a hostile archive is refused, and nothing is written', () => {
  const object = (content: string): TarEntry => ({ header: { name: `objects/${sha256(content)}` }, content });
  const file = (path: string, content: string) => ({ type: 'file', path, mode: 0o644, mtimeMs: 0, size: content.length, sha256: sha256(content) });
  const cases: [string, TarEntry[], string, number?][] = [
    ['an absolute path', [{ header: { name: '/etc/cron.d/evil' }, content: 'x' }], 'absolute path (/etc/cron.d/evil)'],
    ['a path with ..', [{ header: { name: '../x' }, content: 'x' }], 'the path ../x escapes the archive'],
    ['a symlink entry', [{ header: { name: 'objects/link', type: 'symlink', linkname: '/etc/passwd' } }], 'objects/link is a symlink; only plain files'],
    ['a hard link entry', [{ header: { name: 'objects/hard', type: 'link', linkname: 'manifest.json' } }], 'is a link; only plain files'],
    ['a device entry', [{ header: { name: 'null', type: 'character-device', devmajor: 1, devminor: 3 } }], 'null is a character-device'],
    ['a fifo entry', [{ header: { name: 'pipe', type: 'fifo' } }], 'pipe is a fifo'],
    ['a wrong hash', [{ header: { name: 'manifest.json' }, content: manifestWith([file('save.dat', 'good')]) }, { header: { name: `objects/${sha256('good')}` }, content: 'evil' }], 'does not match its hash'],
    ['an oversized declared size', [{ header: { name: 'manifest.json' }, content: manifestWith([]) }, object('y'.repeat(5000))], 'larger than the limit of 4096 bytes', 4096],
    ['one content named by many paths beyond the bound', [{ header: { name: 'manifest.json' }, content: manifestWith(Array.from({ length: 10 }, (_, i) => file(`f${i}`, 'z'.repeat(1000)))) }, object('z'.repeat(1000))], 'add up to 10000 bytes', 4096],
    ['a manifest path escaping the root', [{ header: { name: 'manifest.json' }, content: manifestWith([file('../../etc/evil', 'e')]) }, object('e')], 'names a path outside its root'],
    ['a manifest link pointing out of the root', [{ header: { name: 'manifest.json' }, content: manifestWith([{ type: 'symlink', path: 'Documents', mode: 0o777, mtimeMs: 0, target: '../../../etc' }]) }], 'points outside its folder'],
    ['a file under a link', [{ header: { name: 'manifest.json' }, content: manifestWith([{ type: 'symlink', path: 'd', mode: 0o777, mtimeMs: 0, target: 'x' }, file('d/evil', 'e')]) }, object('e')], 'in no folder it records'],
    ['a missing content', [{ header: { name: 'manifest.json' }, content: manifestWith([file('save.dat', 'absent')]) }], 'is missing or of another size'],
    ['an unknown entry', [{ header: { name: 'manifest.json' }, content: manifestWith([]) }, { header: { name: 'run.sh' }, content: 'x' }], 'not part of an exported snapshot'],
    ['no manifest', [object('a')], 'holds no manifest.json'],
  ];

  it.each(cases)('%s', async (_name, entries, why, maxBytes) => {
    const dataDir = tempDir();
    const archive = join(tempDir(), 'hostile.tar');
    await writeTar(archive, entries);
    const before = snapshotFiles(dataDir);
    const saves = openGameSaves({ dataDir, importLimitBytes: maxBytes });
    await expect(saves.import(GAME, archive)).rejects.toMatchObject({ code: 'invalid_archive', message: expect.stringContaining(why) });
    expect(snapshotFiles(dataDir)).toEqual(before);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('a file that is not a tar at all', async () => {
    const dataDir = tempDir();
    const archive = join(tempDir(), 'noise.tar');
    writeFileSync(archive, Buffer.alloc(2048, 7));
    await expect(openGameSaves({ dataDir }).import(GAME, archive)).rejects.toMatchObject({ code: 'invalid_archive', message: expect.stringContaining('nothing was written') });
    expect(existsSync(join(dataDir, 'saves'))).toBe(false);
  });
});
