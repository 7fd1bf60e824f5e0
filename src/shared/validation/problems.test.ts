import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { joinPath, mergeProblems, problemsFromZod } from './problems';

describe('joinPath', () => {
  it('joins keys and indexes with dots', () => {
    expect(joinPath(['launchConfig', 'volumes', 0, 'hostPath'])).toBe('launchConfig.volumes.0.hostPath');
    expect(joinPath([])).toBe('');
  });
});

describe('problemsFromZod', () => {
  const Schema = z.strictObject({
    name: z.string(),
    size: z.number({ error: 'must be a number of bytes' }),
    nested: z.strictObject({ flag: z.boolean() }).optional(),
  });
  const run = (input: unknown, prefix: PropertyKey[] = []) => {
    const result = Schema.safeParse(input);
    if (result.success) throw new Error('expected a failure');
    return { withInput: problemsFromZod(result.error, prefix, input), withoutInput: problemsFromZod(result.error, prefix) };
  };

  it('calls a missing field required, with or without the input', () => {
    const { withInput, withoutInput } = run({ size: 1 });
    expect(withInput).toEqual([{ path: 'name', message: 'This field is required.' }]);
    expect(withoutInput).toEqual([{ path: 'name', message: 'This field is required.' }]);
  });

  it('does not call a present field of the wrong type required', () => {
    const { withInput, withoutInput } = run({ name: 5, size: 'x' });
    for (const found of [withInput, withoutInput]) {
      expect(found).toEqual([
        { path: 'name', message: 'Invalid input: expected string, received number.' },
        { path: 'size', message: 'Must be a number of bytes.' },
      ]);
    }
  });

  it('with the input, also calls a missing field with a custom message required', () => {
    expect(run({ name: 'a' }).withInput).toEqual([{ path: 'size', message: 'This field is required.' }]);
  });

  it('reports each unknown key at its own path', () => {
    expect(run({ name: 'a', size: 1, nested: { flag: true, flg: 1 }, extra: 1, more: 2 }).withInput).toEqual([
      { path: 'nested.flg', message: 'Unknown field "flg": check its spelling or remove it.' },
      { path: 'extra', message: 'Unknown field "extra": check its spelling or remove it.' },
      { path: 'more', message: 'Unknown field "more": check its spelling or remove it.' },
    ]);
  });

  it('prefixes paths', () => {
    expect(run({ size: 1 }, ['launchConfig']).withInput).toEqual([{ path: 'launchConfig.name', message: 'This field is required.' }]);
  });

  it('turns messages into sentences', () => {
    const result = z.object({ a: z.string().min(2, 'must be longer') }).safeParse({ a: 'x' });
    expect(result.success).toBe(false);
    if (!result.success) expect(problemsFromZod(result.error)).toEqual([{ path: 'a', message: 'Must be longer.' }]);
  });
});

describe('mergeProblems', () => {
  it('drops rule problems at or under a path whose shape is already wrong, keeps the rest', () => {
    const shape = [{ path: 'launchConfig.resources.memoryLimit', message: 'shape' }];
    const rules = [
      { path: 'launchConfig.resources.memoryLimit', message: 'rule' },
      { path: 'launchConfig.resources.memoryLimit.x', message: 'rule under' },
      { path: 'launchConfig.resources.memoryLimitX', message: 'sibling with a longer name' },
      { path: 'launchConfig.resources.cpuLimit', message: 'other' },
    ];
    expect(mergeProblems(shape, rules)).toEqual([
      shape[0],
      { path: 'launchConfig.resources.memoryLimitX', message: 'sibling with a longer name' },
      { path: 'launchConfig.resources.cpuLimit', message: 'other' },
    ]);
  });
});
