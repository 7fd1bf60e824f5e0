// Pictures only while someone looks: a page asks to watch a session (a lease it renews every few
// seconds, so a closed window stops the capture by itself); while a lease lives, the session's
// picture is grabbed about once a second and pushed as a thumbnail. No lease, no connection, no
// capture. The last thumbnail is kept beside the session's records for History.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { messageOf } from '../../shared/errors';
import type { RunnerSession } from '../../shared/model/entities';
import { isLive } from '../../shared/model/session-states';
import { writeFileAtomic } from '../session-store/atomic-file';
import { encodePng, type RgbImage } from './png';
import { thumbnailPng, type PictureSource } from './picture-source';
import { pictureFileName, pictureFilePath, screenshotFileName } from './picture-files';

export const LEASE_MS = 5_000;
export const FRAME_MS = 1_000;
/** The last thumbnail is written to disk at most this often while watched, and once more when watching ends. */
export const KEEP_MS = 10_000;

export interface SessionPicture {
  sessionId: string;
  /** data:image/png;base64,... */
  dataUrl: string;
  width: number;
  height: number;
  capturedAt: string;
}

export interface PictureWatchDeps {
  /** The session's record, or undefined. */
  session(sessionId: string): RunnerSession | undefined;
  /** Opens a connection to the session's picture (its nested display or its windows on the shared one). */
  openSource(session: RunnerSession): Promise<PictureSource>;
  /** The store's root folder: pictures live in its pictures/ folder, beside logs/. */
  storeRoot: string;
  /** Records the picture's file name on the session (RunnerSession.picture). */
  recordPicture(sessionId: string, fileName: string): Promise<void>;
  emit(picture: SessionPicture): void;
  warn(message: string): void;
  now?: () => Date;
}

interface Watched {
  /** Lease id → when it ends: one per page that watches (two windows may watch one session). */
  leases: Map<string, number>;
  timer: NodeJS.Timeout;
  source?: Promise<PictureSource>;
  busy: boolean;
  last?: Buffer;
  /** When a thumbnail was last written. */
  keptAt?: number;
  /** `last` is newer than the file. */
  unsaved?: boolean;
  recorded: boolean;
  failure?: string;
}

export class PictureWatch {
  /** Frames grabbed since start: 0 while nobody watches (tests hold it to that). */
  captures = 0;
  private readonly watched = new Map<string, Watched>();
  constructor(private readonly deps: PictureWatchDeps) {}

  /** Starts a lease on a live session's picture, or renews `leaseId`; answers the lease and how long it lasts. */
  watch(sessionId: string, leaseId?: string): { leaseId: string; leaseMs: number } {
    const session = this.liveSession(sessionId);
    const id = leaseId ?? randomUUID();
    const expiresAt = Date.now() + LEASE_MS;
    const current = this.watched.get(sessionId);
    if (current) {
      current.leases.set(id, expiresAt);
      return { leaseId: id, leaseMs: LEASE_MS };
    }
    const entry: Watched = { leases: new Map([[id, expiresAt]]), busy: false, recorded: session.picture !== undefined, timer: setInterval(() => void this.frame(sessionId), FRAME_MS) };
    this.watched.set(sessionId, entry);
    void this.frame(sessionId);
    return { leaseId: id, leaseMs: LEASE_MS };
  }

  /** Ends one page's lease now (the page went away), or every lease on the session without one. */
  async unwatch(sessionId: string, leaseId?: string): Promise<void> {
    const entry = this.watched.get(sessionId);
    if (!entry) return;
    if (leaseId !== undefined) {
      entry.leases.delete(leaseId);
      if (entry.leases.size > 0) return;
    }
    this.watched.delete(sessionId);
    clearInterval(entry.timer);
    if (entry.last && entry.unsaved) await this.keep(sessionId, entry, entry.last).catch((error: unknown) => this.deps.warn(`The last picture of session ${sessionId} could not be kept: ${messageOf(error)}`));
    (await entry.source?.catch(() => undefined))?.close();
  }

  /** A full-size PNG of the session now, saved beside its records; answers its file name. */
  async screenshot(sessionId: string): Promise<{ file: string; width: number; height: number }> {
    const session = this.liveSession(sessionId);
    const source = await this.deps.openSource(session);
    let image: RgbImage | undefined;
    try {
      image = await source.grab();
    } finally {
      source.close();
    }
    if (!image) throw new Error('The game shows no window yet: take the screenshot once its window is open.');
    const file = screenshotFileName(sessionId, (this.deps.now ?? (() => new Date()))());
    await this.write(file, encodePng(image));
    return { file, width: image.width, height: image.height };
  }

  /** A session changed: an ended one is watched no more (its last picture stays on disk). */
  onSessionChanged(session: RunnerSession): void {
    if (!isLive(session.status)) void this.unwatch(session.sessionId);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.watched.keys()].map((id) => this.unwatch(id)));
  }

  private liveSession(sessionId: string): RunnerSession {
    const session = this.deps.session(sessionId);
    if (!session) throw new Error(`There is no session ${sessionId}: refresh the list.`);
    if (session.status !== 'running') throw new Error(`The session is ${session.status}: a picture is taken only while the game runs.`);
    return session;
  }

  private async frame(sessionId: string): Promise<void> {
    const entry = this.watched.get(sessionId);
    if (!entry || entry.busy) return;
    const now = Date.now();
    for (const [id, expiresAt] of entry.leases) if (now > expiresAt) entry.leases.delete(id);
    if (entry.leases.size === 0) return void this.unwatch(sessionId);
    const session = this.deps.session(sessionId);
    if (!session || session.status !== 'running') return void this.unwatch(sessionId);
    entry.busy = true;
    try {
      entry.source ??= this.deps.openSource(session);
      const image = await (await entry.source).grab();
      this.captures += 1;
      if (!image || !this.watched.has(sessionId)) return;
      const png = thumbnailPng(image);
      entry.last = png;
      entry.failure = undefined;
      const due = entry.keptAt === undefined || Date.now() - entry.keptAt >= KEEP_MS;
      entry.unsaved = !due;
      const capturedAt = (this.deps.now ?? (() => new Date()))().toISOString();
      this.deps.emit({ sessionId, dataUrl: `data:image/png;base64,${png.toString('base64')}`, width: image.width, height: image.height, capturedAt });
      if (due) await this.keep(sessionId, entry, png);
    } catch (error) {
      entry.source = undefined; // the next frame reconnects
      const message = `No picture of session ${sessionId}: ${messageOf(error)}`;
      if (entry.failure !== message) this.deps.warn(message);
      entry.failure = message;
    } finally {
      entry.busy = false;
    }
  }

  /** The last thumbnail, on disk, recorded on the session the first time. */
  private async keep(sessionId: string, entry: Watched, png: Buffer): Promise<void> {
    await this.write(pictureFileName(sessionId), png);
    entry.keptAt = Date.now();
    if (!entry.recorded) {
      entry.recorded = true;
      await this.deps.recordPicture(sessionId, pictureFileName(sessionId));
    }
  }

  private async write(file: string, png: Buffer): Promise<void> {
    const path = pictureFilePath(this.deps.storeRoot, file);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, png);
  }
}
