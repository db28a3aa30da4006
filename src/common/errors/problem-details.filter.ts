import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestContext } from '../http/request-context';
import { ProblemException, ValidationProblem } from './domain-errors';
import { fromFrameworkError } from './framework-errors';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, ProblemDetails } from './problem-details';
import { PROBLEM_OF_HTTP_EXCEPTION } from './problem-types';

/** Statuses Nest's exceptions may carry that no documented problem type covers. */
const SLUG_BY_STATUS: Record<number, string> = {
  405: 'method-not-allowed',
  422: 'unprocessable-content',
};

/**
 * Turns every error into RFC 9457 problem details. Nothing internal (stack, SQL, library
 * messages of unexpected errors) ever reaches the client; those are logged with the request id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    this.respond(exception, ctx.getRequest<FastifyRequest>(), ctx.getResponse<FastifyReply>());
  }

  /** Also fastify's `frameworkErrors` handler, for the errors raised before routing. */
  respond(error: unknown, req: FastifyRequest, reply: FastifyReply): void {
    const exception = fromFrameworkError(error);
    const problem = this.toProblem(exception, req);

    if (problem.status >= 500) {
      this.logger.error(
        { err: exception, requestId: problem.requestId },
        `Unhandled error on ${req.method} ${req.originalUrl}`,
      );
    }
    if (reply.sent) return;
    if (exception instanceof ProblemException) {
      for (const [name, value] of Object.entries(exception.headers)) reply.header(name, value);
    }
    if (problem.status === 429) this.ensureRetryAfter(reply);
    void reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, req: FastifyRequest): ProblemDetails {
    const base = {
      instance: (req.originalUrl ?? req.url).split('?')[0],
      requestId: RequestContext.requestId() ?? req.id,
    };

    if (exception instanceof ProblemException) {
      return {
        type: PROBLEM_TYPE_BASE + exception.problemType,
        title: exception.title,
        status: exception.getStatus(),
        ...this.detail((exception.getResponse() as { detail?: string }).detail),
        ...base,
        ...(exception instanceof ValidationProblem ? { errors: exception.fieldErrors } : {}),
        ...exception.extensions,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        ...this.byStatus(status),
        ...this.detail(this.messageOf(exception)),
        ...base,
      };
    }
    return {
      ...this.byStatus(HttpStatus.INTERNAL_SERVER_ERROR),
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
      ...base,
    };
  }

  private byStatus(status: number): Pick<ProblemDetails, 'type' | 'title' | 'status'> {
    const documented = PROBLEM_OF_HTTP_EXCEPTION[status as HttpStatus];
    if (documented) return { type: documented.uri, title: documented.title, status };
    return {
      type: PROBLEM_TYPE_BASE + (SLUG_BY_STATUS[status] ?? `http-${status}`),
      title: STATUS_CODES[status] ?? 'Error',
      status,
    };
  }

  private detail(detail: string | undefined): { detail?: string } {
    return detail ? { detail } : {};
  }

  private messageOf(exception: HttpException): string | undefined {
    const response = exception.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
    return exception.message;
  }

  /** @nestjs/throttler names the header after the throttler (Retry-After-auth); expose the standard one. */
  private ensureRetryAfter(reply: FastifyReply): void {
    if (reply.hasHeader('retry-after')) return;
    const named = Object.keys(reply.getHeaders()).find((h) => h.startsWith('retry-after-'));
    if (named) reply.header('retry-after', String(reply.getHeader(named)));
  }
}
