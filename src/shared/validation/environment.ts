import { ENV_NAME_PATTERN } from '../model/entities';
import type { Problem } from './problems';

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

export function environmentProblems(environment: unknown): Problem[] {
  if (typeof environment !== 'object' || environment === null) return [];
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(environment)) {
    const path = `launchConfig.environment.${name}`;
    if (!ENV_NAME_PATTERN.test(name)) {
      problems.push({
        path,
        message: `"${name}" is not a valid variable name: use letters, digits and underscores, not starting with a digit.`,
      });
    } else {
      // Own keys only: `constructor` or `toString` are ordinary variable names, not app settings.
      const setting = Object.hasOwn(APP_ENVIRONMENT, name) ? APP_ENVIRONMENT[name] : undefined;
      if (setting !== undefined) problems.push({ path, message: `${name} is set by the app: change ${setting} instead.` });
    }
    if (typeof value === 'string' && value.includes('\0')) {
      problems.push({ path, message: `The value of ${name} contains a NUL character, which no program can receive: remove it.` });
    }
  }
  return problems;
}
