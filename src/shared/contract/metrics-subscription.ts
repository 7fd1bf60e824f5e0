import type { DillingerClient } from './client';
import type { EventPayload } from './contract';

/**
 * metrics.subscribe(sessionId): each new sample of one session, as it is taken. Returns the
 * function that unsubscribes (the underlying event listener is removed).
 */
export function subscribeSessionMetrics(
  client: Pick<DillingerClient, 'on'>,
  sessionId: string,
  listener: (sample: EventPayload<'session.metrics'>['sample']) => void,
): () => void {
  return client.on('session.metrics', (event) => {
    if (event.sessionId === sessionId) listener(event.sample);
  });
}
