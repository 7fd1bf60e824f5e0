// One game's launch settings while its page is open: loaded (games.settings.get) with the host's
// facts (host.facts), validated on every edit by the shared rules, saved, reset and previewed. Paths
// the user types are probed (host.facts with paths) a moment after typing stops; until their facts
// arrive, their fields show no verdict rather than a wrong one.
import { create } from 'zustand';
import type { DillingerClient } from '../../../shared/contract/client';
import type { ContainerPreview, GameSettings, LaunchRequestDraft } from '../../../shared/contract/contract';
import type { HostFacts } from '../../../shared/validation/host-facts';
import { parentOf } from '../../../shared/validation/host-paths';
import type { Problem } from '../../../shared/validation/problems';
import { launchRequest } from '../library/launch-game';
import { useAppInfoStore } from '../shell/app-info-store';
import { messageOf } from '../../../shared/errors';
import { problemsOf } from '../shell/errors';
import { formFromSettings, launchConfigFromForm, validateForm, type LaunchForm } from './form-model';

export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

export type Preview = { container: ContainerPreview } | { problems: Problem[] } | { error: string };

export interface GameSettingsState {
  gameId: string | undefined;
  phase: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | undefined;
  saved: GameSettings | undefined;
  form: LaunchForm | undefined;
  facts: HostFacts | undefined;
  /** Paths typed but not probed yet: their fields wait for facts. */
  pendingPaths: string[];
  /** Live problems of the form (shared rules + table), and those the core answered on save. */
  problems: Problem[];
  busy: 'saving' | 'resetting' | 'previewing' | undefined;
  notice: Notice | undefined;
  preview: Preview | undefined;
  open(client: DillingerClient, gameId: string): Promise<void>;
  edit(client: DillingerClient, change: Partial<LaunchForm> | ((form: LaunchForm) => Partial<LaunchForm>)): void;
  save(client: DillingerClient): Promise<boolean>;
  reset(client: DillingerClient): Promise<void>;
  showPreview(client: DillingerClient): Promise<void>;
  closePreview(): void;
  /** The launch request the form stands for, played by userId (sessionId and timestamp left to the core). */
  draft(userId: string): LaunchRequestDraft | undefined;
  isDirty(): boolean;
}

function pathsOf(form: LaunchForm): string[] {
  const paths = new Set<string>();
  if (form.platform === 'windows' && form.winePrefix.startsWith('/')) {
    paths.add(form.winePrefix);
    paths.add(parentOf(form.winePrefix));
  }
  for (const v of form.volumes) if (v.type === 'bind' && v.hostPath.startsWith('/')) paths.add(v.hostPath);
  return [...paths];
}

/** Drops verdicts about paths whose facts have not arrived yet. */
function withoutPending(problems: Problem[], form: LaunchForm, pending: readonly string[]): Problem[] {
  if (pending.length === 0) return problems;
  const waiting = new Set(pending);
  return problems.filter((p) => {
    if (p.path === 'launchConfig.winePrefix') return !(waiting.has(form.winePrefix) || waiting.has(parentOf(form.winePrefix)));
    const volume = /^launchConfig\.volumes\.(\d+)\.hostPath$/.exec(p.path);
    const row = volume ? form.volumes[Number(volume[1])] : undefined;
    return !(row && waiting.has(row.hostPath));
  });
}

/** Who plays, for the preview's request: app.info's userId. */
export type WhoPlays = (client: DillingerClient) => Promise<string>;

