import { describe, expect, it } from 'vitest';
import { COVER_PATTERNS, coverBackground, generatedCover, initialsOf } from './generated-cover';

describe('generated covers', () => {
  it('takes the initials of the first and the last word', () => {
    expect(initialsOf('Tux Racer')).toBe('TR');
    expect(initialsOf('Dillinger Demo (Linux)')).toBe('DL');
    expect(initialsOf('Dillinger Demo (Windows)')).toBe('DW');
    expect(initialsOf('tux')).toBe('T');
    expect(initialsOf('  ')).toBe('?');
  });

  it('keeps a title its cover, and gives the two demos covers that differ in initials, colours and look', () => {
    expect(generatedCover('Tux Racer')).toEqual(generatedCover('Tux Racer'));
    const linux = generatedCover('Dillinger Demo (Linux)');
    const windows = generatedCover('Dillinger Demo (Windows)');
    expect(linux.initials).not.toBe(windows.initials);
    expect(linux.hues).not.toEqual(windows.hues);
    expect(coverBackground(linux)).not.toBe(coverBackground(windows));
  });

  it('spreads titles that differ in one character over the hues and every pattern', () => {
    const covers = Array.from({ length: 60 }, (_, i) => generatedCover(`Game ${i}`));
    expect(new Set(covers.map((c) => c.pattern))).toEqual(new Set(COVER_PATTERNS));
    expect(new Set(covers.map((c) => Math.floor(c.hues[0] / 30))).size).toBeGreaterThanOrEqual(10);
    expect(new Set(covers.map((c) => coverBackground(c))).size).toBe(60);
  });
});
