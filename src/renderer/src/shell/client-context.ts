// The one typed client of the page, made once in main.tsx and handed down by React context, so every
// screen and store reaches the core through the same contract (and tests can hand in their own).
import { createContext, useContext } from 'react';
import type { DillingerClient } from '../../../shared/contract/client';

export const ClientContext = createContext<DillingerClient | null>(null);

/** The page's client. Screens render only inside a connected shell, so it is always there. */
export function useClient(): DillingerClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientContext.Provider>: render screens inside the App shell.');
  return client;
}
