import type { NextFunction, Request, Response } from 'express';

/**
 * Request bodies are JSON, and only JSON: `application/json` and the structured-syntax
 * suffix `application/*+json` (RFC 6839). No route takes a form or anything else, so no other
 * parser is mounted; another content type with a body is refused (415) rather than served as
 * if the body were empty.
 */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/**
 * How deep objects and arrays may nest in a body. The deepest body FitAI takes, a template,
 * nests 7 levels (body → days → day → exercises → exercise → sets → set); the validation pipe
 * and class-transformer recurse through every level, so a body thousands of levels deep would
 * exhaust the stack.
 */
export const MAX_JSON_DEPTH = 32;

/** The `type` of the errors below, mapped to problems by bodyParserErrors like body-parser's own. */
export const BODY_ERROR = {
  unsupportedMediaType: 'entity.unsupported.type',
  tooDeep: 'entity.too.deep',
} as const;

function bodyError(type: string, status: number, message: string): Error {
  return Object.assign(new Error(message), { type, status, expose: true });
}

export function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || /^application\/[\w.!#$&^+-]+\+json$/.test(mediaType);
}

/** A body with at least one byte, or one of unknown length (chunked), is content. */
function hasContent(req: Request): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * Mounted before the JSON parser: a non-empty body that is not JSON is a 415, without reading
 * it. An empty body is fine whatever its label (clients send `Content-Type` on bodiless POSTs).
 */
export function onlyJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  if (!hasContent(req) || isJsonMediaType(req.headers['content-type'])) return next();
  next(bodyError(BODY_ERROR.unsupportedMediaType, 415, 'The request body is not JSON'));
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

/**
 * Mounted right after the JSON parser (V8's JSON.parse does not recurse, so parsing any depth
 * is safe): a body nested deeper than MAX_JSON_DEPTH is a 400 before any layer walks it.
 */
export function limitJsonDepth(req: Request, _res: Response, next: NextFunction): void {
  if (nestsDeeperThan(req.body, MAX_JSON_DEPTH)) {
    return next(bodyError(BODY_ERROR.tooDeep, 400, 'The request body nests too deeply'));
  }
  next();
}
