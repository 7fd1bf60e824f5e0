// Watches whether the engine answers: checks now, then again every few seconds while it does not
// (and now and then while it does), announcing each change. The app keeps running without Docker.
import type Docker from 'dockerode';
import type { EngineStatus } from '../../shared/contract/engine-status';
import { probeEngine } from './engine';

export interface EngineMonitor {
  current(): EngineStatus;
  /** Probes now and returns the fresh status. */
  refresh(): Promise<EngineStatus>;
  onChange(listener: (status: EngineStatus) => void): () => void;
  /** Stops watching; resolves once no probe is in flight. */
  dispose(): Promise<void>;
}

export function monitorEngine(docker: Docker, endpoint: string, options: { retryMs?: number; healthyMs?: number } = {}): EngineMonitor {
  const retryMs = options.retryMs ?? 3000;
  const healthyMs = options.healthyMs ?? 30_000;
  const listeners = new Set<(status: EngineStatus) => void>();
  let status: EngineStatus = { reachable: false, endpoint, message: 'Checking the Docker engine…' };
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;
  let inFlight: Promise<unknown> = Promise.resolve();

  const refresh = async () => {
    const next = await probeEngine(docker, endpoint);
    const changed = next.reachable !== status.reachable || next.message !== status.message || next.version !== status.version;
    status = next;
    if (changed) listeners.forEach((listener) => listener(status));
    return status;
  };
  const loop = async () => {
    inFlight = refresh();
    await inFlight;
    if (!disposed) timer = setTimeout(() => void loop(), status.reachable ? healthyMs : retryMs);
  };
  void loop();

  return {
    current: () => status,
    refresh,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      disposed = true;
      clearTimeout(timer);
      listeners.clear();
      await inFlight.catch(() => undefined);
    },
  };
}
