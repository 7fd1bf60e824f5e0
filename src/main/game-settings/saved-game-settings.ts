// Each game's launch settings, as the user last saved them: <dataDir>/game-settings/<gameId>.json,
// written atomically. A file that cannot be read is set aside (never deleted) and the defaults apply.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { GameSettings } from '../../shared/contract/contract';
import { LaunchConfiguration, platform } from '../../shared/model/entities';

type Platform = z.infer<typeof platform>;
import type { LibraryGame } from '../../shared/library/manifest';
import { defaultWinePrefixVolume } from '../../shared/library/wine-prefix-volume';
import type { HostFacts } from '../../shared/validation/host-facts';
import { writeJsonAtomic } from '../session-store/atomic-file';
import { messageOf } from '../../shared/errors';

export const GAME_SETTINGS_DIR = 'game-settings';

const StoredSettings = z.strictObject({ platform, launchConfig: LaunchConfiguration, updatedAt: z.string() });

/** What a game gets before its settings are saved: the first display this machine has, no GPU, sound on. */
export function defaultGameSettings(game: LibraryGame, facts: Pick<HostFacts, 'displays'>, preferred?: Platform): GameSettings {
  const chosen = game.platforms.find((p) => p.platform === preferred)?.platform ?? game.platforms[0]?.platform ?? 'linux';
  return {
    gameId: game.id,
    platform: chosen,
    launchConfig: LaunchConfiguration.parse({
      displayMode: facts.displays.x11 || !facts.displays.wayland ? 'x11' : 'wayland',
      resources: { gpuAccess: 'none' },
      environment: {},
      volumes: [],
      audioEnabled: true,
      networkMode: 'none',
      // One prefix per game, in a volume the app manages: kept between launches.
      ...(chosen === 'windows' ? { winePrefix: defaultWinePrefixVolume(game.id) } : {}),
    }),
    saved: false,
  };
}


export class GameSettingsStore {
  constructor(private readonly dataDir: string, private readonly warn: (message: string) => void) {}

  private pathOf(gameId: string): string {
    return join(this.dataDir, GAME_SETTINGS_DIR, `${gameId}.json`);
  }

  /** The saved settings, or undefined when there are none (or they were set aside as unreadable). */
  read(gameId: string): GameSettings | undefined {
    const path = this.pathOf(gameId);
    if (!existsSync(path)) return undefined;
    let problem: string;
    try {
      const parsed = StoredSettings.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) return { gameId, ...parsed.data, saved: true };
      problem = parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
    } catch (error) {
      problem = messageOf(error);
    }
    const aside = `${path}.invalid-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(path, aside);
    this.warn(`The saved launch settings of ${gameId} could not be read (${problem}). They were kept in ${aside} and the defaults apply.`);
    return undefined;
  }

  async save(gameId: string, chosen: Platform, launchConfig: LaunchConfiguration): Promise<GameSettings> {
    const updatedAt = new Date().toISOString();
    await mkdir(join(this.dataDir, GAME_SETTINGS_DIR), { recursive: true, mode: 0o700 });
    await writeJsonAtomic(this.pathOf(gameId), { platform: chosen, launchConfig, updatedAt });
    return { gameId, platform: chosen, launchConfig, saved: true, updatedAt };
  }

  reset(gameId: string): void {
    rmSync(this.pathOf(gameId), { force: true });
  }
}
