// The system's file dialog, where the app has one (Electron: app.info().canPickPaths); a browser
// types paths instead, so callers show a Browse button only when it can work.
import type { DillingerClient } from '../../../shared/contract/client';

export async function pickPath(
  client: DillingerClient,
  kind: 'folder' | 'file',
  title: string,
  defaultPath?: string,
): Promise<string | null> {
  const { path } = await client.invoke('host.pickPath', {
    kind,
    title,
    ...(defaultPath && defaultPath.startsWith('/') ? { defaultPath } : {}),
  });
  return path;
}
