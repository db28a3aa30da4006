import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problems } from '../errors/problem-types';

type BodyDone = (error: Error | null, body?: unknown) => void;

const malformedJson = () => Problems.malformedJson.exception('The request body is not valid JSON.');
const tooDeep = () =>
  Problems.jsonTooDeep.exception(
    `The request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`,
  );
const unsupportedMediaType = () =>
  Problems.unsupportedMediaType.exception(
    'The request body must be JSON, sent as application/json.',
  );
const unsupportedEncoding = () =>
  Problems.unsupportedEncoding.exception('The request body encoding is not supported.');
const unsupportedCharset = () =>
  Problems.unsupportedCharset.exception('The request body charset is not supported.');

/**
 * How deep objects and arrays may nest in a body. The deepest body FitAI takes, a template,
 * nests 7 levels (body → days → day → exercises → exercise → sets → set); the validation pipe
 * and class-transformer recurse through every level, so a body thousands of levels deep would
 * exhaust the stack.
 */
export const MAX_JSON_DEPTH = 32;

/** `application/json` and the structured-syntax suffix types, e.g. `application/merge-patch+json`. */
const JSON_MEDIA_TYPE = /^application\/([\w.!#$&^-][\w.!#$&^+-]*\+)?json$/;

export function isJsonMediaType(contentType: string | undefined): boolean {
  return JSON_MEDIA_TYPE.test((contentType ?? '').split(';')[0].trim().toLowerCase());
}

/**
 * Whether `value` nests objects or arrays more than `max` levels deep (the outermost object is
 * level 1). Walked with a stack of its own, not recursion, so any depth is safe to measure;
 * it stops at the first value too deep.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > max) return true;
    for (const key in current) {
      const child = (current as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}

/** A body with at least one byte, or one of unknown length (chunked), is content. */
function hasContent(headers: IncomingHttpHeaders): boolean {
  const length = headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return headers['transfer-encoding'] !== undefined;
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;
/** JSON is UTF-8 (RFC 8259); a label saying otherwise is refused rather than misread. */
function hasUtf8Charset(contentType: string | undefined): boolean {
  const charset = CHARSET.exec(contentType ?? '')?.[1]?.toLowerCase();
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/** Compressed bodies are refused: no client of FitAI compresses its (small) JSON bodies. */
function isEncoded(headers: IncomingHttpHeaders): boolean {
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  return encoding !== undefined && encoding !== '' && encoding !== 'identity';
}

/**
 * Before a body is read: compressed bodies, and JSON labelled with another charset, are
 * refused (415) from their headers alone.
 */
function refuseUnreadableBodies(
  req: FastifyRequest,
  _reply: unknown,
  payload: Readable,
  done: (error: Error | null, payload?: Readable) => void,
): void {
  const { headers } = req;
  if (!hasContent(headers)) return done(null, payload);
  if (isEncoded(headers)) return done(unsupportedEncoding());
  const contentType = headers['content-type'];
  if (isJsonMediaType(contentType) && !hasUtf8Charset(contentType)) {
    return done(unsupportedCharset());
  }
  done(null, payload);
}

/**
 * The JSON parser: fastify reads the body as a string within the body limit (413 beyond),
 * then it is parsed (V8's JSON.parse does not recurse, so any depth is safe to parse) and its
 * nesting checked before any layer walks it. An empty body is no body.
 */
function parseJson(_req: FastifyRequest, text: string | Buffer, done: BodyDone): void {
  if (text.length === 0) return done(null, undefined);
  let body: unknown;
  try {
    body = JSON.parse(text as string);
  } catch {
    return done(malformedJson());
  }
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) return done(tooDeep());
  done(null, body);
}

/**
 * Every other content type: a non-empty body is a 415, without reading it. An empty body is
 * fine whatever its label (clients send `Content-Type` on bodiless POSTs).
 */
function refuseOtherBodies(req: FastifyRequest, _payload: unknown, done: BodyDone): void {
  if (hasContent(req.headers)) return done(unsupportedMediaType());
  done(null, undefined);
}

/**
 * Request bodies are JSON, and only JSON: `application/json` and the structured-syntax
 * suffix `application/*+json` (RFC 6839), whatever the case (fastify lower-cases the media
 * type before matching). No route takes a form or anything else, so fastify's default parsers
 * (JSON, plain text) are replaced by the two above: another content type with a body is
 * refused (415) rather than served as if the body were empty.
 */
export function acceptJsonBodies(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', refuseUnreadableBodies);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_MEDIA_TYPE, { parseAs: 'string' }, parseJson);
  fastify.addContentTypeParser('*', refuseOtherBodies);
}
