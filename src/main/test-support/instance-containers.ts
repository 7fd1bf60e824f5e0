// The runner containers of one core, found by the instance label its data dir's id gives them
// (files run in parallel: counting every container with the session label counts others' games).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { INSTANCE_ID_FILE } from '../app-data/instance-id';
import { INSTANCE_LABEL } from '../docker/labels';

/** None when the data dir has no instance id yet (no core started on it). */
export async function containersOfDataDir(docker: Docker, dataDir: string): Promise<Docker.ContainerInfo[]> {
  const file = join(dataDir, INSTANCE_ID_FILE);
  if (!existsSync(file)) return [];
  return docker.listContainers({ all: true, filters: { label: [`${INSTANCE_LABEL}=${readFileSync(file, 'utf8').trim()}`] } });
}
