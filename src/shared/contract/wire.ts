// The frames the WebSocket transport (serve mode) carries. Everything a browser sends is parsed
// with these schemas before the dispatcher sees it, as Electron's path checks its sender.
import { z } from 'zod';

export const CONTRACT_PATH = '/contract';
/** The most a single frame may carry; launch requests and queries are far smaller. */
export const MAX_FRAME_BYTES = 1024 * 1024;

export const CallFrame = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  payload: z.unknown().optional(),
});
export type CallFrame = z.infer<typeof CallFrame>;

/** Server → browser: the answer to call `id`, or a pushed event. */
export type ServerFrame =
  | { id: number; envelope: unknown }
  | { event: string; payload: unknown };
