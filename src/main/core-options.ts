// What a core can be given (createCore in core.ts), and what it gives back: the Electron shell, serve
// mode and the tests choose folders, the engine and stand-ins for what this machine lacks (every
// option has a default), then carry `dispatch` and `onEvent` to a window.
import type { EventName } from '../shared/contract/contract';
import type { GpuFact } from '../shared/validation/host-facts';
import type { Dispatch } from './transport/dispatcher';
import type { PickPath } from './host/host-handlers';
import type { OpenPath } from './saves/saves-folder-handlers';

export interface CoreOptions {
  /** Overrides DILLINGER_DATA_DIR and the default data dir. */
  dataDir?: string;
  /** Overrides the settings' library folder. */
  libraryDir?: string;
  /** Overrides the settings' Docker endpoint (a socket path or tcp://host:port). */
  dockerEndpoint?: string;
  env?: NodeJS.ProcessEnv;
  /** Copy the demo games into an empty library on first start (default true). */
  seedDemoGames?: boolean;
  /** The library volume earlier versions mounted, refused as a game's volume (default DILLINGER_LIBRARY_VOLUME, else dillinger_library). */
  libraryVolume?: string;
  /** Seconds between SIGTERM and SIGKILL when a game is stopped (default 10). */
  stopGraceSeconds?: number;
  /** The host's GPUs (default: host/gpus.ts inventoryGpus); tests describe a made-up host's. */
  gpuInventory?: () => Promise<GpuFact[]>;
  /** The system's file dialog (the Electron shell gives one; a browser has none, so host.pickPath answers unavailable). */
  pickPath?: PickPath;
  /** Shows a folder in the system's file manager (the Electron shell's shell.openPath; a browser has none, so saves.openFolder answers unavailable). */
  openPath?: OpenPath;
}

export interface Core {
  readonly dataDir: string;
  readonly dispatch: Dispatch;
  /** Pushed events, for every transport to forward. Returns the unsubscribe function. */
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
}
