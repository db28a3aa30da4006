import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { startS3Server } from '../../../test/support/s3rver';
import { FsStorage } from './fs-storage';
import { S3Storage } from './s3-storage';
import { Storage } from './storage';
import { InvalidStorageKeyError } from './storage-key';

/** A driver under test, made fresh for the suite, and how to stop what it needed. */
interface DriverUnderTest {
  storage: Storage;
  stop(): Promise<void>;
}

/**
 * What every driver must do, the same way: one suite, run below against each driver. A new
 * driver passes it before it is used.
 */
function storageDriverSuite(name: string, start: () => Promise<DriverUnderTest>) {
  describe(`${name} storage driver`, () => {
    let driver: DriverUnderTest;
    let storage: Storage;
    // Keys of this run only: the suites may share a folder or bucket with other runs.
    const key = (name: string) => `test/${randomUUID()}/${name}`;

    beforeAll(async () => {
      driver = await start();
      storage = driver.storage;
    });
    afterAll(() => driver.stop());

    it('puts a Buffer and gets it back as a stream, with its size and content type', async () => {
      const at = key('hello.txt');
      const put = await storage.put(at, Buffer.from('hello, storage'), {
        contentType: 'text/plain; charset=utf-8',
      });
      expect(put).toEqual({ key: at, size: 14, contentType: 'text/plain; charset=utf-8' });
      const got = await storage.get(at);
      expect(got).toMatchObject({ key: at, size: 14, contentType: 'text/plain; charset=utf-8' });
      expect(got!.body).toBeInstanceOf(Readable);
      expect(await text(got!.body)).toBe('hello, storage');
    });

    it('puts a stream of unknown length, counting its bytes', async () => {
      const at = key('report.pdf');
      const chunks = Array.from({ length: 64 }, (_, i) => Buffer.alloc(16 * 1024, i));
      const put = await storage.put(at, Readable.from(chunks), { contentType: 'application/pdf' });
      expect(put.size).toBe(64 * 16 * 1024);
      const got = await storage.get(at);
      const read: Buffer[] = [];
      for await (const chunk of got!.body) read.push(chunk as Buffer);
      expect(Buffer.concat(read).equals(Buffer.concat(chunks))).toBe(true);
      expect(got!.contentType).toBe('application/pdf');
    });

    it('heads and tells whether an object exists', async () => {
      const at = key('a.webp');
      expect(await storage.head(at)).toBeNull();
      expect(await storage.exists(at)).toBe(false);
      await storage.put(at, Buffer.alloc(10), { contentType: 'image/webp' });
      expect(await storage.head(at)).toEqual({ key: at, size: 10, contentType: 'image/webp' });
      expect(await storage.exists(at)).toBe(true);
    });

    it('replaces an object put again under the same key', async () => {
      const at = key('same.txt');
      await storage.put(at, Buffer.from('first'), { contentType: 'text/plain' });
      await storage.put(at, Buffer.from('second!'), { contentType: 'application/json' });
      const got = await storage.get(at);
      expect({ size: got!.size, type: got!.contentType, text: await text(got!.body) }).toEqual({
        size: 7,
        type: 'application/json',
        text: 'second!',
      });
    });

    it('deletes an object, and deleting a missing one is no error', async () => {
      const at = key('gone.txt');
      const other = key('kept.txt');
      await storage.put(at, Buffer.from('x'), { contentType: 'text/plain' });
      await storage.put(other, Buffer.from('y'), { contentType: 'text/plain' });
      await storage.delete(at);
      expect(await storage.get(at)).toBeNull();
      expect(await storage.exists(other)).toBe(true);
      await expect(storage.delete(at)).resolves.toBeUndefined();
      await expect(storage.delete(key('never-was.txt'))).resolves.toBeUndefined();
    });

    it('lists the objects below a prefix, and nothing of a neighbouring prefix', async () => {
      const base = `test/${randomUUID()}`;
      await storage.put(`${base}/a/one.txt`, Buffer.from('1'), { contentType: 'text/plain' });
      await storage.put(`${base}/a/deep/two.txt`, Buffer.from('22'), { contentType: 'text/plain' });
      await storage.put(`${base}/ab/three.txt`, Buffer.from('333'), { contentType: 'text/plain' });
      const listed: { key: string; size: number }[] = [];
      for await (const object of storage.list(`${base}/a`)) {
        listed.push({ key: object.key, size: object.size });
      }
      expect(listed.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
        { key: `${base}/a/deep/two.txt`, size: 2 },
        { key: `${base}/a/one.txt`, size: 1 },
      ]);
      const none: string[] = [];
      for await (const object of storage.list(`${base}/missing`)) none.push(object.key);
      expect(none).toEqual([]);
    });

    it('gets null for a key never put', async () => {
      expect(await storage.get(key('nothing.bin'))).toBeNull();
    });

    it('reads an object whole, streamed in several chunks, or null for a key never put', async () => {
      const at = key('whole.bin');
      const bytes = Buffer.alloc(200 * 1024, 7);
      await storage.put(at, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), {
        contentType: 'application/octet-stream',
      });
      expect((await storage.read(at))?.equals(bytes)).toBe(true);
      expect(await storage.read(key('nothing.bin'))).toBeNull();
    });

    it.each([
      ['empty', ''],
      ['parent segment', 'avatars/../../etc/passwd'],
      ['leading parent', '../outside.txt'],
      ['absolute', '/etc/passwd'],
      ['empty segment', 'avatars//a.webp'],
      ['trailing slash', 'avatars/'],
      ['dot-file', 'avatars/.a.webp.meta.json'],
      ['backslash', 'avatars\\..\\a.webp'],
      ['NUL', 'avatars/a\u0000.webp'],
      ['space', 'avatars/a b.webp'],
      ['too long', `a/${'x'.repeat(600)}`],
    ])('refuses an invalid key (%s) in every operation', async (_label, bad) => {
      const attempts = [
        () => storage.put(bad, Buffer.from('x'), { contentType: 'text/plain' }),
        () => storage.get(bad),
        () => storage.head(bad),
        () => storage.exists(bad),
        () => storage.delete(bad),
      ];
      for (const attempt of attempts) {
        await expect(attempt()).rejects.toBeInstanceOf(InvalidStorageKeyError);
      }
    });

    it('fails a put whose stream fails, leaving no object', async () => {
      const at = key('broken.bin');
      const failing = new Readable({
        read() {
          this.push(Buffer.alloc(1024));
          this.destroy(new Error('the source broke'));
        },
      });
      await expect(storage.put(at, failing, { contentType: 'text/plain' })).rejects.toThrow();
      expect(await storage.exists(at)).toBe(false);
    });

    it('fails a put whose stream closes before its end without an error (a dropped upload)', async () => {
      // What @fastify/multipart does to a file part when the client's connection drops.
      const at = key('dropped.bin');
      const dropped = new Readable({ read() {} });
      dropped.push(Buffer.alloc(1024));
      setTimeout(() => dropped.destroy(), 10);
      await expect(storage.put(at, dropped, { contentType: 'text/plain' })).rejects.toThrow(
        /premature close/i,
      );
      expect(await storage.exists(at)).toBe(false);
    });
  });
}

