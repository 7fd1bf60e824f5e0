// The demo games go into an empty library once the engine answers (their image is built then), and
// the library is read again after; a prebuilt runner image set in Settings has no demos to build.
import type Docker from 'dockerode';
import type { EngineStatus } from '../../shared/contract/engine-status';
import { messageOf } from '../../shared/errors';
import type { BuildProgress } from '../docker/runner-image';
import { seedDemoGames } from './demo-games';

export interface DemoSeedingDeps {
  docker: Docker;
  image: { name: string; build: boolean; contextDir: string };
  libraryDir: string;
  onProgress(progress: BuildProgress): void;
  /** Reads the library again (the demos are in). */
  reload(): void;
  warn(message: string): void;
}

/** The listener to hand the engine monitor's onChange. */
export function seedDemosWhenEngineAnswers({ docker, image, libraryDir, onProgress, reload, warn }: DemoSeedingDeps): (status: EngineStatus) => void {
  return (status) => {
    if (!status.reachable || !image.build) return;
    void seedDemoGames(docker, image.name, libraryDir, image.contextDir, onProgress)
      .then(() => reload())
      .catch((error: unknown) => warn(`The demo games could not be added to the library: ${messageOf(error)}`));
  };
}
