// lib/home.sh's prefix_user_folders_repair in the runner image: a prefix made while HOME was on the
// tmpfs has its user folders linked into /tmp/dillinger-home; each such link becomes a real folder
// holding what it pointed to, a link elsewhere is left alone, and a second run changes nothing.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRealEngine } from '../test-support/real-engine';

const engine = await findRealEngine();
const LIB = resolve(__dirname, '../../../resources/runner/lib');

const SCRIPT = String.raw`set -u
die() { echo "die $1: $2"; exit "$1"; }
note() { echo "note: $1"; }
. /lib-under-test/home.sh
WINEPREFIX=/tmp/prefix
u=$WINEPREFIX/drive_c/users/player
mkdir -p "$u" /tmp/dillinger-home/Documents /tmp/elsewhere
echo kept > /tmp/dillinger-home/Documents/save.txt
ln -s /tmp/dillinger-home/Documents "$u/Documents"
ln -s /tmp/dillinger-home "$u/Desktop"
ln -s /tmp/elsewhere "$u/Music"
prefix_user_folders_repair
prefix_user_folders_repair
for f in Documents Desktop Music; do if [ -L "$u/$f" ]; then echo "$f link $(readlink "$u/$f")"; else echo "$f dir $(ls "$u/$f" | tr '\n' ' ')"; fi; done
`;

describe.skipIf(!engine.available)('repairing an old prefix\'s user folders', () => {
  it('turns links into the old home into real folders with their content, leaves other links', () => {
    const out = execFileSync('docker', ['run', '--rm', '--network', 'none', '--read-only', '--tmpfs', '/tmp', '--user', '1000:1000',
      '-v', `${LIB}:/lib-under-test:ro`, '--entrypoint', '/bin/bash', 'dillinger-runner:local', '-c', SCRIPT]).toString();
    const lines = out.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('note:'))).toHaveLength(2);
    expect(lines.slice(-3)).toEqual(['Documents dir save.txt ', 'Desktop dir ', 'Music link /tmp/elsewhere']);
  }, 60_000);
});
