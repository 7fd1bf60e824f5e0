// The launch settings form as plain data: what the inputs hold (text, so a half-typed value can be
// shown and judged), how that becomes a LaunchConfiguration, and which field each problem belongs
// to. Pure: the store and the tests use it without a page.
import type { GameSettings } from '../../../shared/contract/contract';
import type { HostFacts } from '../../../shared/validation/host-facts';
import { validateLaunchRequest } from '../../../shared/validation/launch-request';
import type { Problem } from '../../../shared/validation/problems';
import type { Platform } from '../library/launch-game';
import { wineFieldOf, wineFormFrom, wineSettingsFromForm, type WineForm } from './wine-form';

export interface EnvRow {
  id: number;
  name: string;
  value: string;
}

export interface VolumeRow {
  id: number;
  type: 'bind' | 'volume' | 'tmpfs';
  hostPath: string;
  containerPath: string;
  mode: 'ro' | 'rw';
}

export interface LaunchForm {
  platform: Platform;
  displayMode: 'x11' | 'wayland';
  resolution: string;
  refreshRate: string;
  winePrefix: string;
  cpuLimit: string;
  memoryLimit: string;
  diskLimit: string;
  gpuAccess: 'none' | 'shared' | 'dedicated';
  gpuDevices: string[];
  audioEnabled: boolean;
  networkMode: 'none' | 'bridge' | 'host';
  environment: EnvRow[];
  volumes: VolumeRow[];
  /** Windows games' Wine settings (wine-form.ts); absent: Wine's defaults. */
  wine?: WineForm;
  /** The game's own runner image; empty: the built-in one (RunnerImageField.tsx). */
  runnerImage?: string;
  /** x11: the user's display, or one of the game's own (DisplayIsolationField.tsx); absent: shared. */
  displayIsolation?: 'shared' | 'isolated';
  fullscreen?: boolean;
}

let nextRowId = 1;
export function newRowId(): number {
  return nextRowId++;
}

export function formFromSettings(settings: Pick<GameSettings, 'platform' | 'launchConfig'>): LaunchForm {
  const c = settings.launchConfig;
  const r = c.resources;
  return {
    platform: settings.platform,
    displayMode: c.displayMode,
    resolution: c.resolution ?? '',
    refreshRate: c.refreshRate === undefined ? '' : String(c.refreshRate),
    winePrefix: c.winePrefix ?? '',
    cpuLimit: r.cpuLimit === undefined ? '' : String(r.cpuLimit),
    memoryLimit: r.memoryLimit ?? '',
    diskLimit: r.diskLimit ?? '',
    gpuAccess: r.gpuAccess,
    gpuDevices: [...(r.gpuDevices ?? [])],
    audioEnabled: c.audioEnabled,
    networkMode: c.networkMode ?? 'none',
    environment: Object.entries(c.environment ?? {}).map(([name, value]) => ({ id: newRowId(), name, value })),
    volumes: (c.volumes ?? []).map((v) => ({ id: newRowId(), ...v })),
    wine: wineFormFrom(c.wine),
    runnerImage: c.runnerImage ?? '',
    ...(c.displayIsolation ? { displayIsolation: c.displayIsolation } : {}),
    ...(c.fullscreen !== undefined ? { fullscreen: c.fullscreen } : {}),
  };
}

/** A number typed as text: the number when it reads as one, else the text (so the shared rules name it). */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : text;
}

export const envKey = (row: EnvRow) => `env.${row.id}`;

/**
 * The form as the LaunchConfiguration it stands for (unchecked: validation judges it), and the
 * problems only the table knows of (a variable named twice, a value without a name).
 */
export function launchConfigFromForm(form: LaunchForm): { config: Record<string, unknown>; tableProblems: Problem[] } {
  const tableProblems: Problem[] = [];
  const environment: Record<string, string> = {};
  for (const row of form.environment) {
    if (row.name === '' && row.value === '') continue;
    if (row.name.trim() === '') {
      tableProblems.push({ path: envKey(row), message: 'Give this variable a name, or remove the row.' });
    } else if (Object.hasOwn(environment, row.name)) {
      tableProblems.push({ path: envKey(row), message: `${row.name} is already set above: each variable once.` });
    } else {
      // defineProperty, not `environment[name] =`: a row named __proto__ would set the object's
      // prototype and vanish; it must reach validation and be refused there like any bad name.
      Object.defineProperty(environment, row.name, { value: row.value, enumerable: true, writable: true, configurable: true });
    }
  }
  const resources: Record<string, unknown> = { gpuAccess: form.gpuAccess };
  const cpuLimit = numberOrText(form.cpuLimit);
  if (cpuLimit !== undefined) resources.cpuLimit = cpuLimit;
  if (form.memoryLimit.trim() !== '') resources.memoryLimit = form.memoryLimit;
  if (form.diskLimit.trim() !== '') resources.diskLimit = form.diskLimit;
  if (form.gpuDevices.length > 0) resources.gpuDevices = [...form.gpuDevices];

  const config: Record<string, unknown> = {
    displayMode: form.displayMode,
    resources,
    environment,
    volumes: form.volumes.map(({ type, hostPath, containerPath, mode }) => ({ hostPath, containerPath, mode, type })),
    audioEnabled: form.audioEnabled,
    networkMode: form.networkMode,
  };
  if (form.platform === 'windows' && form.winePrefix !== '') config.winePrefix = form.winePrefix;
  const wine = form.platform === 'windows' && form.wine ? wineSettingsFromForm(form.wine) : undefined;
  if (wine) config.wine = wine;
  // As typed (a stray space is refused by the shared rules, not trimmed away); empty: the built-in runner.
  if (form.runnerImage) config.runnerImage = form.runnerImage;
  if (form.displayIsolation) config.displayIsolation = form.displayIsolation;
  if (form.fullscreen) config.fullscreen = true;
  if (form.resolution.trim() !== '') config.resolution = form.resolution;
  const refreshRate = numberOrText(form.refreshRate);
  if (refreshRate !== undefined) config.refreshRate = refreshRate;
  return { config, tableProblems };
}

