// What the validation rules need to know about the machine, as plain data. The core gathers it
// live (src/main/host); the renderer receives it through the contract; tests write it by hand.
import { z } from 'zod';

export const PathFact = z.object({
  exists: z.boolean(),
  /** Readable (and, for folders, searchable) by the user the app runs as. */
  accessible: z.boolean(),
  /** The path with `..` and symlinks resolved; present when it exists. */
  realPath: z.string().optional(),
  kind: z.enum(['file', 'directory', 'socket', 'other']).optional(),
});
export type PathFact = z.infer<typeof PathFact>;

export const DisplayFact = z.object({
  /** `:0` for X11, `wayland-0` for Wayland. */
  displayId: z.string(),
  /** The socket on the host (e.g. /tmp/.X11-unix/X0, $XDG_RUNTIME_DIR/wayland-0). */
  socketPath: z.string(),
  /** The largest mode the display offers, when known. */
  maxWidth: z.number().int().positive().optional(),
  maxHeight: z.number().int().positive().optional(),
  /** An X11 display's RandR modes (size and the rates it offers at it), when known: bounds the shared display (display-modes.ts). */
  modes: z.array(z.object({ resolution: z.string(), rates: z.array(z.number()) })).optional(),
});
export type DisplayFact = z.infer<typeof DisplayFact>;

/** A /dev/dri node (card or render) on the host, with the group that owns it. */
export const GpuNode = z.object({
  path: z.string(),
  gid: z.number().int().nonnegative(),
});
export type GpuNode = z.infer<typeof GpuNode>;

export const GpuFact = z.object({
  /** Every id a user may write in gpuDevices for this GPU: NVIDIA index and UUID, DRM render node. */
  ids: z.array(z.string()),
  vendor: z.enum(['nvidia', 'amd', 'intel', 'other']),
  name: z.string(),
  /** PCI address as sysfs writes it (0000:01:00.0), when known: joins nvidia-smi to /dev/dri. */
  pciBusId: z.string().optional(),
  /** The GPU's /dev/dri card and render nodes; absent or empty when it has none (an NVIDIA GPU without nvidia-drm). */
  nodes: z.array(GpuNode).optional(),
  /** Video memory, when the driver reports it (NVIDIA). */
  memoryBytes: z.number().int().positive().optional(),
});
export type GpuFact = z.infer<typeof GpuFact>;

/** The host's sound server as a game would reach it. Informational: sound never blocks a launch. */
export const SoundFact = z.object({
  /** The server found, as PULSE_SERVER names it (unix:/run/user/1000/pulse/native). */
  server: z.string().optional(),
  /** Why there is none: what a session with sound on would be warned. */
  missing: z.string().optional(),
});
export type SoundFact = z.infer<typeof SoundFact>;

export const CatalogGame = z.object({
  id: z.string(),
  title: z.string(),
  platforms: z.array(z.enum(['windows', 'linux'])),
  /** The folder of a game installed outside the library, mounted read-only: judged like any mount source. */
  location: z.string().optional(),
});

export const HostFacts = z.object({
  cpuCount: z.number().int().positive(),
  memoryBytes: z.number().int().positive(),
  displays: z.object({ x11: DisplayFact.optional(), wayland: DisplayFact.optional() }),
  gpus: z.array(GpuFact),
  /** Absent when not gathered (hand-written facts in tests). */
  sound: SoundFact.optional(),
  /**
   * Whether the Docker engine can hand NVIDIA GPUs to containers (an `nvidia` runtime in `docker info`,
   * i.e. the NVIDIA Container Toolkit is set up). Absent when unknown (the engine did not answer).
   */
  nvidiaRuntime: z.boolean().optional(),
  /** Folders, already resolved, under which bind mounts and Wine prefixes may lie. */
  allowedHostDirectories: z.array(z.string()),
  /** Folders and files no mount may reach, even inside an allowed folder (the data dir, docker.sock, ...). */
  deniedHostPaths: z.array(z.string()),
  /** Facts about the paths a request names; gather them with pathsToProbe(). */
  paths: z.record(z.string(), PathFact),
  games: z.array(CatalogGame),
  /** Every session id the store knows (active and history): a new one must differ. */
  sessionIds: z.array(z.string()),
  /** What the runner image's Wine can apply (its labels); absent when unknown: the entrypoint then refuses what it lacks. */
  runnerWine: z.object({ dxvk: z.boolean(), mangohud: z.boolean(), winetricks: z.boolean() }).optional(),
  /** The library volume earlier versions mounted (default dillinger_library; it shows the whole library): never a prefix or an extra mount. */
  libraryVolume: z.string().optional(),
});
export type HostFacts = z.infer<typeof HostFacts>;
