// Samples every running session once a second from Docker's streamed stats (GPU use added from the
// GPU sampler), stores the samples in
// chunk files, pushes each one live (`session.metrics`), keeps the record's resourceUsage and
// lastActivity current, and answers range queries. A session is never failed because sampling failed.
import type Docker from 'dockerode';
import type { EventName } from '../../shared/contract/contract';
import type { ResourceUsage, RunnerSession } from '../../shared/model/entities';
import { isTerminal } from '../../shared/model/session-states';
import type { SessionStore } from '../session-store/session-store';
import { showsCpuActivity } from './sampler/stats-math';
import { followStats } from './sampler/stats-stream';
import { createMetricsReader } from './files/metrics-reader';
import { queryMetrics, type MetricsQueryResult, type MetricsTimeRange } from './files/metrics-query';
import { createMetricsWriter, type MetricsWriter } from './files/metrics-writer';
import type { StoredSample } from './files/stored-sample';
import { messageOf } from '../../shared/errors';

/** The session record is rewritten at most this often with the latest sample (the chunks keep them all). */
const RECORD_UPDATE_INTERVAL_MS = 5_000;

export interface SessionMetricsDeps {
  docker: Docker;
  store: SessionStore;
  dataDir: string;
  /** The host's cpus: the allowance of a session without a cpuLimit. */
  cpuCount: number;
  /** GPU use per container; absent fields mean the session used no GPU (or the host has none). */
  gpuUsageFor(containerId: string): { gpuUsage?: number; gpuMemoryUsed?: number };
  emit(name: EventName, payload: unknown): void;
  warn(message: string): void;
}

interface Followed {
  containerId: string;
  stop(): void;
  writer: MetricsWriter;
  lastRecordUpdate: number;
  active: boolean;
}

export class SessionMetrics {
  private readonly followed = new Map<string, Followed>();
  private readonly starting = new Set<string>();
  private readonly reader;

  constructor(private readonly deps: SessionMetricsDeps) {
    this.reader = createMetricsReader({ dataDir: deps.dataDir, log: { warn: deps.warn } });
  }

  /** Follows a session from the moment it runs until it ends. */
  onSessionChanged(session: RunnerSession): void {
    if (session.status === 'running' && !this.followed.has(session.sessionId) && !this.starting.has(session.sessionId)) {
      this.starting.add(session.sessionId);
      void this.follow(session)
        .catch((error: unknown) => this.deps.warn(`Sampling session ${session.sessionId} could not start: ${messageOf(error)}`))
        .finally(() => this.starting.delete(session.sessionId));
    } else if (isTerminal(session.status)) {
      void this.unfollow(session.sessionId);
    }
  }

  query(sessionId: string, range: MetricsTimeRange, maxPoints?: number): Promise<MetricsQueryResult> {
    return queryMetrics(this.reader, sessionId, range, maxPoints ? { maxPoints } : {});
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.followed.keys()].map((sessionId) => this.unfollow(sessionId)));
  }

  private async follow(session: RunnerSession): Promise<void> {
    const { docker, dataDir, cpuCount } = this.deps;
    // The allowance as Docker enforces it: NanoCpus from cpuLimit, Memory from memoryLimit (0: none).
    const info = await docker.getContainer(session.containerId).inspect();
    const cpus = info.HostConfig.NanoCpus ? info.HostConfig.NanoCpus / 1e9 : cpuCount;
    const memoryBytes = info.HostConfig.Memory ?? 0;
    const current = this.deps.store.get(session.sessionId);
    if (!current || isTerminal(current.status) || this.followed.has(session.sessionId)) return;
    const writer = createMetricsWriter({
      dataDir,
      sessionId: session.sessionId,
      onFlushed: () => this.reader.invalidate(session.sessionId),
      log: { warn: this.deps.warn },
    });
    const entry: Followed = { containerId: info.Id, writer, lastRecordUpdate: 0, active: true, stop: () => undefined };
    this.followed.set(session.sessionId, entry);
    entry.stop = followStats(docker, info.Id, {
      limits: { cpus, memoryBytes },
      onSample: (sample) => this.record(session.sessionId, entry, sample),
    });
  }

  private record(sessionId: string, entry: Followed, cpuAndMemory: StoredSample): void {
    if (!entry.active) return;
    const sample: StoredSample = { ...cpuAndMemory, ...this.deps.gpuUsageFor(entry.containerId) };
    try {
      entry.writer.append(sample);
    } catch (error) {
      this.deps.warn(`A sample of session ${sessionId} was not stored: ${messageOf(error)}`);
      return;
    }
    this.deps.emit('session.metrics', { sessionId, sample });
    const now = Date.now();
    if (now - entry.lastRecordUpdate < RECORD_UPDATE_INTERVAL_MS) return;
    entry.lastRecordUpdate = now;
    const { raw: _raw, ...resourceUsage } = sample;
    const patch: { resourceUsage: ResourceUsage; lastActivity?: string } = { resourceUsage };
    // A game busy computing is active even when it prints nothing.
    if (showsCpuActivity(sample)) patch.lastActivity = sample.timestamp;
    this.deps.store
      .update(sessionId, patch)
      .then((session) => this.deps.emit('session.changed', session))
      .catch(() => undefined); // it ended meanwhile: its final record stands
  }

  private async unfollow(sessionId: string): Promise<void> {
    const entry = this.followed.get(sessionId);
    if (!entry) return;
    this.followed.delete(sessionId);
    entry.active = false;
    entry.stop();
    await entry.writer.close().catch((error: unknown) => this.deps.warn(`The last samples of session ${sessionId} could not be written: ${messageOf(error)}`));
    this.reader.invalidate(sessionId);
  }
}
