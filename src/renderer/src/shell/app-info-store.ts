// Where the app keeps its data, whether it can open the system's file dialog, who plays, and start-up
// warnings: asked once per connection (app.info).
import { create } from 'zustand';
import type { DillingerClient } from '../../../shared/contract/client';
import type { AppInfo } from '../../../shared/contract/contract';
import { messageOf } from '../../../shared/errors';

export interface AppInfoState {
  info: AppInfo | undefined;
  error: string | undefined;
  load(client: DillingerClient): Promise<void>;
  /**
   * Who plays: the userId launch requests carry (the account the app runs as, from app.info). Asks
   * the core when this client has not answered yet; throws when it cannot.
   */
  userId(client: DillingerClient): Promise<string>;
}

export function createAppInfoStore() {
  // The client the info came from (a new connection asks again), and the question in flight.
  let answeredBy: DillingerClient | undefined;
  let asking: { client: DillingerClient; answer: Promise<AppInfo> } | undefined;

  const ask = (client: DillingerClient): Promise<AppInfo> => {
    if (asking?.client !== client) {
      const answer = client.invoke('app.info').then((info) => ({ ...info, canPickPaths: info.canPickPaths ?? false, userId: info.userId ?? 'player' }));
      asking = { client, answer };
      // A failed question may be asked again.
      answer.catch(() => {
        if (asking?.answer === answer) asking = undefined;
      });
    }
    return asking.answer;
  };

  return create<AppInfoState>()((set, get) => ({
    info: undefined,
    error: undefined,
    async load(client) {
      try {
        const info = await ask(client);
        answeredBy = client;
        set({ info, error: undefined });
      } catch (error) {
        set({ error: messageOf(error) });
      }
    },
    async userId(client) {
      const known = get().info;
      if (known && answeredBy === client) return known.userId;
      try {
        const info = await ask(client);
        answeredBy = client;
        set({ info, error: undefined });
        return info.userId;
      } catch (error) {
        throw new Error(`Could not ask the core who plays (app.info): ${messageOf(error)}`, { cause: error });
      }
    },
  }));
}

export const useAppInfoStore = createAppInfoStore();
