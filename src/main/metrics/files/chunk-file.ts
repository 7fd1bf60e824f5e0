// The chunk file format, shared by the writer and the reader:
//
//   runner-sessions/metrics/{sessionId}/{timestamp}.json      timestamp: the chunk's first sample,
//                                                             as layout.fileSafeTimestamp writes it
//   {"sessionId":"sess_…","samples":[
//   {"cpuPercent":12.5,"memoryUsed":2147483648,…,"timestamp":"2025-10-29T14:30:00.000Z"},
//   …
//   ]}
//
// Compact JSON, one sample a line: a third of the size of the store's indented JSON and still
// readable with a pager. A second chunk that would start at the same instant (a restarted writer
// re-sending a sample) gets `{timestamp}-2.json`.
//
// Open and sealed chunks. The writer appends to the open chunk (metrics-writer.ts): what is on
// disk is always a PREFIX of the sealed text above, and sealing appends the closing `\n]}\n`. So a
// chunk cut short by a crash (SIGKILL, power cut) is the header, whole sample lines, and at most one
// torn line at the end (or a torn closing). parseChunk reads such a chunk as the samples of its whole
// lines and drops only the torn tail (a proper prefix of a JSON object never parses, so a torn line
// cannot pass for a sample). Anything else that does not parse (a bad line before the last, another
// session's header) is not a torn tail, and the file is refused as before.
import { fileSafeTimestamp } from '../../session-store/layout';
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

/** What a chunk file starts with; the open chunk is this, then its sample lines joined by `,\n`. */
export function chunkHeader(sessionId: string): string {
  return `{"sessionId":${JSON.stringify(sessionId)},"samples":[\n`;
}

/** Appended to an open chunk to seal it: it is then one JSON document. */
export const CHUNK_SEAL = '\n]}\n';

/** A sealed chunk, written in one go: header, lines joined by `,\n`, seal. */
export function chunkText(sessionId: string, lines: readonly string[]): string {
  return `${chunkHeader(sessionId)}${lines.join(',\n')}${CHUNK_SEAL}`;
}

export type ParsedChunk =
  | {
      ok: true;
      samples: StoredSample[];
      /** Not sealed: a chunk still being written, or one its writer left at a crash. */
      open?: true;
      /** Characters of a torn last line (or closing) that were dropped; only on an open chunk. */
      tornChars?: number;
    }
  | { ok: false; reason: string };

/** The samples of a chunk file's text, or why the file cannot be trusted (said so a person can act on it). */
export function parseChunk(text: string, expectedSessionId: string): ParsedChunk {
  let json: unknown;
  let open: { tornChars: number } | undefined;
  try {
    // A sealed chunk ends with `]}` (+ newline); anything else can only be an open one.
    json = JSON.parse(endsSealed(text) ? text : '');
  } catch (error) {
    const salvaged = parseOpenChunk(text, expectedSessionId);
    if (salvaged === undefined) {
      const why = error instanceof Error && endsSealed(text) ? error.message : 'it is neither a whole chunk nor the beginning of one';
      return { ok: false, reason: `is not valid JSON (${why}); it may have been edited by hand or damaged` };
    }
    json = salvaged.json;
    open = { tornChars: salvaged.tornChars };
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
    const checked = checkStoredSample(list[i]);
    if (!checked.ok) return { ok: false, reason: `has an invalid sample (number ${i + 1}): ${checked.reason}` };
    list[i] = checked.sample;
  }
  // Every element is now a StoredSample: zod's own output.
  const valid = list as StoredSample[];
  if (open === undefined) return { ok: true, samples: valid };
  return { ok: true, samples: valid, open: true, ...(open.tornChars > 0 ? { tornChars: open.tornChars } : {}) };
}

function endsSealed(text: string): boolean {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x0a || text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x0d)) end -= 1;
  return end >= 2 && text.charCodeAt(end - 1) === 0x7d && text.charCodeAt(end - 2) === 0x5d; // `]}`
}

/**
 * An open chunk (a prefix of the sealed text, see above): its header, then whole lines, then at most
 * one torn line or a torn closing. Parsed as if sealed after its last whole line; undefined when it is
 * not such a prefix (a different header, a bad line before the last).
 */
function parseOpenChunk(text: string, sessionId: string): { json: unknown; tornChars: number } | undefined {
  const header = chunkHeader(sessionId);
  if (text.length <= header.length) {
    // The header only, or part of it (a crash during the chunk's first write): a chunk with no samples.
    return header.startsWith(text) ? { json: { sessionId, samples: [] }, tornChars: text.length } : undefined;
  }
  if (!text.startsWith(header)) return undefined;
  // First as it stands (every line whole, perhaps a torn `\n]` closing), then without the part after
  // its last newline (a torn line). Never more: a whole line that does not parse is not a torn tail.
  const body = text.slice(header.length);
  const whole = withoutTrailing(body);
  const parsed = tryParse(`${header}${whole}\n]}`);
  if (parsed !== undefined) return { json: parsed, tornChars: body.length - whole.length };
  const lastNewline = body.lastIndexOf('\n');
  if (lastNewline < 0) return { json: { sessionId, samples: [] }, tornChars: body.length }; // the first line, torn
  const kept = withoutTrailing(body.slice(0, lastNewline));
  const salvaged = kept === '' ? { sessionId, samples: [] } : tryParse(`${header}${kept}\n]}`);
  return salvaged === undefined ? undefined : { json: salvaged, tornChars: body.length - kept.length };
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Without trailing blanks, the `]`/`]}` of a torn closing and a trailing comma: lines that can be closed with `\n]}`. */
function withoutTrailing(body: string): string {
  let end = body.length;
  for (;;) {
    const c = body.charCodeAt(end - 1);
    if (end > 0 && (c === 0x0a || c === 0x0d || c === 0x20 || c === 0x2c || c === 0x5d || c === 0x00)) end -= 1;
    else break;
  }
  return body.slice(0, end);
}
