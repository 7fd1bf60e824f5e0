// The X11 requests a picture needs, laid out and read back (little-endian, as X11Client speaks).
import type { X11Client } from './x11-client';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function request(opcode: number, data: number, words: number[], extra?: Buffer): Buffer {
  const bytes = Buffer.alloc(4 + words.length * 4 + (extra?.length ?? 0));
  bytes[0] = opcode;
  bytes[1] = data;
  bytes.writeUInt16LE(bytes.length / 4, 2);
  words.forEach((word, i) => bytes.writeUInt32LE(word >>> 0, 4 + i * 4));
  extra?.copy(bytes, 4 + words.length * 4);
  return bytes;
}

/** A window's children, bottom to top in stacking order. */
export async function queryTree(x: X11Client, window: number): Promise<number[]> {
  const reply = await x.request(request(15, 0, [window]));
  const count = reply.readUInt16LE(16);
  return Array.from({ length: count }, (_, i) => reply.readUInt32LE(32 + i * 4));
}

export interface WindowState {
  /** The window and all its ancestors are mapped. */
  viewable: boolean;
  /** An InputOnly window: it shows nothing, so it hides nothing. */
  inputOnly: boolean;
}

export async function windowState(x: X11Client, window: number): Promise<WindowState> {
  const reply = await x.request(request(3, 0, [window]));
  return { viewable: reply[26] === 2, inputOnly: reply.readUInt16LE(12) === 2 };
}

/** The window's rectangle in root coordinates: its inside (where its own pixels are), or with its border. */
export async function rootRect(x: X11Client, window: number, withBorder: boolean): Promise<Rect> {
  const geometry = await x.request(request(14, 0, [window]));
  const border = withBorder ? geometry.readUInt16LE(20) : 0;
  const translated = await x.request(request(40, 0, [window, x.setup.root, 0]));
  return {
    x: translated.readInt16LE(12) - border,
    y: translated.readInt16LE(14) - border,
    width: geometry.readUInt16LE(16) + 2 * border,
    height: geometry.readUInt16LE(18) + 2 * border,
  };
}

/** The raw ZPixmap bytes of a rectangle of a drawable (a window: a part of it that lies on the screen). */
export async function getImage(x: X11Client, drawable: number, rect: Rect): Promise<Buffer> {
  const bytes = request(73, 2, [drawable, 0, 0, 0xffffffff]);
  bytes.writeInt16LE(rect.x, 8);
  bytes.writeInt16LE(rect.y, 10);
  bytes.writeUInt16LE(rect.width, 12);
  bytes.writeUInt16LE(rect.height, 14);
  const reply = await x.request(bytes);
  return reply.subarray(32);
}

/** The major opcode of an extension, or undefined when the server lacks it. */
export async function extensionOpcode(x: X11Client, name: string): Promise<number | undefined> {
  const nameBytes = Buffer.from(name, 'latin1');
  const extra = Buffer.alloc(4 + nameBytes.length + ((4 - (nameBytes.length % 4)) % 4));
  extra.writeUInt16LE(nameBytes.length, 0);
  nameBytes.copy(extra, 4);
  const reply = await x.request(request(98, 0, [], extra));
  return reply[8] === 1 ? reply[9] : undefined;
}

const LOCAL_CLIENT_PID_MASK = 2;

/**
 * The pid, as the X server sees it, of the client that created `resource` (X-Resource's
 * XResQueryClientIds with the LocalClientPID mask); undefined when the server does not know it.
 */
export async function clientPidOf(x: X11Client, xresOpcode: number, resource: number): Promise<number | undefined> {
  const reply = await x.request(request(xresOpcode, 4, [1, resource, LOCAL_CLIENT_PID_MASK]));
  const count = reply.readUInt32LE(8);
  let offset = 32;
  for (let i = 0; i < count; i += 1) {
    const mask = reply.readUInt32LE(offset + 4);
    const length = reply.readUInt32LE(offset + 8);
    if (mask === LOCAL_CLIENT_PID_MASK && length >= 4) return reply.readUInt32LE(offset + 12);
    offset += 12 + length;
  }
  return undefined;
}
