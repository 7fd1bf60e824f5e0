// The contract's metrics.* methods: the latest host-wide figures, and a session's samples in a time
// range (a bad range is the caller's mistake: invalid_payload at the field it concerns).
import { ContractError } from '../../shared/contract/envelope';
import type { SessionStore } from '../session-store/session-store';
import type { Handlers } from '../transport/dispatcher';
import type { HostMetricsSampler } from './host-metrics';
import { MetricsQueryError } from './files/metrics-query';
import type { SessionMetrics } from './session-metrics';

export interface MetricsHandlerDeps {
  hostMetrics: Pick<HostMetricsSampler, 'latest'>;
  metrics: Pick<SessionMetrics, 'query'>;
  store: Pick<SessionStore, 'get'>;
}

export function metricsHandlers({ hostMetrics, metrics, store }: MetricsHandlerDeps): Pick<Handlers, 'metrics.host' | 'metrics.query'> {
  return {
    'metrics.host': () => hostMetrics.latest() ?? null,
    'metrics.query': async ({ sessionId, from, to, maxPoints }) => {
      if (!store.get(sessionId)) throw new ContractError('not_found', `There is no session ${sessionId}: it may have been cleaned up. Refresh the list.`);
      try {
        return await metrics.query(sessionId, { from, to }, maxPoints);
      } catch (error) {
        if (error instanceof MetricsQueryError) throw new ContractError('invalid_payload', error.message, [{ path: error.field, message: error.message }]);
        throw error;
      }
    },
  };
}
