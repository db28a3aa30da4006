import { Body, Controller, Post, Req } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyRequest } from 'fastify';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { AcceptsMultipart, UPLOAD_LIMITS } from './multipart';
import { acceptRequestBodies } from './request-bodies';

const FILE_LIMIT = 1000;

@Controller()
class UploadsController {
  @Post('avatar')
  @AcceptsMultipart()
  async upload(@Req() req: FastifyRequest): Promise<{ filename: string; bytes: number }> {
    const file = await req.file();
    const content = await file!.toBuffer();
    return { filename: file!.filename, bytes: content.length };
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
