// Things the user should know that did not stop the app: start-up's (files set aside, settings that
// could not be read) and those found later, each once, announced to a window open already.
export interface AppWarnings {
  /** Every warning so far (app.info's). */
  readonly list: string[];
  warn(message: string): void;
}

export function appWarnings(initial: readonly string[], announce: (message: string) => void): AppWarnings {
  const list = [...initial];
  return {
    list,
    warn(message) {
      if (list.includes(message)) return; // e.g. the same orphan container, seen at every reconcile
      console.warn(message);
      list.push(message);
      announce(message);
    },
  };
}
