// The session's log: the tail the core kept (sessions.logs), followed live (session.log). Stays
// scrolled to the end unless the reader scrolled up.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { DillingerClient } from '../../../shared/contract/client';
import { messageOf } from '../../../shared/errors';
import { appendLog, emptyLogText } from './log-tail';

export function LogTail({ client, sessionId, ended }: { client: DillingerClient; sessionId: string; ended: boolean }) {
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | undefined>('Loading the log…');
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    let current = true;
    let early = '';
    let loaded = false;
    const off = client.on('session.log', (event) => {
      if (!current || event.sessionId !== sessionId) return;
      if (loaded) setText((previous) => appendLog(previous, event.text));
      else early += event.text;
    });
    client.invoke('sessions.logs', { sessionId, maxBytes: 64 * 1024 }).then(
      ({ text: tail, truncated }) => {
        if (!current) return;
        loaded = true;
        // Chunks that came while asking may already be in the tail: keep only what it lacks.
        const extra = early && tail.endsWith(early) ? '' : early;
        setText(appendLog(tail, extra));
        setNote(truncated ? 'Older output is not shown.' : undefined);
      },
      (error: unknown) => {
        if (!current) return;
        loaded = true;
        setText(early);
        setNote(`Could not read the log: ${messageOf(error)}`);
      },
    );
    return () => {
      current = false;
      off();
    };
  }, [client, sessionId]);

  useLayoutEffect(() => {
    const element = box.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [text]);

  return (
    <section className="log-tail" role="region" aria-label="Log">
      <h3>Log</h3>
      {note && <p className="log-note">{note}</p>}
      <pre
        ref={box}
        className="log-text"
        tabIndex={0}
        // A named log (a <pre> may not carry a name), read when asked rather than announced line by line.
        role="log"
        aria-live="off"
        aria-label="Game output"
        onScroll={(event) => {
          const element = event.currentTarget;
          pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
        }}
      >
        {text || (note ? '' : emptyLogText(ended))}
      </pre>
    </section>
  );
}
