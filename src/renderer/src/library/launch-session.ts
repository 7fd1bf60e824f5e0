// The one place Play hands a request over: the sessions store sends it (sessions.launch) and keeps
// the session it answers, so the session page has it at once.
import type { DillingerClient } from '../../../shared/contract/client';
import type { RunnerSession } from '../../../shared/model/entities';
import { useSessionsStore } from '../sessions/sessions-store';
import type { LaunchRequestDraft } from './launch-game';

export function launchSession(client: DillingerClient, request: LaunchRequestDraft): Promise<RunnerSession> {
  return useSessionsStore.getState().launch(client, request);
}
