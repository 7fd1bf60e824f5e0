// The chunk file format, shared by the writer and the reader:
//
//   runner-sessions/metrics/{sessionId}/{timestamp}.json      timestamp: the chunk's first sample,
//                                                             as layout.fileSafeTimestamp writes it
//   {"sessionId":"sess_…","samples":[
//   {"cpuPercent":12.5,"memoryUsed":2147483648,…,"timestamp":"2025-10-29T14:30:00.000Z"},
//   …
//   ]}
//
// Compact JSON, one sample a line: a third of the size of the store's indented JSON (this is the
// file rewritten every few seconds) and still readable with a pager. A second chunk that would
// start at the same instant (a restarted writer re-sending a sample) gets `{timestamp}-2.json`.
import { fileSafeTimestamp } from '../../store/layout';
import { isStoredSampleFast } from './fast-sample-check';
import { checkStoredSample, type StoredSample } from './stored-sample';

/** `2025-10-29T14-30-00.000Z.json`, or `…Z-2.json` for a second chunk starting at the same instant. */
export const CHUNK_NAME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d{1,9})?Z(?:-\d{1,6})?\.json$/;

export function isChunkFileName(name: string): boolean {
  return CHUNK_NAME_PATTERN.test(name);
}

export function chunkFileName(firstSampleTimestamp: string, copy = 1): string {
  const stamp = fileSafeTimestamp(firstSampleTimestamp);
  return copy <= 1 ? `${stamp}.json` : `${stamp}-${copy}.json`;
}

/** When the chunk's first sample was taken, from its name alone (NaN for a name not of this format). */
export function chunkStartMs(name: string): number {
  if (!isChunkFileName(name)) return Number.NaN;
  const [date = '', time = ''] = name.split('T');
  return Date.parse(`${date}T${time.slice(0, 8).replaceAll('-', ':')}${time.slice(8, time.indexOf('Z') + 1)}`);
}

/** One sample's line in a chunk file; serialised once when appended, reused by every rewrite. */
export function sampleLine(sample: StoredSample): string {
  return JSON.stringify(sample);
}

export function chunkText(sessionId: string, lines: readonly string[]): string {
  return `{"sessionId":${JSON.stringify(sessionId)},"samples":[\n${lines.join(',\n')}\n]}\n`;
}

export type ParsedChunk = { ok: true; samples: StoredSample[] } | { ok: false; reason: string };

/** The samples of a chunk file's text, or why the file cannot be trusted (said so a person can act on it). */
export function parseChunk(text: string, expectedSessionId: string): ParsedChunk {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `is not valid JSON (${why}); it may have been cut short by a crash or edited by hand` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: 'is not a metrics chunk: it should be an object with sessionId and samples' };
  }
  const { sessionId, samples } = json as { sessionId?: unknown; samples?: unknown };
  if (sessionId !== expectedSessionId) {
    return { ok: false, reason: `belongs to session ${JSON.stringify(sessionId)}, not to ${expectedSessionId} whose folder holds it` };
  }
  if (!Array.isArray(samples)) return { ok: false, reason: 'has no samples array' };
  const list: unknown[] = samples;
  for (let i = 0; i < list.length; i += 1) {
    if (isStoredSampleFast(list[i])) continue;
    const checked = checkStoredSample(list[i]);
    if (!checked.ok) return { ok: false, reason: `has an invalid sample (number ${i + 1}): ${checked.reason}` };
    list[i] = checked.sample;
  }
  // Every element is now a StoredSample: the fast check's verdict or zod's own output.
  const valid = list as StoredSample[];
  return { ok: true, samples: valid };
}
