// The connection to the Docker engine, and what to tell the user when it does not answer.
import Docker from 'dockerode';
import type { EngineStatus } from '../../shared/contract/engine-status';

export function connectDocker(endpoint: string): Docker {
  if (endpoint.startsWith('tcp://') || endpoint.startsWith('http://')) {
    const url = new URL(endpoint.replace(/^tcp:/, 'http:'));
    return new Docker({ host: url.hostname, port: Number(url.port || 2375), protocol: 'http' });
  }
  return new Docker({ socketPath: endpoint });
}

/** Asks the engine who it is; never throws: an unreachable engine is a status with advice. */
export async function probeEngine(docker: Docker, endpoint: string, timeoutMs = 5000): Promise<EngineStatus> {
  try {
    const [version, info] = await withTimeout(Promise.all([docker.version(), docker.info() as Promise<{ CgroupVersion?: string }>]), timeoutMs);
    const cgroup = info.CgroupVersion === '2' ? '2' : info.CgroupVersion === '1' ? '1' : undefined;
    return { reachable: true, endpoint, version: version.Version, apiVersion: version.ApiVersion, ...(cgroup ? { cgroupVersion: cgroup } : {}) };
  } catch (error) {
    return { reachable: false, endpoint, message: adviceFor(error, endpoint) };
  }
}

export function adviceFor(error: unknown, endpoint: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `Docker is not running: there is no engine socket at ${endpoint}. Start it (sudo systemctl start docker), or set the Docker endpoint in Settings.`;
    case 'EACCES':
    case 'EPERM':
      return `You are not allowed to use the Docker socket ${endpoint}. Add yourself to the docker group (sudo usermod -aG docker $USER), then log out and in again.`;
    case 'ECONNREFUSED':
      return `Nothing answers at ${endpoint}: the Docker engine is stopped or restarting. Start it (sudo systemctl start docker) and the app reconnects by itself.`;
    case 'ETIMEDOUT':
      return `The Docker engine at ${endpoint} did not answer in time. Check that it is healthy (docker info); the app keeps retrying.`;
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return `The Docker engine at ${endpoint} could not be reached (${detail}). Check that it runs (docker info); the app keeps retrying.`;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
