import { GameLaunchRequest, type GameLaunchRequestInput } from '../model/entities';
import { checkHostPath, parentOf } from './host-paths';
import type { HostFacts } from './host-facts';
import { diskBudgetProblems } from './disk-budget';
import { displayProblems } from './display';
import { environmentProblems } from './environment';
import { mergeProblems, problemsFromZod, type Problem, type Validated } from './problems';
import { resourceProblems } from './resources';
import { volumeProblems } from './volumes';
import { winePrefixProblems } from './wine-prefix';
import { wineSettingsProblems } from './wine-settings';
import { prefixProgramProblems } from './setup-file';

/**
 * Validates a launch request against the data model and this host, returning EVERY problem at
 * once. Shape problems come from the schema; the host rules run on whatever parts are readable,
 * so a form shows all its errors together. Pure: the same code runs in the renderer and the core.
 */
export function validateLaunchRequest(input: unknown, facts: HostFacts): Validated<GameLaunchRequest> {
  const parsed = GameLaunchRequest.safeParse(input);
  const shape = parsed.success ? [] : problemsFromZod(parsed.error, [], input);
  const problems = mergeProblems(shape, hostProblems(input, facts));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}

function hostProblems(input: unknown, facts: HostFacts): Problem[] {
  if (typeof input !== 'object' || input === null) return [];
  const request = input as Record<string, unknown>;
  const problems: Problem[] = [];

  const game = typeof request.gameId === 'string' ? facts.games.find((g) => g.id === request.gameId) : undefined;
  if (typeof request.gameId === 'string' && !game) {
    problems.push({ path: 'gameId', message: `There is no game "${request.gameId}" in the library: pick one from the library, or add it first.` });
  }
  if (game?.location !== undefined) {
    // A game.json may name any folder: mounted into the game, it must pass the same rules as a mount.
    const verdict = checkHostPath(game.location, facts, `${game.title}'s folder`);
    if (!verdict.ok) problems.push({ path: 'gameId', message: `${verdict.message} Fix "location" in its game.json, or move the game into the library.` });
  }
  if (game && typeof request.platform === 'string' && !game.platforms.includes(request.platform as 'linux' | 'windows')) {
    problems.push({ path: 'platform', message: `${game.title} runs on ${game.platforms.join(' and ')}, not ${request.platform}: choose ${game.platforms.join(' or ')}.` });
  }
  if (typeof request.sessionId === 'string' && facts.sessionIds.includes(request.sessionId)) {
    problems.push({ path: 'sessionId', message: `Session id ${request.sessionId} is already used: generate a new one.` });
  }

  problems.push(...prefixProgramProblems(request.platform, request.program, facts));

  const config = request.launchConfig;
  if (typeof config === 'object' && config !== null) {
    const c = config as Record<string, unknown>;
    problems.push(
      ...winePrefixProblems(request.platform, c.winePrefix, facts),
      ...displayProblems(c, facts, request.platform),
      ...resourceProblems(c.resources, facts),
      ...diskBudgetProblems(c),
      ...environmentProblems(c.environment),
      ...volumeProblems(c.volumes, facts),
      ...wineSettingsProblems(request.platform, c, facts),
    );
  }
  return problems;
}

/** The host paths a request names, which the core must look at (exists? real path?) before validating. */
export function pathsToProbe(request: GameLaunchRequestInput | Record<string, unknown>): string[] {
  const paths = new Set<string>();
  const config = (request as { launchConfig?: { winePrefix?: unknown; volumes?: unknown } }).launchConfig;
  if (typeof config?.winePrefix === 'string' && config.winePrefix.startsWith('/')) {
    paths.add(config.winePrefix);
    paths.add(parentOf(config.winePrefix));
  }
  if (Array.isArray(config?.volumes)) {
    for (const volume of config.volumes as Array<Record<string, unknown> | null>) {
      if (volume?.type === 'bind' && typeof volume.hostPath === 'string' && volume.hostPath.startsWith('/')) {
        paths.add(volume.hostPath);
      }
    }
  }
  const program = (request as { program?: { file?: unknown } }).program;
  if (typeof program?.file === 'string' && program.file.startsWith('/')) paths.add(program.file);
  return [...paths];
}
