// The contract as a person reads it, made from the contract itself: each method with the fields it
// takes and its summary, then the pushed events. `npm run serve -- --help` prints the list, and
// docs/contract.md is this text (contract-doc.test.ts fails when the file is stale).
import { z } from 'zod';
import { events, methods, type MethodName } from './contract';

/** The fields a method takes: `gameId, platform?`; `(none)` when it takes no arguments. */
export function inputFields(schema: z.ZodType): string {
  const optional = schema instanceof z.ZodOptional;
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  if (!(inner instanceof z.ZodObject)) return '(none)';
  const fields = Object.entries(inner.shape as Record<string, z.ZodType>).map(([key, field]) => (field.safeParse(undefined).success ? `${key}?` : key));
  return optional ? `{ ${fields.join(', ')} }?` : `{ ${fields.join(', ')} }`;
}

/** One line per method: name, input fields, summary (for a terminal). */
export function methodList(): string {
  const names = Object.keys(methods) as MethodName[];
  const width = Math.max(...names.map((name) => name.length));
  return names.map((name) => `  ${name.padEnd(width)}  ${inputFields(methods[name].input)}\n  ${' '.repeat(width)}  ${methods[name].summary}`).join('\n');
}

export function contractMarkdown(): string {
  const rows = (Object.keys(methods) as MethodName[]).map((name) => `| \`${name}\` | \`${inputFields(methods[name].input)}\` | ${methods[name].summary.replace(/\|/g, '\\|')} |`);
  return [
    '# The contract',
    '',
    'Generated from `src/shared/contract/contract.ts` (`npm run docs:contract`); do not edit by hand.',
    'Every call answers `{result}` or `{error: {code, message, problems?}}`; inputs and answers are',
    'checked against the schemas declared there.',
    '',
    '## Methods',
    '',
    '| Method | Takes | What it does |',
    '| --- | --- | --- |',
    ...rows,
    '',
    '## Pushed events',
    '',
    ...Object.keys(events).map((name) => `- \`${name}\``),
    '',
  ].join('\n');
}
