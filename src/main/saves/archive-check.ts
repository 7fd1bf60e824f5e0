// The checks an imported archive must pass before anything is written: every entry a plain file
// named `manifest.json` or `objects/<sha256>` (no absolute path, no `..`, no link, device or fifo),
// sizes within a bound, each object's content matching its name, and a manifest whose paths stay
// inside their roots, whose links point inside them, and whose files all have their content here.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { Manifest, SHA256_PATTERN, type ManifestRoot } from './manifest';
import { SavesError } from './saves-errors';
import { ARCHIVE_MANIFEST } from './archive-export';
import { forEachTarEntry } from './tar-entries';

export const DEFAULT_IMPORT_LIMIT_BYTES = 4 * 1024 ** 3;
const MANIFEST_LIMIT_BYTES = 64 * 1024 ** 2;

export interface CheckedArchive {
  manifest: Manifest;
  /** sha256 → size of every object in the archive. */
  objects: Map<string, number>;
}

export function refuse(archivePath: string, why: string): SavesError {
  return new SavesError('invalid_archive', `${archivePath} was not imported, and nothing was written: ${why}.`);
}

export async function checkArchive(archivePath: string, maxBytes: number = DEFAULT_IMPORT_LIMIT_BYTES): Promise<CheckedArchive> {
  const objects = new Map<string, number>();
  let manifestText: string | undefined;
  let total = 0;
  try {
    await forEachTarEntry(archivePath, async (header, content) => {
      const name = header.name;
      if (name.startsWith('/')) throw refuse(archivePath, `it holds an absolute path (${name})`);
      if (name.split('/').includes('..')) throw refuse(archivePath, `the path ${name} escapes the archive`);
      if (header.type === 'directory' && name === 'objects/') return;
      if (header.type !== 'file') throw refuse(archivePath, `${name} is a ${header.type ?? 'special entry'}; only plain files are accepted`);
      const size = header.size ?? 0;
      total += size;
      if (total > maxBytes) throw refuse(archivePath, `its content is larger than the limit of ${maxBytes} bytes (declared by ${name})`);
      if (name === ARCHIVE_MANIFEST) {
        if (manifestText !== undefined) throw refuse(archivePath, 'it holds two manifests');
        if (size > MANIFEST_LIMIT_BYTES) throw refuse(archivePath, 'its manifest is too large');
        manifestText = (await collect(content)).toString('utf8');
        return;
      }
      const sha256 = name.startsWith('objects/') ? name.slice('objects/'.length) : '';
      if (!SHA256_PATTERN.test(sha256)) throw refuse(archivePath, `it holds ${name}, which is not part of an exported snapshot`);
      if (objects.has(sha256)) throw refuse(archivePath, `it holds ${name} twice`);
      if ((await sha256Of(content)) !== sha256) throw refuse(archivePath, `the content of ${name} does not match its hash (the archive is damaged or was altered)`);
      objects.set(sha256, size);
    });
  } catch (error) {
    if (error instanceof SavesError) throw error;
    throw refuse(archivePath, `it is not a readable snapshot archive (${error instanceof Error ? error.message : String(error)})`);
  }
  if (manifestText === undefined) throw refuse(archivePath, `it holds no ${ARCHIVE_MANIFEST}`);
  let parsed: ReturnType<typeof Manifest.safeParse>;
  try {
    parsed = Manifest.safeParse(JSON.parse(manifestText));
  } catch {
    throw refuse(archivePath, 'its manifest is not JSON');
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(archivePath, `its manifest is invalid (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unknown'})`);
  }
  const manifest = parsed.data;
  const names = new Set<string>();
  let declared = 0;
  for (const root of manifest.roots) {
    if (names.has(root.name)) throw refuse(archivePath, `its manifest names the root ${root.name} twice`);
    names.add(root.name);
    declared += checkTree(archivePath, root, objects);
  }
  // One stored content may be named by many paths: what a restore would write is bounded too.
  if (declared > maxBytes) throw refuse(archivePath, `its files add up to ${declared} bytes, more than the limit of ${maxBytes}`);
  return { manifest, objects };
}

/** The bytes the root's files add up to. */
function checkTree(archivePath: string, root: ManifestRoot, objects: Map<string, number>): number {
  const folders = new Set<string>(['']);
  const seen = new Set<string>();
  let declared = 0;
  for (const entry of root.entries) {
    const where = `${root.name}/${entry.path}`;
    if (seen.has(entry.path)) throw refuse(archivePath, `its manifest names ${where} twice`);
    seen.add(entry.path);
    if (!folders.has(entry.path.includes('/') ? posix.dirname(entry.path) : '')) throw refuse(archivePath, `its manifest puts ${where} in no folder it records`);
    if (entry.type === 'dir') folders.add(entry.path);
    if (entry.type === 'symlink') {
      const resolved = posix.normalize(posix.join(posix.dirname(entry.path), entry.target));
      if (entry.target.startsWith('/') || resolved === '..' || resolved.startsWith('../')) {
        throw refuse(archivePath, `its manifest has a link ${where} that points outside its folder (${entry.target})`);
      }
    }
    if (entry.type === 'file') {
      if (objects.get(entry.sha256) !== entry.size) throw refuse(archivePath, `the content of ${where} is missing or of another size`);
      declared += entry.size;
    }
  }
  if (!root.present && root.entries.length > 0) throw refuse(archivePath, `its manifest lists files in the absent root ${root.name}`);
  return declared;
}

async function collect(content: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of content as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function sha256Of(content: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of content as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
