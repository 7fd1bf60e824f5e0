// Which games' saves are being restored right now, so a launch cannot mount a home that a restore is
// swapping: the restore marks its game BEFORE it checks for live sessions, and every launch asks the
// guard when it prepares the game's home (after its session is recorded). So either the restore sees
// the session and refuses, or the launch sees the restore and fails saying to play again.
export interface RestoreGuard {
  /** Marks the game as being restored; call the answer when done. */
  begin(gameId: string): () => void;
  /** Throws, with what to do, while the game's saves are being restored. */
  refuseLaunch(gameId: string): void;
}

export function restoreGuard(): RestoreGuard {
  const restoring = new Map<string, number>();
  return {
    begin(gameId) {
      restoring.set(gameId, (restoring.get(gameId) ?? 0) + 1);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        const left = (restoring.get(gameId) ?? 1) - 1;
        if (left > 0) restoring.set(gameId, left);
        else restoring.delete(gameId);
      };
    },
    refuseLaunch(gameId) {
      if (restoring.has(gameId)) throw new Error(`the saves of ${gameId} are being restored: play again when the restore has finished (in a moment)`);
    },
  };
}
