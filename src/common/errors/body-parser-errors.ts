import type { NextFunction, Request, Response } from 'express';
import { BODY_ERROR, MAX_JSON_DEPTH } from '../http/json-body';
import { ProblemException } from './domain-errors';
import { Problems } from './problem-types';

/** Errors raised by body-parser (http-errors): a status and a machine-readable type. */
interface ParserError {
  type?: unknown;
  status?: unknown;
}

const PROBLEMS: Record<string, () => ProblemException> = {
  'entity.parse.failed': () =>
    Problems.malformedJson.exception('The request body is not valid JSON.'),
  'entity.too.large': () =>
    Problems.payloadTooLarge.exception('The request body is larger than the server accepts.'),
  'encoding.unsupported': () =>
    Problems.unsupportedEncoding.exception('The request body encoding is not supported.'),
  [BODY_ERROR.tooDeep]: () =>
    Problems.jsonTooDeep.exception(
      `The request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`,
    ),
  [BODY_ERROR.unsupportedMediaType]: () =>
    Problems.unsupportedMediaType.exception(
      'The request body must be JSON, sent as application/json.',
    ),
  'charset.unsupported': () =>
    Problems.unsupportedCharset.exception('The request body charset is not supported.'),
};

/**
 * Express error middleware mounted right after the body parsers and the JSON body rules
 * (src/common/http/json-body.ts). Without it Nest would turn a
 * JSON syntax error into a 400 that echoes the parser's message; here each parser failure
 * becomes a named problem, which the ProblemDetailsFilter renders like any other.
 */
export function bodyParserErrors(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  const type = (error as ParserError | undefined)?.type;
  const toProblem = typeof type === 'string' ? PROBLEMS[type] : undefined;
  next(toProblem ? toProblem() : error);
}
