// The app's settings while the Settings screen is open: loaded (settings.get), edited as text,
// saved as a change (settings.save), with what needs a restart and the core's problems per field.
import { create } from 'zustand';
import type { DillingerClient } from '../../../shared/contract/client';
import type { AppSettings } from '../../../shared/contract/contract';
import type { Problem } from '../../../shared/validation/problems';
import { messageOf } from '../../../shared/errors';
import { problemsOf } from '../shell/errors';
import { SETTING_LABELS, settingsChange, settingsFormFrom, settingsFormProblems, type SettingsForm } from './settings-form';

export interface SettingsState {
  phase: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | undefined;
  saved: AppSettings | undefined;
  form: SettingsForm | undefined;
  /** Problems shown at fields: the form's own once the user tried to save, or the core's. */
  problems: Problem[];
  busy: boolean;
  notice: { kind: 'ok' | 'error'; text: string } | undefined;
  restartNeeded: string[];
  load(client: DillingerClient): Promise<void>;
  edit(change: Partial<SettingsForm>): void;
  save(client: DillingerClient): Promise<boolean>;
  isDirty(): boolean;
}

export function createSettingsStore() {
  return create<SettingsState>()((set, get) => ({
    phase: 'idle',
    loadError: undefined,
    saved: undefined,
    form: undefined,
    problems: [],
    busy: false,
    notice: undefined,
    restartNeeded: [],

    async load(client) {
      set({ phase: 'loading', loadError: undefined, notice: undefined, problems: [] });
      try {
        const saved = await client.invoke('settings.get');
        set({ phase: 'ready', saved, form: settingsFormFrom(saved), restartNeeded: saved.restartNeeded.map((name) => SETTING_LABELS[name] ?? name) });
      } catch (error) {
        set({ phase: 'error', loadError: messageOf(error) });
      }
    },

    edit(change) {
      const form = get().form;
      if (!form) return;
      const next = { ...form, ...change };
      // Problems already shown follow the text as it is fixed; none appear before a save is tried.
      const shown = get().problems.length > 0 ? settingsFormProblems(next) : [];
      set({ form: next, problems: shown, notice: undefined });
    },

    async save(client) {
      const { form, saved } = get();
      if (!form || !saved) return false;
      const local = settingsFormProblems(form);
      if (local.length > 0) {
        set({ problems: local, notice: { kind: 'error', text: 'Not saved: fix the fields marked below.' } });
        return false;
      }
      const change = settingsChange(saved, form);
      if (Object.keys(change).length === 0) {
        set({ notice: { kind: 'ok', text: 'Nothing to save: the settings are unchanged.' } });
        return true;
      }
      set({ busy: true, notice: undefined });
      try {
        const answer = await client.invoke('settings.save', change);
        const restart = answer.restartNeeded.map((name) => SETTING_LABELS[name] ?? name);
        set({
          saved: answer.settings,
          form: settingsFormFrom(answer.settings),
          problems: [],
          restartNeeded: [...new Set([...get().restartNeeded, ...restart])],
          notice: { kind: 'ok', text: restart.length > 0 ? `Saved. Restart the app to apply: ${restart.join(', ')}.` : 'Saved.' },
        });
        return true;
      } catch (error) {
        set({ problems: problemsOf(error), notice: { kind: 'error', text: `Not saved: ${messageOf(error)}` } });
        return false;
      } finally {
        set({ busy: false });
      }
    },

    isDirty() {
      const { form, saved } = get();
      return !!form && !!saved && Object.keys(settingsChange(saved, form)).length > 0;
    },
  }));
}

export const useSettingsStore = createSettingsStore();
