import { Body, Controller, Post } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { BodyLimit } from './body-limit';
import { acceptRequestBodies } from './request-bodies';

const SERVER_LIMIT = 1_000;

@Controller()
class BodiesController {
  @Post('small')
  small(@Body() body: object): object {
    return { keys: Object.keys(body).length };
  }

  @Post('large')
  @BodyLimit(5_000)
  large(@Body() body: object): object {
    return { keys: Object.keys(body).length };
  }
}

/** A JSON body of about `bytes` bytes. */
const bodyOf = (bytes: number) => ({ text: 'x'.repeat(bytes - 11) });

describe('@BodyLimit: a route-specific body limit', () => {
  let app: NestFastifyApplication;
  let http: App;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [BodiesController] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(
      new FastifyAdapter({ bodyLimit: SERVER_LIMIT }),
      // As createApiApp: the body parsers are acceptRequestBodies', not Nest's defaults.
      { logger: false, bodyParser: false },
    );
    app.useGlobalFilters(new ProblemDetailsFilter());
    await acceptRequestBodies(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = app.getHttpServer() as App;
  });
  afterAll(() => app.close());

  it('takes a body over the server limit on the marked route, up to its own limit', async () => {
    await request(http).post('/large').send(bodyOf(3_000)).expect(201);
    const res = await request(http).post('/large').send(bodyOf(6_000));
    expect(res.status).toBe(413);
    expect(res.body.type).toBe('urn:fitai:problem:payload-too-large');
  });

  it('leaves the other routes at the server limit', async () => {
    await request(http).post('/small').send(bodyOf(900)).expect(201);
    const res = await request(http).post('/small').send(bodyOf(3_000));
    expect(res.status).toBe(413);
  });
});
