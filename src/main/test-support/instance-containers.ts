// The runner containers of one core, found by the instance label its data dir's id gives them
// (files run in parallel: counting every container with the session label counts others' games).
import type Docker from 'dockerode';
import { INSTANCE_LABEL, instanceIdOf } from '../app-data/instance-id';

export async function containersOfDataDir(docker: Docker, dataDir: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`${INSTANCE_LABEL}=${instanceIdOf(dataDir)}`] } });
}
