import type {
  HeaderObject,
  ReferenceObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * Response headers the API documents, once each in `components.headers` (openapi.ts adds
 * them); responses reference them with `headerRef`.
 */
export const RESPONSE_HEADERS: Record<string, HeaderObject> = {
  Location: {
    description: 'Path of the resource, e.g. `/api/v1/goals/{id}`',
    required: true,
    schema: { type: 'string', example: '/api/v1/goals/3f0c7c52-8f0e-4d4b-9a52-3c3f4e2b6a10' },
  },
  'Idempotent-Replayed': {
    description:
      'Always `true`: this answer replays the one an earlier request with the same Idempotency-Key got',
    required: true,
    schema: { type: 'string', enum: ['true'] },
  },
  ETag: {
    description:
      'A strong validator of this representation; send it back in `If-None-Match` to get a 304',
    required: true,
    schema: { type: 'string', example: '"9f86d081884c7d659a2feaa0c55ad015-256"' },
  },
  'Cache-Control': {
    description: 'How long caches (browsers, CDNs) may keep this answer',
    required: true,
    schema: { type: 'string', example: 'public, max-age=31536000, immutable' },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    required: true,
    schema: { type: 'integer', minimum: 0, example: 42 },
  },
  'X-RateLimit-Limit': {
    description:
      'Requests allowed in the window, per signed-in user (per IP for anonymous callers); ' +
      'absent when the request was refused before the rate limiter (e.g. a 401)',
    schema: { type: 'integer', minimum: 0, example: 300 },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current window',
    schema: { type: 'integer', minimum: 0, example: 299 },
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the window resets',
    schema: { type: 'integer', minimum: 0, example: 60 },
  },
  'X-RateLimit-Limit-auth': {
    description: 'Sign-in and account routes only: attempts allowed per IP in the window',
    schema: { type: 'integer', minimum: 0, example: 10 },
  },
  'X-RateLimit-Remaining-auth': {
    description: 'Sign-in and account routes only: attempts left in the window',
    schema: { type: 'integer', minimum: 0, example: 9 },
  },
  'X-RateLimit-Reset-auth': {
    description: 'Sign-in and account routes only: seconds until the window resets',
    schema: { type: 'integer', minimum: 0, example: 60 },
  },
};

export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;

/** A response's reference to one of RESPONSE_HEADERS. */
export function headerRef(name: ResponseHeaderName): ReferenceObject {
  return { $ref: `#/components/headers/${name}` };
}
