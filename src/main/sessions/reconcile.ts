// On start (and whenever the engine comes back), make the records agree with Docker: a container
// still running is adopted, one that exited is finalized from its exit code, a missing one is
// recorded as crashed. Containers with our label but no record are reported, never killed.
// Only containers of THIS instance are touched: one whose `dillinger.session` label is the record's
// own session id, and whose `dillinger.instance` label is ours (or absent: made before instances
// were labelled, and then only through the record that names it).
import type Docker from 'dockerode';
import { INSTANCE_LABEL, SESSION_LABEL } from '../docker/labels';
import { LIVE_STATUSES, isTerminal } from '../../shared/model/session-states';
import type { SessionStore } from '../session-store/session-store';
import type { SessionManager } from './session-manager';
import { messageOf } from '../../shared/errors';

export interface ReconcileReport {
  adopted: string[];
  settled: string[];
  /** Containers with our label that no session record explains: left alone. */
  orphans: string[];
}

export async function reconcileSessions(
  docker: Docker,
  store: SessionStore,
  manager: SessionManager,
  warn: (message: string) => void,
  instanceId: string,
): Promise<ReconcileReport> {
  const isOurs = (labels: Record<string, string> | undefined, sessionId: string): boolean =>
    labels?.[SESSION_LABEL] === sessionId && (labels[INSTANCE_LABEL] === undefined || labels[INSTANCE_LABEL] === instanceId);
  const report: ReconcileReport = { adopted: [], settled: [], orphans: [] };
  for (const session of store.list({ status: [...LIVE_STATUSES] })) {
    // Sessions this run launched or adopted are followed already (after an engine outage, recheck() looks at them).
    if (manager.follows(session.sessionId)) continue;
    try {
      const found = await docker.getContainer(session.containerId).inspect().catch((error: { statusCode?: number }) => {
        if (error.statusCode === 404) return undefined;
        throw error;
      });
      // A container under the recorded name that belongs to another session (or instance) is not
      // this session's: the session's own container is gone, and the other one is left alone.
      const info = found && isOurs(found.Config.Labels, session.sessionId) ? found : undefined;
      if (info?.State.Running && session.status !== 'requested') {
        await manager.adopt(session, info);
        report.adopted.push(session.sessionId);
      } else {
        await manager.settle(session, info);
        report.settled.push(session.sessionId);
      }
    } catch (error) {
      // One session Docker cannot tell us about must not keep the others from being reconciled.
      warn(`Session ${session.sessionId} could not be compared with Docker (${messageOf(error)}); it is checked again when the engine answers.`);
    }
  }
  const ours = await docker.listContainers({ all: true, filters: { label: [SESSION_LABEL] } });
  for (const container of ours) {
    const sessionId = container.Labels[SESSION_LABEL] ?? '';
    const instance = container.Labels[INSTANCE_LABEL];
    // Another instance's (another data dir, another user, serve mode beside the window): not ours to report, stop or remove.
    if (instance !== undefined && instance !== instanceId) continue;
    const session = store.get(sessionId);
    const name = container.Names[0]?.replace(/^\//, '') ?? container.Id.slice(0, 12);
    if (session && isTerminal(session.status) && container.State !== 'running') {
      // Left behind by a crash between recording the end and removing the container.
      await docker.getContainer(container.Id).remove({ force: true }).catch(() => undefined);
    } else if (!session || isTerminal(session.status)) {
      report.orphans.push(name);
      // Without an instance label it may be another copy's, made before containers were labelled.
      const whose = instance === undefined ? ' (nor says which copy of the app made it: another data folder or user may still use it)' : '';
      warn(`Container ${name} carries a Dillinger session label but no running session explains it${whose}. It was left alone: if you do not need it, remove it with "docker rm -f ${name}".`);
    }
  }
  // Sound servers of sessions that ended while the app was down (or whose cleanup a crash cut short).
  await manager.releaseStaleAudio().catch((error: unknown) => {
    warn(`Sound servers left by ended sessions could not be stopped (${messageOf(error)}); the app tries again at its next start.`);
  });
  return report;
}
