import { applyDecorators, HttpException, HttpStatus } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes } from '@nestjs/swagger';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { finished, PassThrough, type Readable } from 'node:stream';
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

/** An upload's file part, not read yet: its stream, name, and whether the size limit cut it. */
export interface UploadedFileStream {
  stream: Readable;
  filename: string;
  /** True once the stream ended early at `fileSize` (@fastify/multipart then ends it). */
  truncated: () => boolean;
}

/**
 * The file part of an upload (the first file part; form fields before it are ignored), as a
 * stream to read on (into storage): a body that is not multipart is a 415, no file part a 400
 * `file-required`, a malformed body a 400. `fileSize` overrides UPLOAD_LIMITS.fileSize for
 * uploads bounded by their own setting; the caller checks `truncated()` after reading.
 *
 * The stream always settles: it ends with the part, or fails with a 400 when the body is cut
 * short. @fastify/multipart ends the part's own stream on a cut-short body in two ways: a body
 * that ends early errors it (busboy's "Part terminated early"), a connection that drops destroys
 * it without an error. A reader that only watches for `end` and `error` (`pipe()`) would wait
 * for ever on the second, so both become an error here.
 */
export async function openUploadedFile(
  req: FastifyRequest,
  limits: { fileSize?: number } = {},
): Promise<UploadedFileStream> {
  const file = await filePart(req, limits);
  const part = file.file;
  const stream = new PassThrough();
  // Its reader may come later (a storage driver awaits its directory first): an error with no
  // listener meanwhile would end the process. A later pipeline or for-await still gets it.
  stream.on('error', () => undefined);
  const cutShort = () => stream.destroy(uploadCutShort());
  if ((part.destroyed && !part.readableEnded) || droppedBeforeItsEnd(req)) {
    // Ended before the handler got here (guards run first), before anyone could listen.
    cutShort();
  } else {
    part.pipe(stream);
    finished(part, (error) => error && cutShort());
    // The parser does not always see a dropped connection (it checks `aborted`, which Node
    // does not always set): the request closing before its body came whole is the sign.
    req.raw.once('close', () => droppedBeforeItsEnd(req) && cutShort());
  }
  return { stream, filename: file.filename, truncated: () => part.truncated };
}

/**
 * The file of an upload read whole: uploads are bounded by UPLOAD_LIMITS.fileSize, and beyond
 * it reading fails with a 413. An empty file is a 400 `file-required`; a body cut short a 400
 * (openUploadedFile says the rest).
 */
export async function readUploadedFile(
  req: FastifyRequest,
): Promise<{ content: Buffer; filename: string }> {
  const file = await openUploadedFile(req);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  } catch (error) {
    throw asUploadError(error);
  }
  if (file.truncated()) {
    throw Problems.payloadTooLarge.exception(
      `The file is larger than ${UPLOAD_LIMITS.fileSize} bytes.`,
    );
  }
  const content = Buffer.concat(chunks);
  if (content.length === 0) throw Problems.fileRequired.exception('The file is empty.');
  return { content, filename: file.filename };
}

async function filePart(
  req: FastifyRequest,
  limits: { fileSize?: number },
): Promise<MultipartFile> {
  if (!req.isMultipart()) {
    throw Problems.unsupportedMediaType.exception(
      'Send the file as multipart/form-data, in a part named "file".',
    );
  }
  // A connection that dropped before the handler got here (guards run first) will never say so
  // again: the parser would wait for ever for its end.
  if (droppedBeforeItsEnd(req)) throw uploadCutShort();
  let file: MultipartFile | undefined;
  try {
    // No override: the limits the plugin was registered with (UPLOAD_LIMITS by default).
    file = await req.file(
      limits.fileSize === undefined
        ? undefined
        : { limits: { fileSize: limits.fileSize, files: 1 } },
    );
  } catch (error) {
    throw asUploadError(error);
  }
  if (!file) {
    throw Problems.fileRequired.exception('The request has no file part; send it as "file".');
  }
  return file;
}

/** The request is over (its connection closed) and its body never came whole. */
function droppedBeforeItsEnd(req: FastifyRequest): boolean {
  return req.raw.destroyed && !req.raw.complete;
}

function uploadCutShort(): HttpException {
  return Problems.badRequest.exception('The upload was cut short before its file ended.');
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
