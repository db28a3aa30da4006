import { HttpStatus } from '@nestjs/common';
import { FieldError } from './problem-details';
import { DocumentedProblemType, ProblemType } from './problem-type';

/**
 * The problem types every route may share: request validation, authentication, rate limits,
 * the body parser, and Nest's HTTP exceptions by status. A domain's own types live in its
 * module (e.g. workouts/workout-problems.ts); docs/errors.md lists them all.
 */
export const Problems = {
  validationFailed: new ProblemType<{ errors: FieldError[] }>({
    slug: 'validation-failed',
    status: HttpStatus.BAD_REQUEST,
    title: 'Validation failed',
    description: 'The body, query or path failed validation, or the body has unknown fields',
    exampleDetail: 'The request has 1 invalid field.',
    members: {
      errors: {
        type: [FieldError],
        required: true,
        description: 'Every invalid field, with its dotted path',
      },
    },
  }),
  idempotencyKeyReused: new ProblemType({
    slug: 'idempotency-key-reused',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'Idempotency-Key reused',
    description:
      'An Idempotency-Key came back with a different request (another body, or another route)',
    exampleDetail:
      'This Idempotency-Key was already used with a different request (another body or route).',
  }),
  malformedJson: new ProblemType({
    slug: 'malformed-json',
    status: HttpStatus.BAD_REQUEST,
    title: 'Malformed JSON',
    description: 'The body is not valid JSON',
    exampleDetail: 'The request body is not valid JSON.',
  }),
  badRequest: new ProblemType({
    slug: 'bad-request',
    status: HttpStatus.BAD_REQUEST,
    title: 'Bad Request',
    description: 'Another malformed request, e.g. a path id that is not a UUID',
    exampleDetail: 'Validation failed (uuid is expected)',
  }),
  unauthorized: new ProblemType({
    slug: 'unauthorized',
    status: HttpStatus.UNAUTHORIZED,
    title: 'Unauthorized',
    description: 'Missing, invalid, expired or revoked access token; wrong credentials',
    exampleDetail: 'Unauthorized',
  }),
  forbidden: new ProblemType({
    slug: 'forbidden',
    status: HttpStatus.FORBIDDEN,
    title: 'Forbidden',
    description: "The caller's role, account status or relation to the resource does not allow it",
    exampleDetail: 'Forbidden resource',
  }),
  emailNotVerified: new ProblemType({
    slug: 'email-not-verified',
    status: HttpStatus.FORBIDDEN,
    title: 'Email not verified',
    description: 'A community feature needs a verified email address',
    exampleDetail:
      'Confirm your email address to use community features (see POST /auth/resend-verification).',
  }),
  accountSuspended: new ProblemType({
    slug: 'account-suspended',
    status: HttpStatus.FORBIDDEN,
    title: 'Account suspended',
    description: 'A suspended account cannot post, like, comment or send friend requests',
    exampleDetail: 'This account is suspended: it cannot write to the community.',
  }),
  notFound: new ProblemType({
    slug: 'not-found',
    status: HttpStatus.NOT_FOUND,
    title: 'Not Found',
    description: 'No such route or resource, or one the caller may not see',
    exampleDetail: 'No such resource.',
  }),
  conflict: new ProblemType({
    slug: 'conflict',
    status: HttpStatus.CONFLICT,
    title: 'Conflict',
    description: 'The request conflicts with the current state (e.g. an email already taken)',
    exampleDetail: 'An account with this email already exists.',
  }),
  payloadTooLarge: new ProblemType({
    slug: 'payload-too-large',
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    title: 'Payload too large',
    description: 'The body is larger than BODY_LIMIT',
    exampleDetail: 'The request body is larger than the server accepts.',
  }),
  fileRequired: new ProblemType({
    slug: 'file-required',
    status: HttpStatus.BAD_REQUEST,
    title: 'File required',
    description: 'An upload route got a multipart body with no file part, or an empty file',
    exampleDetail: 'Send the file as a multipart/form-data part named "file".',
  }),
  jsonTooDeep: new ProblemType({
    slug: 'json-too-deep',
    status: HttpStatus.BAD_REQUEST,
    title: 'JSON nested too deeply',
    description: 'The body nests objects and arrays more than 32 levels deep',
    exampleDetail: 'The request body nests objects and arrays more than 32 levels deep.',
  }),
  unsupportedMediaType: new ProblemType({
    slug: 'unsupported-media-type',
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    title: 'Unsupported media type',
    description: 'A non-empty body that is not JSON (application/json or application/*+json)',
    exampleDetail: 'The request body must be JSON, sent as application/json.',
  }),
  unsupportedEncoding: new ProblemType({
    slug: 'unsupported-encoding',
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    title: 'Unsupported encoding',
    description: 'The Content-Encoding of the body is not supported',
    exampleDetail: 'The request body encoding is not supported.',
  }),
  unsupportedCharset: new ProblemType({
    slug: 'unsupported-charset',
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    title: 'Unsupported charset',
    description: 'The charset of the body is not supported',
    exampleDetail: 'The request body charset is not supported.',
  }),
  tooManyRequests: new ProblemType({
    slug: 'too-many-requests',
    status: HttpStatus.TOO_MANY_REQUESTS,
    title: 'Too Many Requests',
    description: 'A rate limit was hit; Retry-After says how many seconds to wait',
    exampleDetail: 'ThrottlerException: Too Many Requests',
  }),
  internalError: new ProblemType({
    slug: 'internal-error',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    title: 'Internal Server Error',
    description: 'A bug, logged with the request id',
    exampleDetail: 'An unexpected error occurred. Quote the request id when reporting it.',
  }),
  serviceUnavailable: new ProblemType({
    slug: 'service-unavailable',
    status: HttpStatus.SERVICE_UNAVAILABLE,
    title: 'Service Unavailable',
    description: 'A dependency this request needs (database, Redis) is unavailable',
    exampleDetail: 'Service Unavailable',
  }),
} as const;

