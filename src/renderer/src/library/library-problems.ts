// What the Library problems list offers for each skipped folder: a folder without a game.json can be
// added as a game (Add game, that folder filled in); a game.json that is wrong is fixed in a text
// editor, so its path is offered to copy. Pure, so the choice per kind is tested.
import { MANIFEST_FILE, type LibraryProblem } from '../../../shared/library/manifest';

export type ProblemAction = { action: 'add-folder'; label: string } | { action: 'copy-manifest-path'; label: string; path: string };

export function manifestPath(root: string, folder: string): string {
  return `${root.replace(/\/+$/, '')}/${folder}/${MANIFEST_FILE}`;
}

export function problemAction(problem: LibraryProblem, root: string): ProblemAction {
  if (problem.kind === 'no-manifest') return { action: 'add-folder', label: 'Add this folder as a game' };
  return { action: 'copy-manifest-path', label: `Copy the path of its ${MANIFEST_FILE}`, path: manifestPath(root, problem.folder) };
}
