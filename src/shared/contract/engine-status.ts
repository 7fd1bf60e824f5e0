import { z } from 'zod';

/** Whether the Docker engine answers, and when it does not, what the user should do. */
export const EngineStatus = z.object({
  reachable: z.boolean(),
  /** Where the app looks for the engine (a unix socket or tcp:// address). */
  endpoint: z.string(),
  version: z.string().optional(),
  apiVersion: z.string().optional(),
  cgroupVersion: z.enum(['1', '2']).optional(),
  /** When unreachable: what went wrong and what to do about it. */
  message: z.string().optional(),
});
export type EngineStatus = z.infer<typeof EngineStatus>;