storageDriverSuite('fs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitai-storage-'));
  return { storage: new FsStorage(dir), stop: async () => rmSync(dir, { recursive: true }) };
});

storageDriverSuite('s3 (s3rver)', async () => {
  const server = await startS3Server();
  const storage = new S3Storage({
    endpoint: server.endpoint,
    bucket: server.bucket,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
  return {
    storage,
    stop: async () => {
      storage.close();
      await server.stop();
    },
  };
});

describe('fs storage driver, on disk', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fitai-storage-'))));
  afterEach(() => rmSync(dir, { recursive: true }));

  it('keeps every file below its folder, and nothing but the object and its metadata', async () => {
    const storage = new FsStorage(join(dir, 'root'));
    await storage.put('avatars/u1/a.webp', Buffer.from('x'), { contentType: 'image/webp' });
    expect(readdirSync(join(dir, 'root', 'avatars', 'u1')).sort()).toEqual([
      '.a.webp.meta.json',
      'a.webp',
    ]);
    await expect(
      storage.put('../escaped', Buffer.from('x'), { contentType: 'text/plain' }),
    ).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(existsSync(join(dir, 'escaped'))).toBe(false);
  });

  it('serves a file copied in without metadata as bytes', async () => {
    const storage = new FsStorage(dir);
    writeFileSync(join(dir, 'copied.bin'), 'abc');
    expect(await storage.head('copied.bin')).toEqual({
      key: 'copied.bin',
      size: 3,
      contentType: 'application/octet-stream',
    });
  });
});
