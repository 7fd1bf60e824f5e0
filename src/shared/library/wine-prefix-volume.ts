// The Wine prefix a Windows game gets by default: a Docker volume the app manages, one per game, kept
// between launches. Shared so the core's defaults and the renderer's Play agree on the name.

/** A Docker volume name for the game's Wine prefix (letters, digits, _ . -). */
export function defaultWinePrefixVolume(gameId: string): string {
  return `dillinger-prefix-${gameId}`.slice(0, 128);
}