/**
 * What `@ApiProblems(status)` documents: the shared types a route may answer with that status.
 * Statuses without an entry need the route's own types.
 */
export const PROBLEMS_BY_STATUS: Partial<Record<HttpStatus, DocumentedProblemType[]>> = {
  [HttpStatus.BAD_REQUEST]: [Problems.validationFailed, Problems.badRequest],
  [HttpStatus.UNAUTHORIZED]: [Problems.unauthorized],
  [HttpStatus.FORBIDDEN]: [Problems.forbidden],
  [HttpStatus.NOT_FOUND]: [Problems.notFound],
  [HttpStatus.CONFLICT]: [Problems.conflict],
  [HttpStatus.PAYLOAD_TOO_LARGE]: [Problems.payloadTooLarge],
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: [
    Problems.unsupportedMediaType,
    Problems.unsupportedEncoding,
    Problems.unsupportedCharset,
  ],
  [HttpStatus.TOO_MANY_REQUESTS]: [Problems.tooManyRequests],
  [HttpStatus.SERVICE_UNAVAILABLE]: [Problems.serviceUnavailable],
};

/** The type of an HttpException of Nest's (NotFoundException, ...) with this status. */
export const PROBLEM_OF_HTTP_EXCEPTION: Partial<Record<HttpStatus, DocumentedProblemType>> = {
  [HttpStatus.BAD_REQUEST]: Problems.badRequest,
  [HttpStatus.UNAUTHORIZED]: Problems.unauthorized,
  [HttpStatus.FORBIDDEN]: Problems.forbidden,
  [HttpStatus.NOT_FOUND]: Problems.notFound,
  [HttpStatus.CONFLICT]: Problems.conflict,
  [HttpStatus.PAYLOAD_TOO_LARGE]: Problems.payloadTooLarge,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: Problems.unsupportedMediaType,
  [HttpStatus.TOO_MANY_REQUESTS]: Problems.tooManyRequests,
  [HttpStatus.INTERNAL_SERVER_ERROR]: Problems.internalError,
  [HttpStatus.SERVICE_UNAVAILABLE]: Problems.serviceUnavailable,
};
