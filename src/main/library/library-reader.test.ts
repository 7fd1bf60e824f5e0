import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeGame } from '../test-support/library-fixture';
import { useTempDirs } from '../test-support/temp-dir';
import { readLibrary } from './library-reader';

const tempDir = useTempDirs();

describe('readLibrary', () => {
  it('creates a missing library folder and reads it as empty', () => {
    const root = join(tempDir(), 'library');
    expect(readLibrary(root)).toEqual({ root, games: [], problems: [] });
  });

  it('reads every game folder, sorted by title, with arguments defaulted', () => {
    const root = tempDir();
    writeGame(root, 'zeta', { id: 'zeta', title: 'Zeta', platforms: [{ platform: 'linux', executable: 'bin/zeta' }] });
    writeGame(root, 'alpha', { id: 'alpha', title: 'Alpha', platforms: [{ platform: 'windows', executable: 'Alpha.exe', arguments: ['-windowed'] }] });
    const library = readLibrary(root);
    expect(library.problems).toEqual([]);
    expect(library.games.map((g) => g.title)).toEqual(['Alpha', 'Zeta']);
    expect(library.games[1]).toMatchObject({ id: 'zeta', folder: 'zeta', platforms: [{ platform: 'linux', executable: 'bin/zeta', arguments: [] }] });
  });

  it('reports each unreadable game with what to fix and still reads the others', () => {
    const root = tempDir();
    writeGame(root, 'good', { id: 'good', title: 'Good', platforms: [{ platform: 'linux', executable: 'good' }] });
    writeGame(root, 'broken-json', '{ "id": "x", ');
    writeGame(root, 'bad-fields', JSON.stringify({ id: 'bad fields!', title: '', platforms: [] }));
    writeGame(root, 'escapes', JSON.stringify({ id: 'esc', title: 'Esc', platforms: [{ platform: 'linux', executable: '../../bin/sh' }] }));
    writeGame(root, 'zz-dup', { id: 'good', title: 'Copy', platforms: [{ platform: 'linux', executable: 'copy' }] });
    writeGame(root, 'no-exe', { id: 'noexe', title: 'No exe', platforms: [{ platform: 'linux', executable: 'game' }] });
    rmSync(join(root, 'no-exe', 'game'));
    mkdirSync(join(root, 'empty'));
    mkdirSync(join(root, '.hidden'));
    writeFileSync(join(root, 'stray-file.txt'), 'not a game');

    const library = readLibrary(root);
    expect(library.games.map((g) => g.id)).toEqual(['good']);
    const byFolder = Object.fromEntries(library.problems.map((p) => [p.folder, p.message]));
    expect(Object.keys(byFolder).sort()).toEqual(['bad-fields', 'broken-json', 'empty', 'escapes', 'no-exe', 'zz-dup']);
    expect(byFolder['broken-json']).toMatch(/not valid JSON.*fix it/);
    expect(byFolder['bad-fields']).toMatch(/id:.*title:.*platforms:/);
    expect(byFolder.escapes).toMatch(/inside the game's folder/);
    expect(byFolder['zz-dup']).toMatch(/already used by the game in good/);
    expect(byFolder['no-exe']).toMatch(/executable game is not in this folder/);
    expect(byFolder.empty).toMatch(/No game\.json/);
    // Each says what kind of problem it is, so the UI offers the action that fixes it.
    const kinds = Object.fromEntries(library.problems.map((p) => [p.folder, p.kind]));
    expect(kinds).toEqual({
      'bad-fields': 'invalid-manifest', 'broken-json': 'invalid-json', empty: 'no-manifest', escapes: 'invalid-manifest', 'no-exe': 'missing-executable', 'zz-dup': 'duplicate-id',
    });
  });

  it('keeps a game whose cover is missing, without the cover', () => {
    const root = tempDir();
    writeGame(root, 'g', { id: 'g', title: 'G', platforms: [{ platform: 'linux', executable: 'g' }] });
    writeFileSync(join(root, 'g', 'game.json'), JSON.stringify({ id: 'g', title: 'G', cover: 'cover.png', platforms: [{ platform: 'linux', executable: 'g' }] }));
    expect(readLibrary(root).games[0]).not.toHaveProperty('cover');
    writeFileSync(join(root, 'g', 'cover.png'), 'png');
    expect(readLibrary(root).games[0]).toHaveProperty('cover', 'cover.png');
  });
});
