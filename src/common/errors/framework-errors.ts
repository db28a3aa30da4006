import { HttpException } from '@nestjs/common';

/** An error fastify raises itself (body reading, URL decoding, multipart limits). */
interface FastifyError extends Error {
  statusCode?: number;
}

function isClientFastifyError(error: unknown): error is Required<FastifyError> {
  const { statusCode } = error as FastifyError;
  return (
    error instanceof Error &&
    error.name === 'FastifyError' &&
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500
  );
}

/**
 * A client error fastify raised (a body over the limit, a URL that does not decode, an upload
 * over its limits) as the HTTP exception of its status, which the ProblemDetailsFilter renders
 * with the documented problem type of that status. Nest maps the errors of fastify's error
 * handler this way itself; these come from a handler (multipart) or before routing.
 */
export function fromFrameworkError(error: unknown): unknown {
  return isClientFastifyError(error) ? new HttpException(error.message, error.statusCode) : error;
}
