// The files a snapshot must read, stored a few at a time while the walk goes on, so the walk's
// lstats and the stores' reads, writes and fsyncs overlap. One job per key (an inode: hard links
// are read once). After a failure no new job starts, every later one fails with that first error,
// and `settled()` lets the caller wait for those running before it cleans up what they wrote.
export interface StoreQueue<T> {
  add(key: string, job: () => Promise<T>): void;
  has(key: string): boolean;
  result(key: string): Promise<T>;
  settled(): Promise<void>;
}

export function storeQueue<T>(concurrency: number): StoreQueue<T> {
  const results = new Map<string, Promise<T>>();
  const waiting: (() => void)[] = [];
  let running = 0;
  let firstError: unknown;
  let failed = false;
  const slot = async () => {
    while (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
  };
  const release = () => {
    running -= 1;
    waiting.shift()?.();
  };
  return {
    add(key, job) {
      if (results.has(key)) return;
      const promise = (async () => {
        await slot();
        try {
          if (failed) throw firstError;
          return await job();
        } catch (error) {
          if (!failed) [failed, firstError] = [true, error];
          throw firstError;
        } finally {
          release();
        }
      })();
      promise.catch(() => undefined); // awaited through result(); never an unhandled rejection
      results.set(key, promise);
    },
    has: (key) => results.has(key),
    result(key) {
      const promise = results.get(key);
      if (!promise) throw new Error(`no stored content for ${key}`);
      return promise;
    },
    async settled() {
      await Promise.allSettled(results.values());
    },
  };
}
