// What a spec asks behind the UI's back: the core over the page's own contract connection, the
// session records in the run's data dir, and Docker about a container.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** Asks the core over the page's own contract connection (serve mode's WebSocket, with its token). */
export async function callContract(page: Page, method: string, payload?: unknown): Promise<unknown> {
  const envelope = await page.evaluate(
    async ({ method, payload }) => {
      const token = new URLSearchParams(window.location.search).get('token') ?? '';
      const socket = new WebSocket(`ws://${window.location.host}/contract?token=${encodeURIComponent(token)}`);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const answer = await new Promise<unknown>((resolve) => {
        socket.onmessage = (message) => {
          const frame = JSON.parse(String(message.data)) as { id?: number; envelope?: unknown };
          if (frame.id === 1) resolve(frame.envelope);
        };
        socket.send(JSON.stringify({ id: 1, method, payload }));
      });
      socket.close();
      return answer;
    },
    { method, payload },
  );
  const { result, error } = envelope as { result?: unknown; error?: { message: string } };
  if (error) throw new Error(`${method}: ${error.message}`);
  return result;
}

/** The container's memory limit in bytes, as Docker has it; undefined until it exists. */
export function dockerMemoryLimit(container: string): number | undefined {
  try {
    return Number(execFileSync('docker', ['inspect', '--format', '{{.HostConfig.Memory}}', container], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return undefined; // not created yet
  }
}

/** The session's record (active or history) once the core has written it; throws after 10 s. */
export async function waitForSessionFile(dataDir: string, sessionId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 50; i += 1) {
    const found = execFileSync('find', [join(dataDir, 'runner-sessions'), '-name', `${sessionId}.json`], { encoding: 'utf8' }).trim().split('\n')[0];
    if (found) return JSON.parse(readFileSync(found, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no record of ${sessionId} under ${dataDir}`);
}
