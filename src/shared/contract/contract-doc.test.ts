import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractMarkdown, inputFields, methodList } from './contract-doc';
import { METHOD_NAMES, methods } from './contract';

describe('the contract, as a person reads it', () => {
  it('docs/contract.md is up to date (run npm run docs:contract after changing the contract)', () => {
    const file = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'contract.md'), 'utf8');
    expect(file).toBe(contractMarkdown());
  });

  it('names every method with its fields and summary', () => {
    const list = methodList();
    for (const name of METHOD_NAMES) {
      expect(list).toContain(name);
      expect(list).toContain(methods[name].summary);
    }
    expect(inputFields(methods['sessions.play'].input)).toBe('{ gameId, platform? }');
    expect(inputFields(methods['app.info'].input)).toBe('(none)');
    expect(inputFields(methods['sessions.list'].input)).toBe('{ status?, userId?, gameId?, limit?, offset? }?');
  });
});
