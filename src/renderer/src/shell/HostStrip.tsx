// The host strip at the top of every screen: this computer's CPU, memory and each GPU, as text with
// a small bar. It alone follows host.metrics (once a second), so only it re-renders each second.
import { memo, useEffect, useState } from 'react';
import { useClient } from './client-context';
import { followHostMetrics, hostFigures, type HostSample } from './host-metrics';

export const HostStrip = memo(function HostStrip() {
  const client = useClient();
  const [sample, setSample] = useState<HostSample>();
  useEffect(() => followHostMetrics(client, setSample), [client]);

  return (
    <section className="host-strip" aria-label="Host">
      {sample === undefined ? (
        <p className="host-strip-waiting">Reading this computer&apos;s load…</p>
      ) : (
        <dl className="host-figures">
          {hostFigures(sample).map((figure) => (
            <div key={figure.key} className="host-figure" title={figure.detail}>
              <dt>
                {figure.label}
                {figure.detail && <span className="visually-hidden"> ({figure.detail})</span>}
              </dt>
              <dd>
                <span className="host-bar" aria-hidden="true">
                  <span className={figure.percent >= 90 ? 'host-bar-fill host-bar-high' : 'host-bar-fill'} style={{ width: `${figure.percent}%` }} />
                </span>
                <span className="host-value">{figure.value}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
});
