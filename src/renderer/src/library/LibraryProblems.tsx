// The library folders that were skipped, each with what is wrong and the action that fixes it (see
// library-problems.ts), and a way to read the library again once fixed.
import { useState } from 'react';
import type { LibraryProblem } from '../../../shared/library/manifest';
import { problemAction } from './library-problems';

export function LibraryProblems({ root, problems, onAddFolder, onReload }: { root: string; problems: LibraryProblem[]; onAddFolder: (folder: string) => void; onReload: () => void }) {
  const [copied, setCopied] = useState<string>();
  const copy = async (path: string) => {
    try {
      await navigator.clipboard.writeText(path);
      setCopied(`Copied ${path}: open it in a text editor, fix it and save; the library reads it again by itself.`);
    } catch {
      setCopied(`Could not copy to the clipboard: open ${path} in a text editor and fix it.`);
    }
  };
  return (
    <section className="library-problems" aria-labelledby="library-problems-heading">
      <header className="library-problems-header">
        <h3 id="library-problems-heading">Library problems</h3>
        <button type="button" className="button button-small" onClick={onReload}>
          Read the library again
        </button>
      </header>
      <p className="page-subtitle">These folders were skipped. Each says what to fix.</p>
      <ul>
        {problems.map((problem) => {
          const action = problemAction(problem, root);
          return (
            <li key={problem.folder}>
              <span>
                <code>{problem.folder}</code>: {problem.message}
              </span>{' '}
              {action.action === 'add-folder' ? (
                <button type="button" className="button button-small" aria-label={`Add the folder ${problem.folder} as a game`} onClick={() => onAddFolder(problem.folder)}>
                  {action.label}
                </button>
              ) : (
                <button type="button" className="button button-small" aria-label={`Copy the path of ${problem.folder}'s game.json`} onClick={() => void copy(action.path)}>
                  {action.label}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <p className="library-problems-note" role="status">
        {copied}
      </p>
    </section>
  );
}
