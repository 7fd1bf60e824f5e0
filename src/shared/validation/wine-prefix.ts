import { LIBRARY_VOLUME, VOLUME_NAME_PATTERN } from '../model/container-paths';
import type { HostFacts } from './host-facts';
import { checkHostPath, parentOf, placementProblem } from './host-paths';
import type { Problem } from './problems';

const AT = 'launchConfig.winePrefix';

/**
 * A Windows game needs a Wine prefix: either a folder on the host (an absolute path, created on
 * first launch when its parent exists) or the name of a Docker volume the app manages.
 */
export function winePrefixProblems(platform: unknown, winePrefix: unknown, facts: HostFacts): Problem[] {
  if (platform !== 'windows') return [];
  if (winePrefix === undefined || winePrefix === '') {
    return [{ path: AT, message: 'Windows games need a Wine prefix: give an absolute folder path such as /home/you/Games/prefixes/mygame, or a volume name such as mygame-prefix.' }];
  }
  if (typeof winePrefix !== 'string') return [];
  if (!winePrefix.startsWith('/')) {
    if (!VOLUME_NAME_PATTERN.test(winePrefix)) {
      return [{
        path: AT,
        message: `"${winePrefix}" is neither an absolute folder path (starting with /) nor a volume name (at least 2 letters, digits, '_', '.' or '-', starting with a letter or digit): use one such as /home/you/Games/prefixes/mygame or mygame-prefix.`,
      }];
    }
    if (winePrefix === (facts.libraryVolume ?? LIBRARY_VOLUME)) return [{ path: AT, message: `${winePrefix} is the app's library volume: pick another name.` }];
    return [];
  }
  const fact = facts.paths[winePrefix];
  if (fact?.exists) {
    if (fact.kind !== undefined && fact.kind !== 'directory') {
      return [{ path: AT, message: `${winePrefix} is not a folder: a Wine prefix is a folder.` }];
    }
    const verdict = checkHostPath(winePrefix, facts, 'Wine prefix');
    return verdict.ok ? [] : [{ path: AT, message: verdict.message }];
  }
  // Not there yet: the app creates it on first launch, inside a parent that must exist and be allowed.
  const parent = parentOf(winePrefix);
  const parentFact = facts.paths[parent];
  if (!parentFact?.exists || !parentFact.realPath) {
    return [{ path: AT, message: `Neither ${winePrefix} nor its folder ${parent} exists: create ${parent} first, or pick another place.` }];
  }
  if (parentFact.kind !== undefined && parentFact.kind !== 'directory') {
    return [{ path: AT, message: `${parent} is not a folder, so ${winePrefix} cannot be created in it: pick a path inside a folder.` }];
  }
  if (!parentFact.accessible) {
    return [{ path: AT, message: `${parent} cannot be read by you, so ${winePrefix} cannot be created in it: fix its permissions or pick another place.` }];
  }
  const problem = placementProblem(parentFact.realPath, parent, facts, 'Wine prefix folder');
  return problem ? [{ path: AT, message: problem }] : [];
}
