import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '../../config/app-config';
import { completeOpenApiDocument, DOCUMENT_MODELS } from './openapi-document';

const DESCRIPTION = [
  'The REST API behind FitAI apps: journaling, training, analytics and AI summaries.',
  '',
  '**Auth**: send `Authorization: Bearer <accessToken>` (from `/auth/register`, `/auth/login`',
  'or `/auth/refresh`). Every route needs it unless documented otherwise.',
  '',
  '**Errors**: every 4xx/5xx answer is `application/problem+json` (RFC 9457) with a',
  '`requestId`; validation problems list the failing fields in `errors`.',
  '',
  '**Request ids**: send `X-Request-Id` to correlate, or read the one the API assigns.',
].join('\n');

/**
 * Operations without a bearer requirement are the @Public() ones (the global guard protects
 * everything else, and the OpenAPI e2e test checks both agree): say so explicitly.
 */
function markPublicOperations(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path)) {
      if (operation && typeof operation === 'object' && 'responses' in operation) {
        operation.security ??= [];
      }
    }
  }
  return document;
}

export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const options = new DocumentBuilder()
    .setTitle('FitAI API')
    .setDescription(DESCRIPTION)
    .setOpenAPIVersion('3.0.3')
    .setVersion(config.version)
    .setLicense('Proprietary', 'https://fitai.example/terms')
    // Relative: Swagger UI calls the origin it was loaded from, whatever the host and port.
    .addServer('/')
    .addTag(
      'auth',
      'Accounts and sessions: register, sign in (password, Google, GitHub), refresh, sign out, email verification, password reset, devices',
    )
    .addTag('users', "The signed-in user's own account")
    .addTag('journal', 'Journal entries (mood, energy, notes, tags, events) and tags')
    .addTag('summaries', 'AI-written summaries of a day, week or month, computed in the background')
    .addTag('exercises', 'The exercise library: browse, search, rate; user-made exercises')
    .addTag('templates', 'Workout templates: days, exercises and set prescriptions; discovery')
    .addTag('workouts', 'Training sessions, their exercises and sets, personal records')
    .addTag('progress', 'Body metrics and progress analytics')
    .addTag('goals', 'Strength, body and consistency goals, their progress and milestones')
    .addTag(
      'notifications',
      'In-app notifications, their preferences and unsubscribe links; live events over socket.io (docs/realtime.md)',
    )
    .addTag('social', 'Friends, friend requests, blocks, public profiles and people search')
    .addTag('feed', 'The activity feed: workouts, records, goals and posts; likes and comments')
    .addTag('moderation', 'Content reports by users; the moderators’ queue, actions and log')
    .addTag(
      'ai-coach',
      'AI coach: plan generation, exercise substitutions, goal optimisation, form analysis from pose keypoints (template optimisation is under templates)',
    )
    .addTag(
      'challenges',
      'Challenges between users: create, join, progress from workouts, rankings',
    )
    .addTag(
      'leaderboards',
      'Strength, volume and consistency leaderboards, global and among friends',
    )
    .addTag('analytics', 'Analytics: overview, volume, frequency, comparisons, insights, benchmark')
    .addTag(
      'data-rights',
      'Your data: the full export (zip, JSON Schema), imports of FitAI exports and Strong/Hevy CSV',
    )
    .addTag('admin', 'Administration (admin role only)')
    .addTag('reports', 'PDF reports with charts, generated on request or by schedule and emailed')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return completeOpenApiDocument(
    markPublicOperations(
      SwaggerModule.createDocument(app, options, {
        extraModels: DOCUMENT_MODELS,
      }),
    ),
  );
}

/** Swagger UI at /docs and the OpenAPI JSON at /docs-json. */
export function setupOpenApi(app: INestApplication, config: AppConfig): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'FitAI API',
    swaggerOptions: { persistAuthorization: true },
  });
}