/** Validation only needs a well-formed id here; the core fills in the real one at launch. */
const PLACEHOLDER_SESSION = 'sess_00000000-0000-4000-8000-000000000000';
/** Nor does the form judge who plays: a launch carries app.info's userId, which the core checks. */
const PLACEHOLDER_USER = 'player';

/** Every problem of the form against this host: the shared rules, then the table's own. */
export function validateForm(form: LaunchForm, gameId: string, facts: HostFacts): Problem[] {
  const { config, tableProblems } = launchConfigFromForm(form);
  const request = {
    gameId,
    userId: PLACEHOLDER_USER,
    platform: form.platform,
    launchConfig: config,
    sessionId: PLACEHOLDER_SESSION,
    timestamp: new Date().toISOString(),
  };
  const verdict = validateLaunchRequest(request, { ...facts, sessionIds: [] });
  const shared = verdict.ok ? [] : verdict.problems.filter((p) => p.path !== 'sessionId' && p.path !== 'timestamp');
  return [...shared, ...tableProblems];
}

/** Fields the form shows problems at (keys of FieldProblems.fields, besides env.<row> and volume cells). */
export const FIELD_PATHS = [
  'platform',
  'launchConfig.displayMode',
  'launchConfig.resolution',
  'launchConfig.refreshRate',
  'launchConfig.winePrefix',
  'launchConfig.resources.cpuLimit',
  'launchConfig.resources.memoryLimit',
  'launchConfig.resources.diskLimit',
  'launchConfig.resources.gpuAccess',
  'launchConfig.resources.gpuDevices',
  'launchConfig.audioEnabled',
  'launchConfig.networkMode',
  'launchConfig.runnerImage',
  'launchConfig.displayIsolation',
  'launchConfig.fullscreen',
] as const;

export interface FieldProblems {
  /** Messages per field key: a FIELD_PATHS entry, `env.<rowId>`, `launchConfig.volumes.<i>[.<cell>]`. */
  fields: Record<string, string[]>;
  /** Problems no field shows (the game itself, an unknown key): listed above the form. */
  general: Problem[];
}

/** Puts each problem at the field that shows it. */
export function problemsByField(problems: readonly Problem[], form: LaunchForm): FieldProblems {
  const fields: Record<string, string[]> = {};
  const general: Problem[] = [];
  const add = (key: string, message: string) => (fields[key] ??= []).push(message);
  const envRowByName = new Map<string, EnvRow>();
  for (const row of form.environment) if (!envRowByName.has(row.name)) envRowByName.set(row.name, row);

  for (const problem of problems) {
    const { path, message } = problem;
    if (path.startsWith('env.')) {
      add(path, message);
      continue;
    }
    if (path.startsWith('launchConfig.resources.gpuDevices')) {
      add('launchConfig.resources.gpuDevices', message);
      continue;
    }
    const volume = /^launchConfig\.volumes\.(\d+)(?:\.(hostPath|containerPath|mode|type))?$/.exec(path);
    if (volume && Number(volume[1]) < form.volumes.length) {
      add(volume[2] ? `launchConfig.volumes.${volume[1]}.${volume[2]}` : `launchConfig.volumes.${volume[1]}`, message);
      continue;
    }
    if (path.startsWith('launchConfig.environment.')) {
      const row = envRowByName.get(path.slice('launchConfig.environment.'.length));
      if (row) {
        add(envKey(row), message);
        continue;
      }
    }
    const wineField = wineFieldOf(path);
    if (wineField) {
      add(wineField, message);
      continue;
    }
    if ((FIELD_PATHS as readonly string[]).includes(path)) {
      add(path, message);
      continue;
    }
    general.push(problem);
  }
  return { fields, general };
}
