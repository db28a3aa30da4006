import type request from 'supertest';

/** The content type of every error answer (RFC 9457 problem details). */
export const PROBLEM = /application\/problem\+json/;

/** The fields a validation problem names, in its order. */
export function errorFields(res: request.Response): string[] {
  return (res.body.errors as { field: string }[]).map((e) => e.field);
}
