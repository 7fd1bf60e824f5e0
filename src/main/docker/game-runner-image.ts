// A game's own runner image (launchConfig.runnerImage): which image a launch uses, and whether a
// named one can be used. A named image is never built or pulled (Docker Hub is out of reach, and
// the user chose that image): it must be on this machine and carry the runner contract label.
import type Docker from 'dockerode';
import type { GameLaunchRequest } from '../../shared/model/entities';
import { RUNNER_CONTRACT_LABEL, RUNNER_CONTRACT_VERSION } from './labels';
import { imageLabels } from './runner-image';

export interface RunnerImageChoice {
  name: string;
  /** True when the app builds (and rebuilds) it from resources/runner; a game's own image never is. */
  build: boolean;
  contextDir: string;
}

/** The image a launch runs in: the game's own, or the app's (`appImage`, from Settings or built). */
export function runnerImageFor(request: Pick<GameLaunchRequest, 'launchConfig'>, appImage: RunnerImageChoice): RunnerImageChoice {
  const own = request.launchConfig.runnerImage;
  if (own === undefined || own === appImage.name) return appImage;
  return { name: own, build: false, contextDir: '' };
}

export type RunnerImageVerdict = { ok: true } | { ok: false; kind: 'missing' | 'foreign'; message: string };

/** What the engine's answer about `image` means for a game that names it (labels: undefined when missing). */
export function judgeGameRunnerImage(image: string, labels: Record<string, string> | undefined): RunnerImageVerdict {
  if (labels === undefined) {
    return {
      ok: false,
      kind: 'missing',
      message: `The game's runner image ${image} is not on this machine, and the app never downloads or builds a game's own image: build it (docker build -t ${image} <folder>, FROM dillinger-runner:local) or load it (docker load -i <file>), or clear the game's runner image to use the built-in one.`,
    };
  }
  const contract = labels[RUNNER_CONTRACT_LABEL];
  if (contract === undefined) {
    return {
      ok: false,
      kind: 'foreign',
      message: `The image ${image} is not a Dillinger runner (it has no ${RUNNER_CONTRACT_LABEL} label), so it would not start the game as the app expects: build your runner FROM dillinger-runner:local (it inherits the label), or clear the game's runner image to use the built-in one.`,
    };
  }
  if (contract !== RUNNER_CONTRACT_VERSION) {
    return {
      ok: false,
      kind: 'foreign',
      message: `The image ${image} keeps version ${contract} of the runner contract, and this app speaks version ${RUNNER_CONTRACT_VERSION}: rebuild it FROM this app's dillinger-runner:local, or clear the game's runner image to use the built-in one.`,
    };
  }
  return { ok: true };
}

/** The verdict on a game's own runner image, asking the engine. */
export async function checkGameRunnerImage(docker: Docker, image: string): Promise<RunnerImageVerdict> {
  return judgeGameRunnerImage(image, await imageLabels(docker, image));
}

/**
 * For launch.validate and launch.preview: why a game's named image cannot be used, or undefined
 * (also for the app's own image, which a launch builds or checks itself).
 */
export function gameRunnerImageJudge(docker: Docker, appImage: RunnerImageChoice): (image: string) => Promise<string | undefined> {
  return async (image) => {
    if (image === appImage.name) return undefined;
    const verdict = await checkGameRunnerImage(docker, image);
    return verdict.ok ? undefined : verdict.message;
  };
}
