import { ConflictException, Controller, INestApplication, Post } from '@nestjs/common';
import { ApiProperty, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { CreatesResource } from './location.decorator';

class NoteDto {
  @ApiProperty() id: string;
}

@Controller('notes')
class NotesController {
  @Post()
  @CreatesResource(NoteDto, (note) => `notes/${note.id}`)
  create(): NoteDto {
    return { id: 'n1' };
  }

  @Post(':id/replies')
  @CreatesResource(NoteDto, (reply, { id }) => `notes/${id}/replies/${reply.id}`)
  async reply(): Promise<NoteDto> {
    return { id: 'r1' };
  }

  @Post('refused')
  @CreatesResource(NoteDto, (note) => `notes/${note.id}`)
  refuse(): NoteDto {
    throw new ConflictException();
  }
}

describe('CreatesResource', () => {
  let app: INestApplication;
  let http: App;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [NotesController] }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = app.getHttpServer() as App;
  });
  afterAll(() => app.close());

  it('names the created resource below the API root, nested ones through the route', async () => {
    const created = await request(http).post('/notes').expect(201);
    expect(created.headers.location).toBe('/api/v1/notes/n1');
    const reply = await request(http).post('/notes/n1/replies').expect(201);
    expect(reply.headers.location).toBe('/api/v1/notes/n1/replies/r1');
  });

  it('sets no Location when nothing was created', async () => {
    const refused = await request(http).post('/notes/refused').expect(409);
    expect(refused.headers.location).toBeUndefined();
  });

  it('documents the 201 answer with its Location header', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const created = document.paths['/notes'].post?.responses['201'] as { headers?: object };
    expect(created.headers).toHaveProperty('Location');
  });
});
