// Gathers HostFacts live, for the shared validation rules.
import { availableParallelism, totalmem } from 'node:os';
import { normalizeAbsolute } from '../../shared/model/container-paths';
import type { LibrarySnapshot } from '../../shared/library/manifest';
import type { GpuFact, HostFacts } from '../../shared/validation/host-facts';
import { findSoundServer } from '../audio/pulse-server';
import { detectDisplays } from './displays';
import { probePaths, resolveIfExists } from './path-probe';

/** Reachable through a mount, these would give a game the host: never allowed, whatever the settings say. */
export const ALWAYS_DENIED = ['/etc', '/proc', '/sys', '/dev', '/run', '/var/run', '/boot', '/var/run/docker.sock', '/run/docker.sock'];

export interface HostFactsSources {
  allowedHostDirectories: readonly string[];
  /** The app's data dir and the Docker socket, on top of ALWAYS_DENIED. */
  extraDenied: readonly string[];
  library: LibrarySnapshot;
  sessionIds: () => string[];
  gpus: () => Promise<GpuFact[]>;
  /** Whether the Docker engine has the NVIDIA runtime (host/gpus.ts nvidiaRuntimeProbe); undefined: unknown. */
  nvidiaRuntime?: () => Promise<boolean | undefined>;
  /** The Docker volume the library is mounted from, when not the default. */
  libraryVolume?: string;
  env?: NodeJS.ProcessEnv;
}

export async function gatherHostFacts(sources: HostFactsSources, paths: readonly string[] = []): Promise<HostFacts> {
  const [allowed, denied, probed, gpus, nvidiaRuntime] = await Promise.all([
    resolveAll(sources.allowedHostDirectories),
    resolveAll([...ALWAYS_DENIED, ...sources.extraDenied]),
    // Games installed outside the library are mount sources too: their folders are always judged.
    probePaths([...paths, ...sources.library.games.flatMap((game) => (game.location ? [game.location] : []))]),
    sources.gpus(),
    sources.nvidiaRuntime?.(),
  ]);
  return {
    cpuCount: availableParallelism(),
    memoryBytes: totalmem(),
    displays: detectDisplays(sources.env),
    sound: soundFact(sources.env ?? process.env),
    gpus,
    ...(nvidiaRuntime !== undefined ? { nvidiaRuntime } : {}),
    allowedHostDirectories: allowed,
    deniedHostPaths: denied,
    paths: probed,
    games: sources.library.games.map((game) => ({
      id: game.id, title: game.title, platforms: game.platforms.map((p) => p.platform), ...(game.location ? { location: game.location } : {}),
    })),
    sessionIds: sources.sessionIds(),
    ...(sources.libraryVolume ? { libraryVolume: sources.libraryVolume } : {}),
  };
}

/** Resolves symlinks (a denied /var/run is really /run), keeps both spellings, drops duplicates. */
async function resolveAll(paths: readonly string[]): Promise<string[]> {
  const resolved = await Promise.all(paths.map(async (p) => [normalizeAbsolute(p), await resolveIfExists(normalizeAbsolute(p))]));
  return [...new Set(resolved.flat())];
}

function soundFact(env: NodeJS.ProcessEnv): HostFacts['sound'] {
  const found = findSoundServer(env);
  return found.found ? { server: found.server } : { missing: found.reason };
}
