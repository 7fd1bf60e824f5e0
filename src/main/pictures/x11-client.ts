// A small X11 client over the server's unix socket, in plain Node: the few requests a picture needs
// (QueryTree, GetWindowAttributes, GetGeometry, TranslateCoordinates, GetImage, and X-Resource's
// client pid). One long-lived connection per watched session, so a frame costs no process start.
import { connect, type Socket } from 'node:net';
import { MIT_MAGIC_COOKIE } from '../display/xauthority';

export interface X11Setup {
  root: number;
  /** The bits of a resource id that are not its client's: ids within it are the server's own (the composite overlay). */
  resourceIdMask: number;
  width: number;
  height: number;
  rootDepth: number;
  /** Bits per pixel of ZPixmap images at the root depth. */
  bitsPerPixel: number;
  /** 0: least significant byte first. */
  imageByteOrder: number;
  redMask: number;
  greenMask: number;
  blueMask: number;
}

interface Pending {
  resolve: (reply: Buffer) => void;
  reject: (error: Error) => void;
}

const pad4 = (n: number) => (4 - (n % 4)) % 4;

/** A server that does not answer within this closes the connection (the next frame reconnects). */
export const REPLY_TIMEOUT_MS = 5_000;

export class X11Client {
  private buffer: Buffer = Buffer.alloc(0);
  private sequence = 0;
  private readonly pending = new Map<number, Pending>();
  private closedError: Error | undefined;
  private constructor(private readonly socket: Socket, readonly setup: X11Setup) {}

  /** Connects with the display's MIT-MAGIC-COOKIE-1 (the cookie's 16 bytes). */
  static async open(socketPath: string, cookie: Buffer): Promise<X11Client> {
    const socket = connect(socketPath);
    const timer = setTimeout(() => socket.destroy(new Error(`the X server did not answer within ${REPLY_TIMEOUT_MS / 1000} s`)), REPLY_TIMEOUT_MS);
    const setupReply = await handshake(socket, cookie).finally(() => clearTimeout(timer));
    const client = new X11Client(socket, parseSetup(setupReply));
    socket.on('data', (chunk: Buffer) => client.onData(chunk));
    const fail = (error: Error) => client.failAll(error);
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the X server closed the connection')));
    return client;
  }

  close(): void {
    this.failAll(new Error('the picture connection was closed'));
    this.socket.destroy();
  }

  /** Sends one request (already laid out, length field filled) and waits for its reply. */
  request(bytes: Buffer): Promise<Buffer> {
    if (this.closedError) return Promise.reject(this.closedError);
    this.sequence = (this.sequence + 1) & 0xffff;
    const sequence = this.sequence;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.failAll(new Error(`the X server did not answer within ${REPLY_TIMEOUT_MS / 1000} s`));
        this.socket.destroy();
      }, REPLY_TIMEOUT_MS);
      const settle = () => clearTimeout(timer);
      this.pending.set(sequence, {
        resolve: (reply) => (settle(), resolve(reply)),
        reject: (error) => (settle(), reject(error)),
      });
      this.socket.write(bytes);
    });
  }

  private failAll(error: Error): void {
    this.closedError ??= error;
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 32) return;
      const kind = this.buffer[0]!;
      const total = kind === 1 || kind === 35 ? 32 + this.buffer.readUInt32LE(4) * 4 : 32;
      if (this.buffer.length < total) return;
      const message = this.buffer.subarray(0, total);
      this.buffer = this.buffer.subarray(total);
      if (kind > 1) continue; // an event: this client selects none
      const entry = this.pending.get(message.readUInt16LE(2));
      if (!entry) continue;
      this.pending.delete(message.readUInt16LE(2));
      if (kind === 1) entry.resolve(message);
      else entry.reject(new X11Error(message[1]!, message.readUInt32LE(4), message[10]!));
    }
  }
}

export class X11Error extends Error {
  constructor(readonly code: number, readonly value: number, readonly majorOpcode: number) {
    super(`X error ${code} on request ${majorOpcode} (resource 0x${value.toString(16)})`);
  }
}

function handshake(socket: Socket, cookie: Buffer): Promise<Buffer> {
  const name = Buffer.from(MIT_MAGIC_COOKIE, 'latin1');
  const head = Buffer.alloc(12);
  head[0] = 0x6c; // 'l': little-endian
  head.writeUInt16LE(11, 2);
  head.writeUInt16LE(0, 4);
  head.writeUInt16LE(name.length, 6);
  head.writeUInt16LE(cookie.length, 8);
  const request = Buffer.concat([head, name, Buffer.alloc(pad4(name.length)), cookie, Buffer.alloc(pad4(cookie.length))]);
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 8) return;
      const total = 8 + received.readUInt16LE(6) * 4;
      if (received.length < total) return;
      cleanup();
      if (received.length > total) socket.unshift(received.subarray(total));
      if (received[0] === 1) return resolve(received.subarray(0, total));
      const reason = received.subarray(8, 8 + received[1]!).toString('latin1').trim();
      reject(new Error(`the X server refused the picture's connection: ${reason || 'authentication failed'}`));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('error', onError);
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.write(request);
  });
}

function parseSetup(reply: Buffer): X11Setup {
  const vendorLength = reply.readUInt16LE(24);
  const formatCount = reply[29]!;
  const imageByteOrder = reply[30]!;
  let offset = 40 + vendorLength + pad4(vendorLength);
  const formats = new Map<number, number>();
  for (let i = 0; i < formatCount; i += 1, offset += 8) formats.set(reply[offset]!, reply[offset + 1]!);
  const root = reply.readUInt32LE(offset);
  const width = reply.readUInt16LE(offset + 20);
  const height = reply.readUInt16LE(offset + 22);
  const rootVisual = reply.readUInt32LE(offset + 32);
  const rootDepth = reply[offset + 38]!;
  const depthCount = reply[offset + 39]!;
  offset += 40;
  let masks = { redMask: 0xff0000, greenMask: 0xff00, blueMask: 0xff };
  for (let d = 0; d < depthCount; d += 1) {
    const visualCount = reply.readUInt16LE(offset + 2);
    offset += 8;
    for (let v = 0; v < visualCount; v += 1, offset += 24) {
      if (reply.readUInt32LE(offset) === rootVisual) {
        masks = { redMask: reply.readUInt32LE(offset + 8), greenMask: reply.readUInt32LE(offset + 12), blueMask: reply.readUInt32LE(offset + 16) };
      }
    }
  }
  return { root, resourceIdMask: reply.readUInt32LE(12), width, height, rootDepth, bitsPerPixel: formats.get(rootDepth) ?? 0, imageByteOrder, ...masks };
}
