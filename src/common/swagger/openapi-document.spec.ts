import { Body, Controller, Get, Post } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ApiProperty, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Problems } from '../errors/problem-types';
import { ApiProblems } from './api-problems.decorator';
import { ApiOk } from './api-responses';
import {
  completeOpenApiDocument,
  DOCUMENT_MODELS,
  RATE_LIMITS_EXTENSION,
} from './openapi-document';

enum Shade {
  Light = 'light',
  Dark = 'dark',
}

class PartDto {
  @ApiProperty({ type: 'integer', example: 3 }) size: number;
}

class ThingDto {
  @ApiProperty({ enum: Shade, enumName: 'Shade', nullable: true }) shade: Shade | null;
  @ApiProperty({ enum: Shade, enumName: 'Shade' }) base: Shade;
  @ApiProperty({ type: PartDto, nullable: true }) part: PartDto | null;
}

class CreateThingDto {
  @ApiProperty({ type: 'string', example: 'a thing' }) name: string;
}

@Controller('things')
class ThingsController {
  @Get(':id')
  @ApiOk(ThingDto)
  @ApiProblems(404)
  get(): ThingDto {
    return { shade: null, base: Shade.Light, part: null };
  }

  @Post()
  @ApiOk(ThingDto)
  @ApiProblems(400, Problems.conflict)
  create(@Body() _dto: CreateThingDto): ThingDto {
    return { shade: Shade.Dark, base: Shade.Dark, part: { size: 1 } };
  }
}

describe('completeOpenApiDocument', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter());
    await app.init();
    document = completeOpenApiDocument(
      SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
        extraModels: DOCUMENT_MODELS,
      }),
    );
    await app.close();
  });

  const schema = (name: string) => document.components!.schemas![name] as Record<string, never>;

  it('writes a nullable reference as one of it or null, and a plain one as the reference', () => {
    const { properties } = schema('ThingDto') as unknown as { properties: Record<string, unknown> };
    expect(properties.shade).toEqual({
      oneOf: [
        { $ref: '#/components/schemas/Shade' },
        { type: 'string', nullable: true, enum: [null] },
      ],
    });
    expect(properties.base).toEqual({ $ref: '#/components/schemas/Shade' });
    expect(properties.part).toEqual({
      oneOf: [
        { $ref: '#/components/schemas/PartDto' },
        { type: 'object', nullable: true, enum: [null] },
      ],
    });
  });

  it("adds the body rules' problems to every route (any request may carry a body), with complete examples", () => {
    const post = document.paths['/things'].post!;
    expect(Object.keys(post.responses).sort()).toEqual(['200', '400', '409', '413', '415']);
    const badRequest = (
      post.responses['400'] as unknown as {
        content: Record<
          string,
          { schema: { oneOf: unknown[] }; examples: Record<string, { value: object }> }
        >;
      }
    ).content['application/problem+json'];
    expect(badRequest.schema.oneOf).toHaveLength(4);
    expect(badRequest.examples['validation-failed'].value).toMatchObject({
      type: 'urn:fitai:problem:validation-failed',
      status: 400,
      instance: '/things',
      errors: [{ field: 'email', messages: ['email must be an email'] }],
    });
    expect(document.paths['/things/{id}'].get!.responses).toHaveProperty('415');
  });

  it('documents the rate limiter headers on every response', () => {
    const get = document.paths['/things/{id}'].get!;
    expect((get as unknown as Record<string, unknown>)[RATE_LIMITS_EXTENSION]).toEqual(['default']);
    for (const response of Object.values(get.responses) as { headers: object }[]) {
      expect(response.headers).toMatchObject({
        'X-RateLimit-Limit': { $ref: '#/components/headers/X-RateLimit-Limit' },
      });
    }
    expect(document.components!.headers).toHaveProperty('Retry-After');
  });
});

describe('ApiOk', () => {
  it('only fits a handler answering its type (a mismatch does not compile)', () => {
    class Other {
      other: string;
    }
    class Routes {
      // @ts-expect-error the handler answers Other, not ThingDto
      @ApiOk(ThingDto)
      wrong(): Other {
        return { other: 'x' };
      }
    }
    expect(Routes).toBeDefined();
  });
});
