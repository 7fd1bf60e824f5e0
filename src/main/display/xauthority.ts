// The Xauthority file format, read and written without the `xauth` binary. A file is a sequence of
// entries, each five big-endian fields: family (u16), then address, display number, auth name and
// auth data, each a u16 length followed by that many bytes.
import { createHash } from 'node:crypto';

export const FAMILY_LOCAL = 0x0100;
/** Matches any host name: the container's hostname differs from the host's. */
export const FAMILY_WILD = 0xffff;
export const MIT_MAGIC_COOKIE = 'MIT-MAGIC-COOKIE-1';

export interface XauthEntry {
  family: number;
  address: Buffer;
  /** The display number as text ("0" for :0). */
  number: string;
  name: string;
  data: Buffer;
}

export function parseXauthority(file: Buffer): XauthEntry[] {
  const entries: XauthEntry[] = [];
  let offset = 0;
  const field = (): Buffer => {
    if (offset + 2 > file.length) throw new Error('Xauthority file ends in the middle of an entry');
    const length = file.readUInt16BE(offset);
    offset += 2;
    if (offset + length > file.length) throw new Error('Xauthority file ends in the middle of an entry');
    const value = file.subarray(offset, offset + length);
    offset += length;
    return Buffer.from(value);
  };
  while (offset < file.length) {
    if (offset + 2 > file.length) throw new Error('Xauthority file ends in the middle of an entry');
    const family = file.readUInt16BE(offset);
    offset += 2;
    const address = field();
    const number = field().toString('latin1');
    const name = field().toString('latin1');
    const data = field();
    entries.push({ family, address, number, name, data });
  }
  return entries;
}

export function serializeXauthority(entries: readonly XauthEntry[]): Buffer {
  const parts: Buffer[] = [];
  const field = (value: Buffer) => {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(value.length);
    parts.push(length, value);
  };
  for (const entry of entries) {
    const family = Buffer.alloc(2);
    family.writeUInt16BE(entry.family);
    parts.push(family);
    field(entry.address);
    field(Buffer.from(entry.number, 'latin1'));
    field(Buffer.from(entry.name, 'latin1'));
    field(entry.data);
  }
  return Buffer.concat(parts);
}

/**
 * The cookie a client on this host would use for display `number`: an MIT-MAGIC-COOKIE-1 entry for
 * that display, local to this host name or wild, preferring the first match as Xlib does.
 */
export function findCookie(entries: readonly XauthEntry[], number: string, hostname: string): XauthEntry | undefined {
  return entries.find(
    (e) =>
      e.name === MIT_MAGIC_COOKIE &&
      e.number === number &&
      (e.family === FAMILY_WILD || (e.family === FAMILY_LOCAL && e.address.toString('latin1') === hostname)),
  );
}

/** The session's own file: just this display's cookie, family wild so it works under any container hostname. */
export function sessionXauthority(cookie: XauthEntry): Buffer {
  return serializeXauthority([{ ...cookie, family: FAMILY_WILD, address: Buffer.alloc(0) }]);
}

/** What the session record may hold: a fingerprint of the cookie, never the cookie. */
export function cookieFingerprint(cookie: XauthEntry): string {
  return `sha256:${createHash('sha256').update(cookie.data).digest('hex').slice(0, 16)}`;
}
