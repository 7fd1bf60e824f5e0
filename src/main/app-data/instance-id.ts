// Which app instance a container belongs to: a random id kept in the data dir, written on first
// start. Two instances on one engine (a second data dir, another user, serve mode beside the
// window) label their containers with their own id and leave each other's alone.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../session-store/atomic-file';

export const INSTANCE_ID_FILE = 'instance-id';
const INSTANCE_ID_PATTERN = /^[0-9a-f]{32}$/;

/**
 * This data dir's instance id, made on first use. A file that does not hold one is set aside
 * (`instance-id.unreadable-<time>`), never deleted, and a new id is made: containers labelled with
 * the old one are still adopted through the session records that name them.
 */
export function instanceIdOf(dataDir: string): string {
  const path = join(dataDir, INSTANCE_ID_FILE);
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8').trim();
    if (INSTANCE_ID_PATTERN.test(text)) return text;
    renameSync(path, `${path}.unreadable-${Date.now()}`);
  }
  const id = randomBytes(16).toString('hex');
  writeFileAtomicSync(path, `${id}\n`);
  return id;
}
