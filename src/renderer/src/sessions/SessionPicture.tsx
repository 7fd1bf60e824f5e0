// The game's picture: while the session runs, a live thumbnail (the page holds a lease on the
// core's capture and renews it; leaving the page ends it, so nothing is captured unseen); once it
// has ended, the last picture kept for History. The session page adds a Screenshot button.
import { useEffect, useState } from 'react';
import type { DillingerClient } from '../../../shared/contract/client';
import { messageOf } from '../../../shared/errors';
import type { RunnerSession } from '../../../shared/model/entities';

interface Props {
  client: DillingerClient;
  session: RunnerSession;
  title: string;
  /** The session page's Screenshot button. */
  screenshot?: boolean;
  className?: string;
}

export function SessionPicture({ client, session, title, screenshot = false, className }: Props) {
  const { sessionId } = session;
  const running = session.status === 'running';
  const [src, setSrc] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();

  useEffect(() => {
    if (!running) return;
    let current = true;
    let renew: ReturnType<typeof setInterval> | undefined;
    let leaseId: string | undefined;
    const off = client.on('session.picture', (frame) => {
      if (frame.sessionId !== sessionId) return;
      setSrc(frame.dataUrl);
      setProblem(undefined);
    });
    const watch = () =>
      client.invoke('sessions.watchPicture', leaseId ? { sessionId, leaseId } : { sessionId }).then(
        (lease) => {
          leaseId = lease.leaseId;
          if (!current) return void client.invoke('sessions.unwatchPicture', { sessionId, leaseId }).catch(() => undefined);
          renew ??= setInterval(watch, Math.max(500, lease.leaseMs / 2));
        },
        (error: unknown) => current && setProblem(messageOf(error)),
      );
    void watch();
    return () => {
      current = false;
      off();
      if (renew !== undefined) clearInterval(renew);
      if (leaseId) client.invoke('sessions.unwatchPicture', { sessionId, leaseId }).catch(() => undefined);
    };
  }, [client, running, sessionId]);

  // An ended session: its last picture, when one was kept.
  useEffect(() => {
    if (running || !session.picture) return;
    let current = true;
    client.invoke('sessions.picture', { sessionId }).then(
      ({ dataUrl }) => current && setSrc(dataUrl ?? undefined),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, running, session.picture, sessionId]);

  const takeScreenshot = () => {
    setSaved(undefined);
    client.invoke('sessions.screenshot', { sessionId }).then(
      ({ file }) => setSaved(`Saved ${file} beside the session's records.`),
      (error: unknown) => setProblem(messageOf(error)),
    );
  };

  if (!src && !running && !screenshot) return null;
  return (
    <figure className={`session-picture ${className ?? ''}`}>
      {src ? <img src={src} alt={`Picture of ${title}`} /> : <div className="session-picture-empty">{running ? 'Waiting for the game’s window…' : 'No picture was kept.'}</div>}
      {(problem || saved) && <figcaption role="status">{problem ?? saved}</figcaption>}
      {screenshot && running && (
        <button type="button" className="button button-secondary" onClick={takeScreenshot} aria-label={`Screenshot of ${title}`}>
          Screenshot
        </button>
      )}
    </figure>
  );
}
