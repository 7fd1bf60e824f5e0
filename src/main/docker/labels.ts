// The Docker labels the app writes and reads, named once. Our containers carry SESSION (the app
// never touches a container without it), GAME, USER and INSTANCE (which app instance made it);
// volumes and helper containers carry PURPOSE; the runner image carries its version, its contract and Wine's arch.
// Here in docker/ because volumes (docker/), demo seeding (library/), the container spec
// (container/) and the lifecycle (sessions/) all use them.

export const SESSION_LABEL = 'dillinger.session';
export const GAME_LABEL = 'dillinger.game';
export const USER_LABEL = 'dillinger.user';
/** Which app instance a container belongs to (app-data/instance-id.ts). */
export const INSTANCE_LABEL = 'dillinger.instance';
/** What a volume or a helper container is for ('game-data', 'seed-demos', ...). */
export const PURPOSE_LABEL = 'dillinger.purpose';

/**
 * The label an app-built runner image carries: a hash of every file of its build context. An image
 * whose label differs (an older app's Dockerfile, entrypoint or demos) is rebuilt, never silently used.
 */
export const RUNNER_VERSION_LABEL = 'dillinger.runner.version';
/**
 * Dangling images carrying this label are leftovers of our Dockerfile's builder stage and are removed
 * after a build. The builder stage must declare it (`LABEL dillinger.runner.stage=builder`); images
 * without it are never touched, so without that line nothing is pruned.
 */
export const BUILDER_STAGE_LABEL = 'dillinger.runner.stage=builder';
/** The runner image's label naming what its Wine starts: `win64`, or `win64,win32`. */
export const WINE_ARCH_LABEL = 'dillinger.runner.wine-arch';
/**
 * The label saying an image keeps the runner's entrypoint contract (resources/runner/entrypoint.sh:
 * its arguments, DILLINGER_* variables and exit codes), and which version of it. A game may name
 * another runner image only if it carries this label with RUNNER_CONTRACT_VERSION; an image built
 * `FROM dillinger-runner:local` inherits it.
 */
export const RUNNER_CONTRACT_LABEL = 'dillinger.runner.contract';
export const RUNNER_CONTRACT_VERSION = '1';
