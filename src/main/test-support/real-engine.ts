// Integration tests use the real Docker engine. In CI (CI=true) a missing engine FAILS the run;
// elsewhere the tests skip and say why, so a laptop without Docker can still run the unit tests.
import Docker from 'dockerode';
import { defaultDockerEndpoint } from '../app-data/settings';
import { messageOf } from '../../shared/errors';

export interface RealEngine {
  available: boolean;
  endpoint: string;
  /** Why the tests that need it are skipped. */
  reason?: string;
}

export async function findRealEngine(): Promise<RealEngine> {
  const endpoint = defaultDockerEndpoint();
  try {
    await new Docker({ socketPath: endpoint }).ping();
    return { available: true, endpoint };
  } catch (error) {
    const reason = `no Docker engine answers at ${endpoint} (${messageOf(error)}); run scripts/provision.sh as root to start one`;
    if (process.env.CI === 'true') throw new Error(`CI needs a real Docker engine: ${reason}`, { cause: error });
    console.warn(`Skipping tests that need Docker: ${reason}`);
    return { available: false, endpoint, reason };
  }
}
