import { describe, expect, it } from 'vitest';
import type { LibrarySnapshot } from '../../shared/library/manifest';
import { makeFacts, makeRequest } from '../../shared/test-support/test-facts';
import { checkingRunnerImage, launchCheck, sessionIdTaken } from './launch-check';

const TAKEN = 'sess_00000000-0000-4000-8000-000000000001'; // in makeFacts()' sessionIds
const LIBRARY = { root: '/games', games: [{ id: 'game_supertux', title: 'SuperTux', folder: 'supertux', platforms: [{ platform: 'linux', executable: 'supertux' }] }], problems: [] } as unknown as LibrarySnapshot;

function check(library: LibrarySnapshot = LIBRARY) {
  const reloads: number[] = [];
  const run = launchCheck({ reloadLibrary: () => (reloads.push(1), library), hostFacts: async () => makeFacts() });
  return { run, reloads };
}

describe('the one launch check', () => {
  it('reads the library again, fills in sessionId and timestamp, and answers the request with its game', async () => {
    const { run, reloads } = check();
    const { sessionId: _id, timestamp: _at, ...draft } = makeRequest();
    const verdict = await run(draft);
    expect(reloads).toHaveLength(1);
    expect(verdict).toMatchObject({ ok: true, request: { gameId: 'game_supertux', sessionId: expect.stringMatching(/^sess_/), timestamp: expect.any(String) }, game: { id: 'game_supertux' } });
  });

  it('answers every problem, summed up in the message', async () => {
    const verdict = await check().run(makeRequest({ resources: { gpuAccess: 'none', memoryLimit: '1k' }, environment: { DISPLAY: ':9' } }));
    expect(verdict).toMatchObject({ ok: false, code: 'invalid_payload', message: expect.stringMatching(/^The launch settings have 2 problems, first /) });
    expect(verdict.ok ? [] : verdict.problems.map((p) => p.path).sort()).toEqual(['launchConfig.environment.DISPLAY', 'launchConfig.resources.memoryLimit']);
  });

  it('calls a request whose only problem is a session id already used a conflict, saying to use a new id', async () => {
    const verdict = await check().run(makeRequest({}, { sessionId: TAKEN }));
    expect(verdict).toMatchObject({ ok: false, code: 'conflict', message: sessionIdTaken(TAKEN) });
    expect(sessionIdTaken(TAKEN)).toMatch(/send a new id/);
    const both = await check().run(makeRequest({ environment: { DISPLAY: ':9' } }, { sessionId: TAKEN }));
    expect(both).toMatchObject({ ok: false, code: 'invalid_payload' });
  });

  it('refuses a game the facts know but the library read does not', async () => {
    const verdict = await check({ ...LIBRARY, games: [] }).run(makeRequest());
    expect(verdict).toMatchObject({ ok: false, code: 'invalid_payload', problems: [{ path: 'gameId', message: expect.stringMatching(/no game game_supertux/) }] });
  });
});

describe('the check of launch.validate and launch.preview', () => {
  it("refuses a game's own runner image the judge finds unusable, at launchConfig.runnerImage; passes the rest through", async () => {
    const judged: string[] = [];
    const judge = async (image: string) => (judged.push(image), image === 'missing:1' ? 'The image is missing: build it.' : undefined);
    const run = checkingRunnerImage(check().run, judge);
    const refused = await run(makeRequest({ runnerImage: 'missing:1' }));
    expect(refused).toMatchObject({ ok: false, code: 'invalid_payload', problems: [{ path: 'launchConfig.runnerImage', message: 'The image is missing: build it.' }] });
    expect(await run(makeRequest({ runnerImage: 'mine:1' }))).toMatchObject({ ok: true });
    expect(await run(makeRequest())).toMatchObject({ ok: true });
    expect(judged).toEqual(['missing:1', 'mine:1']);
  });
});
