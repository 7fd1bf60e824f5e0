// The two tables of the launch settings form: environment variables (name, value) and extra volume
// mounts (type, host path with Browse where the app has a file dialog, container path, access).
import type { VolumeRow, EnvRow } from './form-model';
import { envKey, newRowId } from './form-model';

type Fields = Record<string, string[]>;

export function EnvironmentTable({ rows, fields, onChange }: { rows: EnvRow[]; fields: Fields; onChange: (rows: EnvRow[]) => void }) {
  const set = (id: number, change: Partial<EnvRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...change } : r)));
  return (
    <div className="table-editor">
      <table>
        <caption className="field-label">Environment variables</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={3} className="table-empty">
                None. The app sets DISPLAY, audio and Wine variables itself.
              </td>
            </tr>
          )}
          {rows.map((row, index) => {
            const errors = fields[envKey(row)];
            const errorId = `env-error-${row.id}`;
            const n = index + 1;
            return (
              <tr key={row.id} className={errors ? 'row-invalid' : undefined}>
                <td>
                  <input
                    className="input mono"
                    aria-label={`Name of variable ${n}`}
                    value={row.name}
                    placeholder="NAME"
                    aria-invalid={errors ? true : undefined}
                    aria-describedby={errors ? errorId : undefined}
                    onChange={(e) => set(row.id, { name: e.target.value })}
                  />
                  {errors && (
                    <p className="field-error" id={errorId} role="alert">
                      {errors.join(' ')}
                    </p>
                  )}
                </td>
                <td>
                  <input className="input mono" aria-label={`Value of variable ${n}`} value={row.value} placeholder="value" onChange={(e) => set(row.id, { value: e.target.value })} />
                </td>
                <td className="table-remove">
                  <button type="button" className="button button-ghost button-small" aria-label={`Remove variable ${n}`} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="button button-small" onClick={() => onChange([...rows, { id: newRowId(), name: '', value: '' }])}>
        Add variable
      </button>
    </div>
  );
}

export function VolumesTable({
  rows,
  fields,
  canPick,
  onBrowse,
  onChange,
}: {
  rows: VolumeRow[];
  fields: Fields;
  canPick: boolean;
  onBrowse: (index: number) => void;
  onChange: (rows: VolumeRow[]) => void;
}) {
  const set = (id: number, change: Partial<VolumeRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...change } : r)));
  return (
    <div className="table-editor">
      <table>
        <caption className="field-label">Volume mounts</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Host path or volume</th>
            <th scope="col">Container path</th>
            <th scope="col">Access</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} className="table-empty">
                None. The game sees its own folder (read-only) and a private home.
              </td>
            </tr>
          )}
          {rows.map((row, index) => {
            const at = `launchConfig.volumes.${index}`;
            const n = index + 1;
            const cell = (name: string) => fields[`${at}.${name}`];
            const rowErrors = fields[at];
            const hostErrors = cell('hostPath');
            const containerErrors = cell('containerPath');
            const modeErrors = [...(cell('mode') ?? []), ...(cell('type') ?? [])];
            return (
              <tr key={row.id}>
                <td>
                  <select
                    className="select"
                    aria-label={`Type of mount ${n}`}
                    value={row.type}
                    onChange={(e) => {
                      const type = e.target.value as VolumeRow['type'];
                      set(row.id, { type, ...(type === 'tmpfs' ? { hostPath: '', mode: 'rw' as const } : {}) });
                    }}
                  >
                    <option value="bind">Folder</option>
                    <option value="volume">Docker volume</option>
                    <option value="tmpfs">In memory (tmpfs)</option>
                  </select>
                  {rowErrors && (
                    <p className="field-error" role="alert">
                      {rowErrors.join(' ')}
                    </p>
                  )}
                </td>
                <td>
                  <div className="input-with-button">
                    <input
                      className="input mono"
                      aria-label={`Host path of mount ${n}`}
                      value={row.hostPath}
                      disabled={row.type === 'tmpfs'}
                      placeholder={row.type === 'bind' ? '/home/you/Games/saves' : row.type === 'volume' ? 'game-saves' : '(in memory)'}
                      aria-invalid={hostErrors ? true : undefined}
                      aria-describedby={hostErrors ? `vol-host-error-${row.id}` : undefined}
                      onChange={(e) => set(row.id, { hostPath: e.target.value })}
                    />
                    {canPick && row.type === 'bind' && (
                      <button type="button" className="button button-small" aria-label={`Browse for mount ${n}`} onClick={() => onBrowse(index)}>
                        Browse…
                      </button>
                    )}
                  </div>
                  {hostErrors && (
                    <p className="field-error" id={`vol-host-error-${row.id}`} role="alert">
                      {hostErrors.join(' ')}
                    </p>
                  )}
                </td>
                <td>
                  <input
                    className="input mono"
                    aria-label={`Container path of mount ${n}`}
                    value={row.containerPath}
                    placeholder="/saves"
                    aria-invalid={containerErrors ? true : undefined}
                    aria-describedby={containerErrors ? `vol-container-error-${row.id}` : undefined}
                    onChange={(e) => set(row.id, { containerPath: e.target.value })}
                  />
                  {containerErrors && (
                    <p className="field-error" id={`vol-container-error-${row.id}`} role="alert">
                      {containerErrors.join(' ')}
                    </p>
                  )}
                </td>
                <td>
                  <select
                    className="select"
                    aria-label={`Access of mount ${n}`}
                    value={row.mode}
                    aria-invalid={modeErrors.length > 0 ? true : undefined}
                    onChange={(e) => set(row.id, { mode: e.target.value as VolumeRow['mode'] })}
                  >
                    <option value="rw">Read-write</option>
                    <option value="ro">Read-only</option>
                  </select>
                  {modeErrors.length > 0 && (
                    <p className="field-error" role="alert">
                      {modeErrors.join(' ')}
                    </p>
                  )}
                </td>
                <td className="table-remove">
                  <button type="button" className="button button-ghost button-small" aria-label={`Remove mount ${n}`} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="button button-small"
        onClick={() => onChange([...rows, { id: newRowId(), type: 'bind', hostPath: '', containerPath: '', mode: 'rw' }])}
      >
        Add mount
      </button>
    </div>
  );
}
