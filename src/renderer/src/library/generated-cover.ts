// The cover a game without an image gets, made from its title alone: two hues and a pattern picked
// by a hash of the whole title, and initials from its first and last words, so titles that share a
// beginning ("Dillinger Demo (Linux)", "Dillinger Demo (Windows)") still get covers that differ.
// Pure, so each game keeps its cover across starts and the rules are tested.

export const COVER_PATTERNS = ['stripes', 'dots', 'grid', 'rings', 'chevrons', 'waves'] as const;
export type CoverPattern = (typeof COVER_PATTERNS)[number];

export interface GeneratedCover {
  hues: [number, number];
  pattern: CoverPattern;
  initials: string;
}

/** FNV-1a over the title's code points, then mixed so nearby titles spread over all bits. */
export function titleHash(title: string): number {
  let hash = 2166136261;
  for (const char of title) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** Up to two letters: the first letters of the first and the last word ("Tux Racer" → "TR", "Dillinger Demo (Linux)" → "DL"). */
export function initialsOf(title: string): string {
  const words = title.replace(/[()[\]{}:,.!?'"-]/g, ' ').split(/\s+/).filter(Boolean);
  const first = words[0];
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letters = [first, last].map((word) => (word ? ([...word][0] ?? '') : ''));
  return letters.join('').toUpperCase() || '?';
}

export function generatedCover(title: string): GeneratedCover {
  const hash = titleHash(title);
  const first = hash % 360;
  const second = (first + 40 + ((hash >>> 9) % 80)) % 360;
  const pattern = COVER_PATTERNS[(hash >>> 17) % COVER_PATTERNS.length] ?? 'stripes';
  return { hues: [first, second], pattern, initials: initialsOf(title) };
}

/** The CSS background of a generated cover: its pattern over a glow and a two-hue gradient. */
export function coverBackground({ hues: [a, b], pattern }: GeneratedCover): string {
  const ink = `hsl(${a} 80% 85% / 0.16)`;
  const layer: Record<CoverPattern, string> = {
    stripes: `repeating-linear-gradient(45deg, ${ink} 0 6px, transparent 6px 18px)`,
    dots: `radial-gradient(circle, ${ink} 2.5px, transparent 3px) 0 0 / 16px 16px`,
    grid: `linear-gradient(${ink} 1.5px, transparent 1.5px) 0 0 / 20px 20px, linear-gradient(90deg, ${ink} 1.5px, transparent 1.5px) 0 0 / 20px 20px`,
    rings: `repeating-radial-gradient(circle at 80% 90%, ${ink} 0 3px, transparent 3px 16px)`,
    chevrons: `linear-gradient(135deg, ${ink} 25%, transparent 25%) -12px 0 / 24px 24px, linear-gradient(225deg, ${ink} 25%, transparent 25%) -12px 0 / 24px 24px`,
    waves: `repeating-linear-gradient(-20deg, transparent 0 10px, ${ink} 10px 13px, transparent 13px 22px)`,
  };
  return `${layer[pattern]}, radial-gradient(circle at 25% 20%, hsl(${a} 70% 58% / 0.9), transparent 55%), linear-gradient(135deg, hsl(${a} 55% 30%), hsl(${b} 60% 18%))`;
}
