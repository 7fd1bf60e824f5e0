import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../shared/contract/contract';
import { createDispatcher, type Handlers } from './dispatcher';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  return { ...(Object.fromEntries(METHOD_NAMES.map((method: MethodName) => [method, unused])) as unknown as Handlers), ...overrides };
}

describe('the dispatcher checks answers against the contract', () => {
  it('turns an answer outside its output schema into an internal error naming the field', async () => {
    const logged: string[] = [];
    const handlers = handlersWith({ 'engine.status': () => ({ reachable: 'yes', endpoint: '/var/run/docker.sock' }) as never });
    const dispatch = createDispatcher(handlers, (message) => logged.push(message), true);
    expect(await dispatch('engine.status', undefined)).toEqual({
      error: { code: 'internal', message: expect.stringMatching(/^engine\.status answered outside its contract .*reachable/) },
    });
    expect(logged).toEqual(['engine.status answered outside its contract']);
  });

  it('passes an answer that fits, unchanged', async () => {
    const answer = { dataDir: '/d', libraryDir: '/l', warnings: [], canPickPaths: false, userId: 'ada' };
    const dispatch = createDispatcher(handlersWith({ 'app.info': () => answer }), () => undefined, true);
    expect(await dispatch('app.info', undefined)).toEqual({ result: answer });
  });

  it('is on under vitest, so every test that calls the core checks conformance', async () => {
    const dispatch = createDispatcher(handlersWith({ 'metrics.host': () => 42 as never }), () => undefined);
    expect(await dispatch('metrics.host', undefined)).toMatchObject({ error: { code: 'internal' } });
  });
});
