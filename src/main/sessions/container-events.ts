// One stream of Docker events for all our containers (label dillinger.session), reconnecting when
// it breaks; on reconnect it replays what was missed (`since`) and tells the owner to re-inspect.
import type Docker from 'dockerode';
import { SESSION_LABEL } from '../docker/labels';

export interface ContainerEvent {
  action: string; // die, oom, start, destroy, kill, ...
  containerId: string;
  sessionId: string;
  exitCode?: number;
  time: number; // seconds
}

export interface ContainerEventsOptions {
  onEvent(event: ContainerEvent): void;
  /** Called after every (re)connection: events may have been missed, re-inspect. */
  onReconnect?(): void;
  retryMs?: number;
}

export function watchContainerEvents(docker: Docker, options: ContainerEventsOptions): () => void {
  let stopped = false;
  let since = Math.floor(Date.now() / 1000);
  let stream: NodeJS.ReadableStream | undefined;
  let timer: NodeJS.Timeout | undefined;
  let first = true;

  const connect = async () => {
    try {
      const events = (await docker.getEvents({
        since,
        filters: { type: ['container'], label: [SESSION_LABEL] },
      })) as NodeJS.ReadableStream;
      if (stopped) return (events as unknown as { destroy(): void }).destroy();
      stream = events;
      if (!first) options.onReconnect?.();
      first = false;
      let buffer = '';
      events.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          const event = parseEvent(line);
          if (event) {
            since = Math.max(since, event.time);
            options.onEvent(event);
          }
        }
      });
      events.on('error', retry);
      events.on('end', retry);
    } catch {
      retry();
    }
  };
  const retry = () => {
    stream = undefined;
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, options.retryMs ?? 1000);
  };
  void connect();

  return () => {
    stopped = true;
    clearTimeout(timer);
    (stream as unknown as { destroy?(): void } | undefined)?.destroy?.();
  };
}

export function parseEvent(line: string): ContainerEvent | undefined {
  if (!line) return undefined;
  try {
    const raw = JSON.parse(line) as { Action?: string; status?: string; id?: string; time?: number; Actor?: { ID?: string; Attributes?: Record<string, string> } };
    const attributes = raw.Actor?.Attributes ?? {};
    const sessionId = attributes[SESSION_LABEL];
    const containerId = raw.Actor?.ID ?? raw.id;
    const action = raw.Action ?? raw.status;
    if (!sessionId || !containerId || !action) return undefined;
    const exitCode = attributes.exitCode !== undefined ? Number(attributes.exitCode) : undefined;
    return { action, containerId, sessionId, time: raw.time ?? Math.floor(Date.now() / 1000), ...(exitCode !== undefined && Number.isFinite(exitCode) ? { exitCode } : {}) };
  } catch {
    return undefined;
  }
}
