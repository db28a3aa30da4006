import { applyDecorators, HttpException, HttpStatus } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problems } from '../errors/problem-types';

/**
 * What one multipart request may carry (@fastify/multipart limits): uploads are single
 * images or files with a few form fields. Beyond them reading the file fails with a 413.
 */
export const UPLOAD_LIMITS = {
  fileSize: 5 * 1024 * 1024,
  files: 1,
  fields: 10,
  parts: 11,
  headerPairs: 100,
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by @AcceptsMultipart(). */
    acceptsMultipart?: boolean;
  }
}

/**
 * Marks a route as taking `multipart/form-data` (an upload, read with `req.file()`), and
 * documents it. Every other route refuses multipart bodies like any other non-JSON body.
 */
export const AcceptsMultipart = () =>
  applyDecorators(RouteConfig({ acceptsMultipart: true }), ApiConsumes('multipart/form-data'));

/**
 * @fastify/multipart lets a multipart request through to any route (its body is read by the
 * handler, as a stream); this hook refuses it (415) where the route is not an upload.
 */
export function refuseUnexpectedMultipart(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (req, _reply, done) => {
    if (!req.isMultipart() || req.routeOptions.config.acceptsMultipart === true) return done();
    done(
      Problems.unsupportedMediaType.exception(
        'The request body must be JSON, sent as application/json.',
      ),
    );
  });
}

/**
 * The file of an upload (the first file part; form fields before it are ignored), read whole:
 * uploads are bounded by UPLOAD_LIMITS.fileSize, and beyond it reading fails with a 413.
 * A body that is not multipart is a 415; no file part, or an empty file, a 400 `file-required`.
 */
export async function readUploadedFile(
  req: FastifyRequest,
): Promise<{ content: Buffer; filename: string }> {
  if (!req.isMultipart()) {
    throw Problems.unsupportedMediaType.exception(
      'Send the file as multipart/form-data, in a part named "file".',
    );
  }
  try {
    const file = await req.file();
    if (!file) {
      throw Problems.fileRequired.exception('The request has no file part; send it as "file".');
    }
    const content = await file.toBuffer();
    if (content.length === 0) throw Problems.fileRequired.exception('The file is empty.');
    return { content, filename: file.filename };
  } catch (error) {
    throw asUploadError(error);
  }
}

/**
 * The multipart parser's limits are 413s (the filter renders fastify's 4xx errors); anything
 * else it throws (no boundary, a body cut short: busboy's plain Errors) is the client's
 * malformed body, a 400 rather than a 500.
 */
function asUploadError(error: unknown): unknown {
  if (error instanceof HttpException) return error;
  if ((error as { statusCode?: number }).statusCode === HttpStatus.PAYLOAD_TOO_LARGE) return error;
  return Problems.badRequest.exception('The multipart body is malformed.');
}
