// A Windows game's Wine prefix: install the game from its setup file (.exe, .msi) or run a program
// there (one of Wine's tools, or a picked .exe such as a patch). Each runs in a session of its own
// (kind install or tool) with a window, logs and graphs like Play; when an install ends, the programs
// it created are listed and the player chooses the one Play starts.
import { useEffect, useState } from 'react';
import type { RunnerSession } from '../../../shared/model/entities';
import type { LibraryGame } from '../../../shared/library/manifest';
import { WINE_TOOLS, type CreatedProgram, type WineTool } from '../../../shared/model/prefix-program';
import { argumentsFromText } from '../../../shared/library/launch-arguments';
import { isTerminal } from '../../../shared/model/session-states';
import { messageOf } from '../../../shared/errors';
import { useClient } from '../shell/client-context';
import { useAppInfoStore } from '../shell/app-info-store';
import { Dialog } from '../shell/Dialog';
import { Field } from '../shell/Field';
import { pickPath } from '../shell/pick-path';
import { routeHref } from '../shell/route';

type Source = 'setup' | 'tool' | 'file';

export function PrefixProgramsDialog({ game, onClose, onChosen }: { game: LibraryGame; onClose: () => void; onChosen: (game: LibraryGame) => void }) {
  const client = useClient();
  const canPick = useAppInfoStore((state) => state.info?.canPickPaths ?? false);
  const [source, setSource] = useState<Source>('setup');
  const [file, setFile] = useState('');
  const [tool, setTool] = useState<WineTool>('winecfg');
  const [argumentsText, setArgumentsText] = useState('');
  const [session, setSession] = useState<RunnerSession>();
  const [programs, setPrograms] = useState<CreatedProgram[]>();
  const [chosen, setChosen] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  // Follow the session until it ends, then list what it created.
  useEffect(() => {
    if (!session || isTerminal(session.status)) return;
    return client.on('session.changed', (changed) => {
      if (changed.sessionId === session.sessionId) setSession(changed);
    });
  }, [client, session]);
  useEffect(() => {
    if (!session || !isTerminal(session.status)) return;
    void client.invoke('games.prefixPrograms', { sessionId: session.sessionId }).then(
      (list) => {
        setPrograms(list.programs);
        setChosen(list.programs[0]?.executable);
      },
      (error: unknown) => setFailure(messageOf(error)),
    );
  }, [client, session]);

  const start = async () => {
    setBusy(true);
    setFailure(undefined);
    setPrograms(undefined);
    const args = argumentsFromText(argumentsText);
    try {
      setSession(
        source === 'setup'
          ? await client.invoke('sessions.install', { gameId: game.id, file, arguments: args })
          : await client.invoke('sessions.runTool', { gameId: game.id, ...(source === 'tool' ? { tool } : { file }), arguments: args }),
      );
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const choose = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      onChosen(await client.invoke('games.choosePrefixProgram', { gameId: game.id, executable: chosen }));
    } catch (error) {
      setFailure(messageOf(error));
      setBusy(false);
    }
  };

  const browse = async () => {
    const path = await pickPath(client, 'file', source === 'setup' ? 'Choose the setup file (.exe or .msi)' : 'Choose the program (.exe)', file || undefined).catch(() => null);
    if (path) setFile(path);
  };
  const running = session !== undefined && !isTerminal(session.status);

  return (
    <Dialog title={`Install or run a program in ${game.title}'s prefix`} onClose={onClose}>
      <fieldset className="prefix-program-source" disabled={running}>
        <legend>What to run</legend>
        <label className="checkbox-line">
          <input type="radio" name="prefix-source" checked={source === 'setup'} onChange={() => setSource('setup')} />
          Install from setup file
        </label>
        <label className="checkbox-line">
          <input type="radio" name="prefix-source" checked={source === 'tool'} onChange={() => setSource('tool')} />
          One of Wine&apos;s tools
        </label>
        <label className="checkbox-line">
          <input type="radio" name="prefix-source" checked={source === 'file'} onChange={() => setSource('file')} />
          Another program (a patch, a launcher)
        </label>
      </fieldset>
      {source === 'tool' ? (
        <Field label="Tool">
          {(control) => (
            <select {...control} className="input" value={tool} disabled={running} onChange={(e) => setTool(e.target.value as WineTool)}>
              {WINE_TOOLS.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field
          label={source === 'setup' ? 'Setup file' : 'Program'}
          hint={<>An .exe{source === 'setup' ? ' or .msi' : ''} in one of the folders games may use (Settings → Allowed folders). It is given to the program read-only.</>}
        >
          {(control) => (
            <div className="input-with-button">
              <input {...control} className="input mono" value={file} disabled={running} placeholder="/home/you/Downloads/setup.exe" onChange={(e) => setFile(e.target.value)} />
              {canPick && (
                <button type="button" className="button" disabled={running} onClick={() => void browse()}>
                  Choose file…
                </button>
              )}
            </div>
          )}
        </Field>
      )}
      <Field label="Arguments" hint={<>Optional, one per line: <code>/S</code> makes an NSIS installer silent.</>}>
        {(control) => <textarea {...control} className="input mono" rows={2} value={argumentsText} disabled={running} onChange={(e) => setArgumentsText(e.target.value)} />}
      </Field>

      {session && (
        <p role="status">
          {running ? 'Running… ' : `${session.statusReason ?? `Ended: ${session.status}`} `}
          <a href={routeHref({ name: 'session', sessionId: session.sessionId })}>Open the session</a> (window, logs and graphs)
        </p>
      )}
      {programs && (
        <fieldset className="prefix-programs">
          <legend>The program Play starts</legend>
          {programs.length === 0 ? (
            <p>It created no new program in the prefix. If the game is installed elsewhere, run its setup file again, or pick its .exe in Edit.</p>
          ) : (
            programs.map((program) => (
              <label key={program.executable} className="checkbox-line">
                <input type="radio" name="prefix-program" checked={chosen === program.executable} onChange={() => setChosen(program.executable)} />
                {program.name} <code>{program.executable}</code>
              </label>
            ))
          )}
        </fieldset>
      )}
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onClose}>
          Close
        </button>
        {programs && programs.length > 0 ? (
          <button type="button" className="button button-primary" disabled={busy || !chosen} onClick={() => void choose()}>
            Play this program
          </button>
        ) : (
          <button type="button" className="button button-primary" disabled={busy || running || (source !== 'tool' && file === '')} onClick={() => void start()}>
            {source === 'setup' ? 'Install' : 'Run'}
          </button>
        )}
      </div>
    </Dialog>
  );
}
