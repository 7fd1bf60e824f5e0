// Re-reads the library when its folder changes (a game copied in, a manifest edited), debounced so
// a copy of many files is one re-read. Returns the disposer.
import { watch, type FSWatcher } from 'node:fs';

export function watchLibrary(root: string, onChange: () => void, debounceMs = 300): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(root, { recursive: true, persistent: false }, () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
    watcher.on('error', () => watcher?.close()); // the folder went away: the next library.list reads it again
  } catch {
    // Watching is a convenience: without it, the library is still re-read on every library.list.
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
