// A manifest's JSON text, exactly what JSON.stringify makes of it, without serialising again the
// entries it shares with the previous snapshot: a snapshot reuses the previous manifest's entry
// object for every file it did not read again (take-snapshot.ts), so with a few files changed in a
// home of thousands only those few are turned into text. Entries are never modified once made
// (every snapshot makes new ones for what changed), which is what makes keeping their text sound.

// The shapes it walks, as manifest.ts declares them (named here, not imported: manifest.ts imports this file).
type ManifestEntry = object;
interface ManifestRoot { entries: ManifestEntry[] }
interface Manifest { roots: ManifestRoot[] }

const entryText = new WeakMap<ManifestEntry, string>();

export function manifestJson(manifest: Manifest): string {
  return objectJson(manifest, (key, value) => (key === 'roots' ? arrayJson(value as ManifestRoot[], rootJson) : undefined));
}

function rootJson(root: ManifestRoot): string {
  return objectJson(root, (key, value) => (key === 'entries' ? arrayJson(value as ManifestEntry[], entryJson) : undefined));
}

function entryJson(entry: ManifestEntry): string {
  let text = entryText.get(entry);
  if (text === undefined) {
    text = JSON.stringify(entry);
    entryText.set(entry, text);
  }
  return text;
}

/** JSON.stringify's text of a plain object (keys in order, undefined values left out), with `special` for some keys. */
function objectJson(value: object, special: (key: string, value: unknown) => string | undefined): string {
  const parts: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${special(key, field) ?? JSON.stringify(field)}`);
  }
  return `{${parts.join(',')}}`;
}

function arrayJson<T>(items: T[], itemJson: (item: T) => string): string {
  return `[${items.map(itemJson).join(',')}]`;
}
