// The container a launch would get (launch.preview): image, command, limits, devices, mounts,
// network and hardening, as the core would tell Docker (its secrets left out).
import { useEffect, useRef } from 'react';
import type { ContainerPreview } from '../../../shared/contract/contract';
import { commandForDisplay } from '../../../shared/library/launch-arguments';
import { formatBytes } from '../../../shared/model/sizes';
import { formatCores } from '../graphs/format';
import type { Preview } from './game-settings-store';

export function PreviewPanel({ preview, onClose }: { preview: Preview; onClose: () => void }) {
  const panel = useRef<HTMLElement>(null);
  // It opens below the form: bring it into view, and put keyboard focus on it.
  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    panel.current?.focus({ preventScroll: true });
  }, [preview]);
  return (
    <section className="preview-panel" aria-labelledby="preview-heading" ref={panel} tabIndex={-1}>
      <header className="preview-header">
        <h3 id="preview-heading">Container preview</h3>
        <button type="button" className="button button-ghost button-small" onClick={onClose}>
          Close preview
        </button>
      </header>
      {'error' in preview && (
        <p className="notice notice-error" role="alert">
          Could not preview: {preview.error}
        </p>
      )}
      {'problems' in preview && (
        <div className="notice notice-error" role="alert">
          <p>This launch would be refused:</p>
          <ul>
            {preview.problems.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {'container' in preview && <ContainerFacts container={preview.container} />}
    </section>
  );
}

function ContainerFacts({ container: c }: { container: ContainerPreview }) {
  const env = Object.entries(c.environment);
  return (
    <div className="preview-body">
      <dl className="preview-facts">
        <dt>Image</dt>
        <dd>
          <code>{c.image}</code>
        </dd>
        <dt>Command</dt>
        <dd>
          <code>{commandForDisplay(c.command)}</code>
        </dd>
        <dt>User</dt>
        <dd>
          <code>{c.user}</code>
        </dd>
        <dt>CPU limit</dt>
        <dd>{c.cpuLimit !== undefined ? formatCores(c.cpuLimit) : 'No limit'}</dd>
        <dt>Memory limit</dt>
        <dd>{c.memoryLimitBytes !== undefined ? formatBytes(c.memoryLimitBytes) : 'No limit'}</dd>
        <dt>Disk limit</dt>
        <dd>{c.diskLimitBytes !== undefined ? formatBytes(c.diskLimitBytes) : 'No limit'}</dd>
        {c.display && (
          <>
            <dt>Display</dt>
            <dd>{c.display}</dd>
          </>
        )}
        <dt>Network</dt>
        <dd>{c.networkMode}</dd>
        <dt>Devices</dt>
        <dd>{c.devices.length > 0 ? c.devices.map((d) => <code key={d}>{d} </code>) : 'None'}</dd>
        <dt>Capabilities</dt>
        <dd>{c.capabilities.length > 0 ? c.capabilities.join(', ') : 'None'}</dd>
        <dt>Security</dt>
        <dd>{c.securityOptions.length > 0 ? c.securityOptions.join(', ') : 'Defaults'}</dd>
      </dl>
      <table className="preview-table">
        <caption>Mounts</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Source</th>
            <th scope="col">Target</th>
            <th scope="col">Access</th>
          </tr>
        </thead>
        <tbody>
          {c.mounts.map((m) => (
            <tr key={`${m.target}:${m.source}`}>
              <td>{m.type}</td>
              <td>
                <code>{m.source || '—'}</code>
              </td>
              <td>
                <code>{m.target}</code>
              </td>
              <td>{m.readOnly ? 'read-only' : 'read-write'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.wineSettings && (
        <table className="preview-table">
          <caption>Wine settings</caption>
          <tbody>
            {c.wineSettings.map((w) => (
              <tr key={`${w.setting}:${w.value}`}>
                <th scope="row">{w.setting}</th>
                <td>{w.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {env.length > 0 && (
        <table className="preview-table">
          <caption>Environment</caption>
          <tbody>
            {env.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>
                  <code>{value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
