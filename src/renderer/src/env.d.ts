/// <reference types="vite/client" />
import type { Transport } from '../../shared/contract/client';

declare global {
  interface Window {
    /**
     * The contract over Electron IPC, exposed by the preload (src/preload/index.ts) as a transport;
     * absent in a plain browser (serve mode). Build the typed client with `createClient`, in this
     * world, so that contract errors keep their code and problems.
     */
    readonly dillinger?: Transport;
  }
}
