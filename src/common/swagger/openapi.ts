import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '../../config/app-config';
import { ProblemDetails } from '../errors/problem-details';

export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const options = new DocumentBuilder()
    .setTitle('FitAI API')
    .setDescription(
      [
        'The REST API behind FitAI apps: journaling, training, analytics and AI summaries.',
        '',
        '**Auth**: send `Authorization: Bearer <accessToken>` (from `/auth/register`, `/auth/login`',
        'or `/auth/refresh`). Every route needs it unless documented otherwise.',
        '',
        '**Errors**: every 4xx/5xx answer is `application/problem+json` (RFC 9457) with a',
        '`requestId`; validation problems list the failing fields in `errors`.',
        '',
        '**Request ids**: send `X-Request-Id` to correlate, or read the one the API assigns.',
      ].join('\n'),
    )
    .setVersion(config.version)
    .addServer(config.http.publicUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, options, { extraModels: [ProblemDetails] });
}

/** Swagger UI at /docs and the OpenAPI JSON at /docs-json. */
export function setupOpenApi(app: INestApplication, config: AppConfig): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'FitAI API',
    swaggerOptions: { persistAuthorization: true },
  });
}
