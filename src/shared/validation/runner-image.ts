// A game's own runner image (launchConfig.runnerImage): the shape of a Docker image reference,
// checked without the engine. Whether the engine has it and whether it carries the runner contract
// is judged by the core (main/docker/game-runner-image.ts): a named image is never built or pulled.
import { z } from 'zod';

/** The runner image the app builds itself from resources/runner; the default when a game names none. */
export const BUILT_IN_RUNNER_IMAGE = 'dillinger-runner:local';

// Docker's reference grammar (distribution/reference), less the rarely used IPv6 registry form:
// [registry[:port]/]name-component(/name-component)*[:tag][@sha256:digest], or a bare image id.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REGISTRY = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)';
const TAG = ':[\\w][\\w.-]{0,127}';
const DIGEST = '@sha256:[0-9a-f]{64}';
const REFERENCE = new RegExp(`^(?:${REGISTRY}?${COMPONENT}(?:/${COMPONENT})*(?:${TAG})?(?:${DIGEST})?|sha256:[0-9a-f]{64})$`);
/** Docker refuses a repository name longer than this. */
export const MAX_IMAGE_REFERENCE_LENGTH = 255;

/** What is wrong with the text as an image reference, in a player's words; undefined when it is one. */
export function runnerImageProblem(text: string): string | undefined {
  if (text === '') return 'must not be empty: leave the field out to use the built-in runner';
  if (/\s/.test(text)) return 'must be a Docker image reference without spaces, such as my-runner:proton or registry.example/runners/wine:10';
  if (text.length > MAX_IMAGE_REFERENCE_LENGTH) return `must be at most ${MAX_IMAGE_REFERENCE_LENGTH} characters`;
  if (/[A-Z]/.test(text.replace(/^[^/]*[.:][^/]*\//, '').replace(/:[\w.-]+$/, ''))) {
    return 'must be a Docker image reference: its name is lower case (a tag may have capitals), such as my-runner:Proton9';
  }
  if (!REFERENCE.test(text)) {
    return 'must be a Docker image reference such as my-runner:proton or registry.example/runners/wine:10 (lower-case name, optional :tag)';
  }
  return undefined;
}

export const runnerImageReference = z.string({ error: 'must be text: a Docker image reference' }).superRefine((text, ctx) => {
  const problem = runnerImageProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
