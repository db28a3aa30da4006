import { Body, Controller, HttpException, Post, Req } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyRequest } from 'fastify';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sendCutShortUpload } from '../../../test/support/cut-short-upload';
import { AcceptsMultipart, openUploadedFile, readUploadedFile, UPLOAD_LIMITS } from './multipart';
import { acceptRequestBodies } from './request-bodies';

const FILE_LIMIT = 1000;

/** What the upload routes saw of their uploads: how each read ended, in order of requests. */
const streamedUploads: { started: Promise<void>; outcome: Promise<string> }[] = [];
/** Held by a test to make the upload routes wait (as guards do) before they open the file. */
let beforeOpening: Promise<void> = Promise.resolve();

/** Reads the upload's stream, watching only its `end` and `error` events (as pipe() does). */
function readToEnd(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    stream.resume();
  });
}

const outcomeOf = (error: unknown) =>
  error instanceof HttpException ? `failed ${error.getStatus()}` : `failed: ${String(error)}`;

/** Runs an upload route's reading, noting when it started and how it ended. */
async function tracked(read: () => Promise<number>): Promise<{ bytes: number }> {
  let started!: () => void;
  let finished!: (outcome: string) => void;
  streamedUploads.push({
    started: new Promise((resolve) => (started = resolve)),
    outcome: new Promise((resolve) => (finished = resolve)),
  });
  started();
  try {
    await beforeOpening;
    const bytes = await read();
    finished('ended');
    return { bytes };
  } catch (error) {
    finished(outcomeOf(error));
    throw error;
  }
}

@Controller()
class UploadsController {
  @Post('avatar')
  @AcceptsMultipart()
  async upload(@Req() req: FastifyRequest): Promise<{ filename: string; bytes: number }> {
    const file = await req.file();
    const content = await file!.toBuffer();
    return { filename: file!.filename, bytes: content.length };
  }

  /** Streamed on, as imports are (into storage). */
  @Post('import')
  @AcceptsMultipart()
  stream(@Req() req: FastifyRequest): Promise<{ bytes: number }> {
    return tracked(async () => {
      const file = await openUploadedFile(req, { fileSize: 1 << 20 });
      let bytes = 0;
      file.stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      await readToEnd(file.stream);
      return bytes;
    });
  }

  /** Streamed on after an await, as FsStorage.put does (it makes the directory first). */
  @Post('later')
  @AcceptsMultipart()
  later(@Req() req: FastifyRequest): Promise<{ bytes: number }> {
    return tracked(async () => {
      const file = await openUploadedFile(req, { fileSize: 1 << 20 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      let bytes = 0;
      await pipeline(
        file.stream,
        new Writable({
          write: (chunk: Buffer, _encoding, done) => {
            bytes += chunk.length;
            done();
          },
        }),
      );
      return bytes;
    });
  }

  /** Read whole, as avatars are. */
  @Post('whole')
  @AcceptsMultipart()
  whole(@Req() req: FastifyRequest): Promise<{ bytes: number }> {
    return tracked(async () => (await readUploadedFile(req)).content.length);
  }

  @Post('notes')
  create(@Body() body: object): object {
    return body;
  }
}

describe('request bodies: JSON everywhere, multipart on upload routes', () => {
  let app: NestFastifyApplication;
  let http: App;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [UploadsController],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(
      new FastifyAdapter({ bodyLimit: 10_000 }),
      // As createApiApp: the body parsers are acceptRequestBodies', not Nest's defaults.
      { logger: false, bodyParser: false },
    );
    app.useGlobalFilters(new ProblemDetailsFilter());
    await acceptRequestBodies(app, { ...UPLOAD_LIMITS, fileSize: FILE_LIMIT });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = app.getHttpServer() as App;
  });
  afterAll(() => app.close());

  describe('an upload cut short mid-file', () => {
    let baseUrl: string;
    beforeAll(async () => {
      await app.listen(0, '127.0.0.1');
      baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    });
    const fileBytes = Buffer.alloc(64 * 1024, 'a');

    const routes = ['/import', '/later', '/whole'];

    it.each(
      routes.flatMap((path) => [
        [path, 'in its first chunk', Buffer.from('abc')],
        [path, 'after many chunks', fileBytes],
      ]),
    )(
      '%s: whose body ends early (%s) is a 400 problem, its stream failing with it',
      async (path, _, sent) => {
        const answer = await sendCutShortUpload({
          baseUrl,
          path: path as string,
          fileBytes: sent as Buffer,
          ending: 'ended',
        });
        expect(answer?.status).toBe(400);
        expect(answer?.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(answer!.body)).toMatchObject({
          type: 'urn:fitai:problem:bad-request',
          detail: expect.stringMatching(/cut short/),
        });
        expect(await streamedUploads.at(-1)!.outcome).toBe('failed 400');
      },
    );

    it.each(routes)(
      '%s: whose connection drops while the file is read fails its stream: the handler ends',
      async (path) => {
        await sendCutShortUpload({
          baseUrl,
          path,
          fileBytes,
          ending: 'dropped',
          droppedAfter: () => waitFor(() => streamedUploads.at(-1)?.started),
        });
        expect(await settledWithin(streamedUploads.at(-1)!.outcome, 5_000)).toBe('failed 400');
      },
    );

    it.each(routes)(
      '%s: whose connection drops before the handler opens the file: opening it fails',
      async (path) => {
        let open!: () => void;
        beforeOpening = new Promise((resolve) => (open = resolve));
        const before = streamedUploads.length;
        await sendCutShortUpload({
          baseUrl,
          path,
          fileBytes,
          ending: 'dropped',
          droppedAfter: () => waitFor(() => streamedUploads[before]?.started),
        });
        // The server has seen the connection close by now; only then does the handler go on.
        await new Promise((resolve) => setTimeout(resolve, 100));
        open();
        beforeOpening = Promise.resolve();
        expect(await settledWithin(streamedUploads[before].outcome, 5_000)).toMatch(
          /^failed 4\d\d$/,
        );
      },
    );
  });

  it('reads an upload on a route marked @AcceptsMultipart()', async () => {
    const res = await request(http)
      .post('/avatar')
      .attach('file', Buffer.alloc(FILE_LIMIT, 1), 'me.png')
      .expect(201);
    expect(res.body).toEqual({ filename: 'me.png', bytes: FILE_LIMIT });
  });

  it('refuses a file over the limit with 413', async () => {
    const res = await request(http)
      .post('/avatar')
      .attach('file', Buffer.alloc(FILE_LIMIT + 1, 1), 'me.png');
    expect(res.status).toBe(413);
    expect(res.body.type).toBe('urn:fitai:problem:payload-too-large');
  });

  it('refuses multipart on the other routes with 415, and reads their JSON', async () => {
    const res = await request(http).post('/notes').field('text', 'hello');
    expect(res.status).toBe(415);
    expect(res.body.type).toBe('urn:fitai:problem:unsupported-media-type');
    await request(http).post('/notes').send({ text: 'hello' }).expect(201, { text: 'hello' });
  });
});

/** The first value `get` returns that is not undefined, awaited (polls every 5 ms for 5 s). */
async function waitFor<T>(get: () => Promise<T> | undefined): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('never happened');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** `promise`'s value, or 'still waiting' when it has not settled within `ms`. */
function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<'still waiting'>(
      (resolve) => (timer = setTimeout(() => resolve('still waiting'), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}
