// The chunk format's crash rule: what the writer leaves on disk is always a prefix of the sealed
// text, and every such prefix reads as the samples of its whole lines (a torn tail dropped, never
// an earlier sample); anything that is not such a prefix is refused.
import { describe, expect, it } from 'vitest';
import { CHUNK_SEAL, chunkHeader, chunkText, parseChunk, sampleLine } from './chunk-file';
import { newSessionId, syntheticSample } from '../../test-support/synthetic-samples';

const sessionId = newSessionId();
const samples = [0, 1, 2].map((i) => (i === 1 ? { ...syntheticSample(i), raw: { cpuPercent: 180 } } : syntheticSample(i)));
const lines = samples.map(sampleLine);
const sealed = chunkText(sessionId, lines);

/** How many samples a prefix of `length` characters holds whole. */
function wholeLinesIn(length: number): number {
  let count = 0;
  let end = chunkHeader(sessionId).length;
  for (const line of lines) {
    end += line.length;
    if (end > length) break;
    count += 1;
    end += 2; // ',\n'
  }
  return count;
}

describe('parseChunk', () => {
  it('reads a sealed chunk as one JSON document', () => {
    expect(JSON.parse(sealed)).toEqual({ sessionId, samples });
    expect(parseChunk(sealed, sessionId)).toEqual({ ok: true, samples });
  });

  it('reads every prefix of a chunk (a crash at any byte) as its whole lines, dropping only the torn tail', () => {
    for (let length = 0; length < sealed.length; length += 1) {
      const parsed = parseChunk(sealed.slice(0, length), sessionId);
      const expected = samples.slice(0, wholeLinesIn(length));
      // All but the final newline is a whole document already.
      const open = length < sealed.length - 1;
      expect(parsed, `prefix of ${length} characters`).toEqual({ ok: true, samples: expected, ...(open ? { open: true } : {}), ...(parsed.ok && parsed.tornChars ? { tornChars: parsed.tornChars } : {}) });
    }
  });

  it('tolerates what a power cut may leave after the last write: zeros', () => {
    const open = `${chunkHeader(sessionId)}${lines.slice(0, 2).join(',\n')}`;
    expect(parseChunk(`${open}\0\0\0\0`, sessionId)).toMatchObject({ ok: true, samples: samples.slice(0, 2), open: true, tornChars: 4 });
    expect(parseChunk(`${open},\n${(lines[2] ?? '').slice(0, 9)}\0\0`, sessionId)).toMatchObject({ ok: true, samples: samples.slice(0, 2) });
  });

  it('refuses what is not a torn tail: a bad line before the last, another session, garbage', () => {
    const header = chunkHeader(sessionId);
    const badMiddle = `${header}${lines[0]},\n{"cpuPercent":\n${lines[2]}`;
    expect(parseChunk(badMiddle, sessionId)).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) });
    expect(parseChunk(`${header}${lines[0]},\n{"cpuPercent":1}\n]}\n`, sessionId)).toMatchObject({ ok: false });
    const other = newSessionId();
    expect(parseChunk(`${chunkHeader(other)}${lines[0]}`, sessionId)).toMatchObject({ ok: false });
    expect(parseChunk(chunkText(other, lines), sessionId)).toMatchObject({ ok: false, reason: expect.stringMatching(/belongs to session/) });
    expect(parseChunk('hello', sessionId)).toMatchObject({ ok: false });
    expect(parseChunk(`${header}${lines[0]}${CHUNK_SEAL}trailing`, sessionId)).toMatchObject({ ok: false });
  });

  it('still validates the samples of an open chunk', () => {
    const bad = JSON.stringify({ ...syntheticSample(3), cpuPercent: 140 });
    const open = `${chunkHeader(sessionId)}${lines[0]},\n${bad},\n${lines[2]}`;
    expect(parseChunk(open, sessionId)).toMatchObject({ ok: false, reason: expect.stringMatching(/invalid sample \(number 2\)/) });
  });
});
