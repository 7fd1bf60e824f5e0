// The two tables of the launch settings form: environment variables (name, value) and extra volume
// mounts (type, host path with Browse where the app has a file dialog, container path, access). Both
// are a RowTable: a row per entry with a Remove button, a line saying what "none" means, and Add.
import type { ReactNode } from 'react';
import type { VolumeRow, EnvRow } from './form-model';
import { envKey, newRowId } from './form-model';

type Fields = Record<string, string[]>;

function RowTable<Row extends { id: number }>({
  caption,
  columns,
  empty,
  item,
  rows,
  newRow,
  onChange,
  rowClassName,
  cells,
}: {
  caption: string;
  columns: string[];
  /** What no row means. */
  empty: string;
  /** A row's name in its Remove button and in Add: "variable", "mount". */
  item: string;
  rows: Row[];
  newRow: () => Row;
  onChange: (rows: Row[]) => void;
  rowClassName?: (row: Row) => string | undefined;
  /** The row's cells but Remove; `set` changes this row. */
  cells: (row: Row, index: number, set: (change: Partial<Row>) => void) => ReactNode;
}) {
  const set = (id: number, change: Partial<Row>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...change } : r)));
  return (
    <div className="table-editor">
      <table>
        <caption className="field-label">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + 1} className="table-empty">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((row, index) => (
            <tr key={row.id} className={rowClassName?.(row)}>
              {cells(row, index, (change) => set(row.id, change))}
              <td className="table-remove">
                <button type="button" className="button button-ghost button-small" aria-label={`Remove ${item} ${index + 1}`} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button button-small" onClick={() => onChange([...rows, newRow()])}>
        Add {item}
      </button>
    </div>
  );
}

/** A cell's problems, read out as they appear. */
function CellErrors({ id, errors }: { id?: string; errors: readonly string[] | undefined }) {
  if (!errors || errors.length === 0) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {errors.join(' ')}
    </p>
  );
}

export function EnvironmentTable({ rows, fields, onChange }: { rows: EnvRow[]; fields: Fields; onChange: (rows: EnvRow[]) => void }) {
  return (
    <RowTable
      caption="Environment variables"
      columns={['Name', 'Value']}
      empty="None. The app sets DISPLAY, audio and Wine variables itself."
      item="variable"
      rows={rows}
      newRow={() => ({ id: newRowId(), name: '', value: '' })}
      onChange={onChange}
      rowClassName={(row) => (fields[envKey(row)] ? 'row-invalid' : undefined)}
      cells={(row, index, set) => {
        const errors = fields[envKey(row)];
        const errorId = `env-error-${row.id}`;
        const n = index + 1;
        return (
          <>
            <td>
              <input
                className="input mono"
                aria-label={`Name of variable ${n}`}
                value={row.name}
                placeholder="NAME"
                aria-invalid={errors ? true : undefined}
                aria-describedby={errors ? errorId : undefined}
                onChange={(e) => set({ name: e.target.value })}
              />
              <CellErrors id={errorId} errors={errors} />
            </td>
            <td>
              <input className="input mono" aria-label={`Value of variable ${n}`} value={row.value} placeholder="value" onChange={(e) => set({ value: e.target.value })} />
            </td>
          </>
        );
      }}
    />
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
  return (
    <RowTable
      caption="Volume mounts"
      columns={['Type', 'Host path or volume', 'Container path', 'Access']}
      empty="None. The game sees its own folder (read-only) and a private home."
      item="mount"
      rows={rows}
      // Read-only unless the user chooses otherwise, as SECURITY.md recommends for extra mounts.
      newRow={(): VolumeRow => ({ id: newRowId(), type: 'bind', hostPath: '', containerPath: '', mode: 'ro' })}
      onChange={onChange}
      cells={(row, index, set) => {
        const at = `launchConfig.volumes.${index}`;
        const n = index + 1;
        const cell = (name: string) => fields[`${at}.${name}`];
        const hostErrors = cell('hostPath');
        const containerErrors = cell('containerPath');
        const modeErrors = [...(cell('mode') ?? []), ...(cell('type') ?? [])];
        return (
          <>
            <td>
              <select
                className="select"
                aria-label={`Type of mount ${n}`}
                value={row.type}
                onChange={(e) => {
                  const type = e.target.value as VolumeRow['type'];
                  set({ type, ...(type === 'tmpfs' ? { hostPath: '', mode: 'rw' as const } : {}) });
                }}
              >
                <option value="bind">Folder</option>
                <option value="volume">Docker volume</option>
                <option value="tmpfs">In memory (tmpfs)</option>
              </select>
              <CellErrors errors={fields[at]} />
            </td>
            <td>
              <div className="input-with-button">
                <input
                  className="input mono"
                  aria-label={`Host path of mount ${n}`}
                  value={row.hostPath}
                  disabled={row.type === 'tmpfs'}
                  placeholder={row.type === 'bind' ? 'e.g. /home/you/Games/saves' : row.type === 'volume' ? 'e.g. game-saves' : 'In memory'}
                  aria-invalid={hostErrors ? true : undefined}
                  aria-describedby={hostErrors ? `vol-host-error-${row.id}` : undefined}
                  onChange={(e) => set({ hostPath: e.target.value })}
                />
                {canPick && row.type === 'bind' && (
                  <button type="button" className="button button-small" aria-label={`Browse for mount ${n}`} onClick={() => onBrowse(index)}>
                    Browse…
                  </button>
                )}
              </div>
              <CellErrors id={`vol-host-error-${row.id}`} errors={hostErrors} />
            </td>
            <td>
              <input
                className="input mono"
                aria-label={`Container path of mount ${n}`}
                value={row.containerPath}
                placeholder="e.g. /saves"
                aria-invalid={containerErrors ? true : undefined}
                aria-describedby={containerErrors ? `vol-container-error-${row.id}` : undefined}
                onChange={(e) => set({ containerPath: e.target.value })}
              />
              <CellErrors id={`vol-container-error-${row.id}`} errors={containerErrors} />
            </td>
            <td>
              <select
                className="select"
                aria-label={`Access of mount ${n}`}
                value={row.mode}
                aria-invalid={modeErrors.length > 0 ? true : undefined}
                onChange={(e) => set({ mode: e.target.value as VolumeRow['mode'] })}
              >
                <option value="rw">Read-write</option>
                <option value="ro">Read-only</option>
              </select>
              <CellErrors errors={modeErrors} />
            </td>
          </>
        );
      }}
    />
  );
}
