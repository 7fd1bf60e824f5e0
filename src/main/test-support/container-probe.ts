// Test support: looking at a running game from the host (its /proc entry: the real game process,
// not a stand-in), where a process inside must try something, `docker exec`, and a container run
// to its end for its exit code and output.
import { readFileSync, readlinkSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

/** /proc/<pid>/status as name → value (Uid, Groups, CapEff, NoNewPrivs, Seccomp, ...). */
export function procStatus(pid: number): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return fields;
}

export interface MountEntry {
  /** Where it is mounted, as the process sees it. */
  point: string;
  /** Per-mount options: `ro` or `rw` first, then nosuid, nodev, ... */
  options: string[];
  fsType: string;
  /** The host-side root of the mount (for bind mounts, the path inside its file system). */
  root: string;
}

/** The process's mounts, from /proc/<pid>/mountinfo. */
export function mountsOf(pid: number): MountEntry[] {
  return readFileSync(`/proc/${pid}/mountinfo`, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [left = '', right = ''] = line.split(' - ');
      const fields = left.split(' ');
      return { root: unescape(fields[3] ?? ''), point: unescape(fields[4] ?? ''), options: (fields[5] ?? '').split(','), fsType: right.split(' ')[0] ?? '' };
    });
}

/** Network interfaces in the process's network namespace. */
export function interfacesOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/net/dev`, 'utf8')
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]?.trim() ?? '')
    .filter(Boolean);
}

/** Whether the process shares the host's (this test's) namespace of that kind. */
export function sharesNamespace(pid: number, kind: 'net' | 'pid' | 'ipc' | 'uts' | 'mnt' | 'user' | 'cgroup'): boolean {
  return readlinkSync(`/proc/${pid}/ns/${kind}`) === readlinkSync(`/proc/self/ns/${kind}`);
}

/** Runs a command in the container (as `user`, default the image's root) and returns its exit code and output. */
export async function execIn(docker: Docker, containerId: string, cmd: string[], user?: string): Promise<{ exitCode: number; output: string }> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, ...(user ? { User: user } : {}) });
  const stream = await exec.start({ hijack: true, stdin: false });
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  docker.modem.demuxStream(stream, sink, sink);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, output: Buffer.concat(chunks).toString('utf8') };
}

/** Creates and starts the container, waits for its end: its exit code and output (stdout and stderr). Always removed. */
export async function runToEnd(docker: Docker, spec: Docker.ContainerCreateOptions): Promise<{ exitCode: number; log: string }> {
  const container = await docker.createContainer(spec);
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const raw = (await container.logs({ follow: false, stdout: true, stderr: true })) as unknown as Buffer;
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    const source = new PassThrough();
    docker.modem.demuxStream(source, sink, sink);
    source.end(raw);
    await new Promise((resolve) => setImmediate(resolve));
    return { exitCode: StatusCode, log: Buffer.concat(chunks).toString() };
  } finally {
    await container.remove({ force: true });
  }
}

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescape(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
