// Child process for the crash test: opens the store in argv[2] and drives sessions through their
// lifecycle as fast as it can, from several concurrent workers, until it is killed. After each
// awaited write it prints `<status> <sessionId>`: a promise that this state is durable.
import type { SessionStatus } from '../../shared/model/entities';
import { openSessionStore } from '../session-store/session-store';
import { sampleSession } from './sample-sessions';

const LIFECYCLES: readonly (readonly SessionStatus[])[] = [
  ['starting', 'running', 'stopping', 'terminated'],
  ['starting', 'running', 'crashed'],
  ['starting', 'failed'],
  ['failed'],
  ['starting', 'running'],
];
const WORKERS = 8;

function report(status: SessionStatus, sessionId: string): void {
  // stdout to a pipe is synchronous on Linux: once this returns, the parent can read the line.
  process.stdout.write(`${status} ${sessionId}\n`);
}

async function main(dataDir: string): Promise<void> {
  const store = await openSessionStore({ dataDir, log: { warn: () => undefined } });
  const worker = async (worker: number): Promise<never> => {
    for (let round = 0; ; round += 1) {
      const session = sampleSession({ userId: `user${worker}`, gameId: `game${round % 5}`, startTime: new Date().toISOString() });
      await store.create(session);
      report('requested', session.sessionId);
      for (const status of LIFECYCLES[round % LIFECYCLES.length] ?? []) {
        await store.update(session.sessionId, { status, lastActivity: new Date().toISOString() });
        report(status, session.sessionId);
        if (status === 'running') {
          // Concurrent updates of one session: the store must apply them one at a time.
          await Promise.all(
            [1, 2, 3].map(async (n) => {
              await store.update(session.sessionId, { processId: 1000 + n });
              report('running', session.sessionId);
            }),
          );
        }
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, n) => worker(n)));
}

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: hammer-writer <dataDir>\n');
  process.exit(2);
}
main(dataDir).catch((error: unknown) => {
  process.stderr.write(`hammer-writer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
