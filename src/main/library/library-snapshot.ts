// The library as the core knows it: read at start, read again when the watcher sees a change in the
// folder or a caller needs it now (a game added a moment ago); a change is announced once.
import type { LibrarySnapshot } from '../../shared/library/manifest';
import { readLibrary } from './library-reader';
import { watchLibrary } from './library-watcher';

export interface WatchedLibrary {
  /** The snapshot as last read. */
  current(): LibrarySnapshot;
  /** Reads the folder again now; calls onChange when it differs. */
  reload(): LibrarySnapshot;
  stop(): void;
}

export function watchedLibrary(libraryDir: string, onChange: (snapshot: LibrarySnapshot) => void): WatchedLibrary {
  let snapshot = readLibrary(libraryDir);
  const reload = () => {
    const next = readLibrary(libraryDir);
    if (JSON.stringify(next) !== JSON.stringify(snapshot)) {
      snapshot = next;
      onChange(snapshot);
    }
    return snapshot;
  };
  const stop = watchLibrary(libraryDir, () => reload());
  return { current: () => snapshot, reload, stop };
}
