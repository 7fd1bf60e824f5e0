import { ENV_NAME_PATTERN } from '../model/entities';
import type { Problem } from './problems';
import { unsafeEnvironmentReason } from './unsafe-environment';

// Linux hands a program each variable as one `NAME=value` string of at most 128 KiB (MAX_ARG_STRLEN),
// and all of them with the arguments within ARG_MAX (a quarter of the stack limit: 2 MiB by default).
// Over either, exec fails with "argument list too long". The limits below leave half and three
// quarters of those for the image, the app's own variables and the game's arguments.
export const MAX_ENV_VALUE_BYTES = 64 * 1024;
export const MAX_ENV_TOTAL_BYTES = 512 * 1024;

/** Variables the app sets itself, and the setting a user changes instead. */
export const APP_ENVIRONMENT: Record<string, string> = {
  DISPLAY: 'the display mode setting (displayMode)',
  XAUTHORITY: 'the display mode setting (displayMode); the app writes a private X cookie per session',
  WAYLAND_DISPLAY: 'the display mode setting (displayMode)',
  XDG_RUNTIME_DIR: 'the display mode setting (displayMode); each session gets its own runtime folder',
  DILLINGER_WAYLAND_SOCKET: 'the display mode setting (displayMode)',
  PULSE_SERVER: 'the audio setting (audioEnabled)',
  WINEPREFIX: 'the Wine prefix setting (winePrefix)',
  // Read by the NVIDIA Container Toolkit and the entrypoint: they would hand out GPUs and groups.
  NVIDIA_VISIBLE_DEVICES: 'the GPU access setting (gpuAccess, gpuDevices)',
  NVIDIA_DRIVER_CAPABILITIES: 'the GPU access setting (gpuAccess, gpuDevices)',
  DILLINGER_GROUPS: 'the GPU access setting (gpuAccess, gpuDevices); the app adds the groups that own the GPU devices',
};

const encoder = new TextEncoder();
const kib = (bytes: number) => `${bytes / 1024} KiB`;

/** Problems of the variables as the caller sent them: own keys of the raw input, `__proto__` included. */
export function environmentProblems(environment: unknown): Problem[] {
  if (typeof environment !== 'object' || environment === null) return [];
  const problems: Problem[] = [];
  let total = 0;
  for (const [name, value] of Object.entries(environment)) {
    const path = `launchConfig.environment.${name}`;
    const nameProblem = nameRule(name);
    if (nameProblem) problems.push({ path, message: nameProblem });
    if (typeof value !== 'string') continue;
    if (value.includes('\0')) {
      problems.push({ path, message: `The value of ${name} contains a NUL character, which no program can receive: remove it.` });
    }
    const bytes = encoder.encode(value).length;
    // As the kernel counts them: NAME=value and its terminating NUL.
    total += encoder.encode(name).length + 1 + bytes + 1;
    if (bytes > MAX_ENV_VALUE_BYTES) {
      problems.push({
        path,
        message: `The value of ${name} is ${kib(Math.ceil(bytes / 1024) * 1024)}, more than the ${kib(MAX_ENV_VALUE_BYTES)} a variable may hold (Linux refuses a program any variable over 128 KiB): shorten it, or put the data in a file in the game's folder and name that file instead.`,
      });
    }
  }
  if (total > MAX_ENV_TOTAL_BYTES) {
    problems.push({
      path: 'launchConfig.environment',
      message: `The variables take ${kib(Math.ceil(total / 1024) * 1024)} together, more than the ${kib(MAX_ENV_TOTAL_BYTES)} allowed (Linux refuses to start a program whose variables and arguments pass 2 MiB): remove some, or move large values into files in the game's folder.`,
    });
  }
  return problems;
}

function nameRule(name: string): string | undefined {
  if (name === '__proto__') {
    // JavaScript objects treat this key specially: the schema would drop it without a word.
    return '__proto__ cannot be carried through the app (JavaScript objects treat that name specially): rename the variable.';
  }
  if (!ENV_NAME_PATTERN.test(name)) return `"${name}" is not a valid variable name: use letters, digits and underscores, not starting with a digit.`;
  // Own keys only: `constructor` or `toString` are ordinary variable names, not app settings.
  const setting = Object.hasOwn(APP_ENVIRONMENT, name) ? APP_ENVIRONMENT[name] : undefined;
  if (setting !== undefined) return `${name} is set by the app: change ${setting} instead.`;
  const unsafe = unsafeEnvironmentReason(name);
  return unsafe === undefined ? undefined : `${name} may not be set: ${unsafe}.`;
}