export function createGameSettingsStore(probeDelayMs = 250, whoPlays: WhoPlays = (client) => useAppInfoStore.getState().userId(client)) {
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  let opened = 0;

  return create<GameSettingsState>()((set, get) => {
    const judge = (form: LaunchForm, facts: HostFacts | undefined, pending: readonly string[], gameId: string | undefined) =>
      facts && gameId ? withoutPending(validateForm(form, gameId, facts), form, pending) : [];

    const settle = (settings: GameSettings, notice?: Notice) => {
      const form = formFromSettings(settings);
      const { facts, gameId } = get();
      set({ saved: settings, form, pendingPaths: [], problems: judge(form, facts, [], gameId), notice, preview: undefined });
    };

    /** Asks for facts about the paths the form names that the store has not seen yet. */
    const probeSoon = (client: DillingerClient) => {
      const { form, facts } = get();
      if (!form || !facts) return;
      const unknown = pathsOf(form).filter((p) => !Object.hasOwn(facts.paths, p));
      set({ pendingPaths: unknown, problems: judge(form, facts, unknown, get().gameId) });
      if (probeTimer !== undefined) clearTimeout(probeTimer);
      probeTimer = undefined;
      if (unknown.length === 0) return;
      const ticket = opened;
      probeTimer = setTimeout(() => {
        probeTimer = undefined;
        client.invoke('host.facts', { paths: unknown }).then(
          (fresh) => {
            if (ticket !== opened) return;
            const facts = { ...fresh, paths: { ...get().facts?.paths, ...fresh.paths } };
            const form = get().form;
            if (!form) return;
            const pending = pathsOf(form).filter((p) => !Object.hasOwn(facts.paths, p));
            set({ facts, pendingPaths: pending, problems: judge(form, facts, pending, get().gameId) });
            if (pending.length > 0) probeSoon(client);
          },
          () => undefined,
        );
      }, probeDelayMs);
    };

    return {
      gameId: undefined,
      phase: 'idle',
      loadError: undefined,
      saved: undefined,
      form: undefined,
      facts: undefined,
      pendingPaths: [],
      problems: [],
      busy: undefined,
      notice: undefined,
      preview: undefined,

      async open(client, gameId) {
        const ticket = ++opened;
        set({ gameId, phase: 'loading', loadError: undefined, saved: undefined, form: undefined, problems: [], notice: undefined, preview: undefined, busy: undefined });
        try {
          const settings = await client.invoke('games.settings.get', { gameId });
          const probe = formFromSettings(settings);
          const facts = await client.invoke('host.facts', { paths: pathsOf(probe) });
          if (ticket !== opened) return;
          set({ facts, phase: 'ready' });
          settle(settings);
        } catch (error) {
          if (ticket === opened) set({ phase: 'error', loadError: messageOf(error) });
        }
      },

      edit(client, change) {
        const { form, facts, gameId } = get();
        if (!form) return;
        const next = { ...form, ...(typeof change === 'function' ? change(form) : change) };
        // A preview describes the form as it was: it goes with the first change.
        set({ form: next, problems: judge(next, facts, get().pendingPaths, gameId), notice: undefined, preview: undefined });
        probeSoon(client);
      },

      async save(client) {
        const { form, gameId, problems } = get();
        if (!form || !gameId || problems.length > 0) return false;
        set({ busy: 'saving', notice: undefined });
        try {
          const { config } = launchConfigFromForm(form);
          const settings = await client.invoke('games.settings.save', { gameId, platform: form.platform, launchConfig: config });
          if (get().gameId !== gameId) return false;
          settle(settings, { kind: 'ok', text: 'Saved. The next launch uses these settings.' });
          return true;
        } catch (error) {
          const problems = problemsOf(error);
          set({ notice: { kind: 'error', text: `Not saved: ${messageOf(error)}` }, ...(problems.length > 0 ? { problems } : {}) });
          return false;
        } finally {
          set({ busy: undefined });
        }
      },

      async reset(client) {
        const { gameId } = get();
        if (!gameId) return;
        set({ busy: 'resetting', notice: undefined });
        try {
          const settings = await client.invoke('games.settings.reset', { gameId });
          if (get().gameId === gameId) settle(settings, { kind: 'ok', text: 'Back to the defaults for this computer.' });
        } catch (error) {
          set({ notice: { kind: 'error', text: `Could not reset: ${messageOf(error)}` } });
        } finally {
          set({ busy: undefined });
        }
      },

      async showPreview(client) {
        if (!get().form) return;
        set({ busy: 'previewing' });
        try {
          const request = get().draft(await whoPlays(client));
          if (!request) return;
          const answer = await client.invoke('launch.preview', { request });
          set({ preview: answer.container ? { container: answer.container } : { problems: answer.problems } });
        } catch (error) {
          set({ preview: { error: messageOf(error) } });
        } finally {
          set({ busy: undefined });
        }
      },

      closePreview() {
        set({ preview: undefined });
      },

      draft(userId) {
        const { form, gameId } = get();
        if (!form || !gameId) return undefined;
        return launchRequest(gameId, userId, form.platform, launchConfigFromForm(form).config as never);
      },

      isDirty() {
        const { form, saved } = get();
        if (!form || !saved) return false;
        const { config } = launchConfigFromForm(form);
        const before = launchConfigFromForm(formFromSettings(saved)).config;
        return form.platform !== saved.platform || JSON.stringify(config) !== JSON.stringify(before);
      },
    };
  });
}

export const useGameSettingsStore = createGameSettingsStore();
