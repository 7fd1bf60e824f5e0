// Child process for the crash tests: takes a snapshot or restores one, in its own process, so the
// test can SIGKILL it where DILLINGER_SAVES_PAUSE_AT makes it stop (see pause-point.ts).
// usage: saves-child snapshot|restore <dataDir> <gameId> <roots as JSON> [snapshotId]
import { openGameSaves, type SaveRoot } from '../saves/game-saves';

async function main(): Promise<void> {
  const [op, dataDir, gameId, rootsJson, snapshotId] = process.argv.slice(2);
  if (!dataDir || !gameId || !rootsJson) throw new Error('usage: saves-child snapshot|restore <dataDir> <gameId> <roots> [snapshotId]');
  const saves = openGameSaves({ dataDir });
  const roots = JSON.parse(rootsJson) as SaveRoot[];
  if (op === 'snapshot') {
    const result = await saves.snapshot(gameId, roots, { kind: 'session-end' });
    process.stdout.write(`done ${result.status}\n`);
  } else if (op === 'restore' && snapshotId) {
    await saves.restore(gameId, snapshotId, roots);
    process.stdout.write('done restore\n');
  } else throw new Error(`unknown operation ${op}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`saves-child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
