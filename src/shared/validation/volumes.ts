import {
  APP_MOUNTS, LIBRARY_VOLUME, SYSTEM_PATHS, VOLUME_NAME_PATTERN, isWithin, normalizeAbsolute,
} from '../model/container-paths';
import type { HostFacts } from './host-facts';
import { checkHostPath } from './host-paths';
import type { Problem } from './problems';

/** Rules for one VolumeMount's containerPath that need no host knowledge. */
export function containerPathProblem(containerPath: string): string | undefined {
  if (!containerPath.startsWith('/')) return `"${containerPath}" must be an absolute path inside the container, such as /saves.`;
  const normalized = normalizeAbsolute(containerPath);
  if (normalized !== containerPath) return `Write the path in its plain form: ${normalized}.`;
  if (containerPath === '/') return 'Mounting over / would replace the whole container: pick a folder such as /saves.';
  const system = SYSTEM_PATHS.find((p) => isWithin(containerPath, p));
  if (system) return `${containerPath} is inside the system folder ${system}: pick another place, such as /saves or /data.`;
  // A mount ABOVE a system folder hides it just the same (/var would hide /var/lib and /var/run).
  const covered = SYSTEM_PATHS.find((p) => isWithin(p, containerPath));
  if (covered) return `${containerPath} holds the system folder ${covered}, which a mount there would hide: pick another place, such as /saves or /data.`;
  const app = APP_MOUNTS.find((m) => isWithin(containerPath, m) || isWithin(m, containerPath));
  if (app) return `${containerPath} collides with the app's own mount at ${app}: pick another place.`;
  return undefined;
}

export function volumeProblems(volumes: unknown, facts: HostFacts): Problem[] {
  if (!Array.isArray(volumes)) return [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  volumes.forEach((volume: unknown, index) => {
    if (typeof volume !== 'object' || volume === null) return;
    const v = volume as Record<string, unknown>;
    const at = `launchConfig.volumes.${index}`;

    if (typeof v.containerPath === 'string') {
      const problem = containerPathProblem(v.containerPath);
      if (problem) problems.push({ path: `${at}.containerPath`, message: problem });
      const earlier = seen.get(v.containerPath);
      if (earlier !== undefined) {
        problems.push({ path: `${at}.containerPath`, message: `Mount ${earlier + 1} already uses ${v.containerPath}: each mount needs its own place.` });
      } else seen.set(v.containerPath, index);
    }

    if (typeof v.hostPath !== 'string') return;
    const hostPathAt = `${at}.hostPath`;
    if (v.type === 'bind') {
      const verdict = checkHostPath(v.hostPath, facts, 'Folder');
      if (!verdict.ok) problems.push({ path: hostPathAt, message: verdict.message });
    } else if (v.type === 'volume') {
      if (!VOLUME_NAME_PATTERN.test(v.hostPath)) {
        problems.push({
          path: hostPathAt,
          message: v.hostPath.startsWith('/')
            ? `"${v.hostPath}" is a folder, not a Docker volume name: to mount a folder use type bind, or give a volume name such as game-saves.`
            : `"${v.hostPath}" is not a Docker volume name: use at least 2 letters, digits, '_', '.' or '-', starting with a letter or digit, such as game-saves.`,
        });
      } else if (v.hostPath === (facts.libraryVolume ?? LIBRARY_VOLUME)) {
        problems.push({ path: hostPathAt, message: `${v.hostPath} is the library volume earlier versions mounted (it shows every game's files): give the game a volume of its own, such as game-saves.` });
      }
    } else if (v.type === 'tmpfs') {
      if (v.hostPath !== '') problems.push({ path: hostPathAt, message: 'A tmpfs mount lives in memory and has no host path: leave it empty.' });
      if (v.mode === 'ro') problems.push({ path: `${at}.mode`, message: 'A read-only tmpfs is always empty: use rw.' });
    }
  });
  return problems;
}
