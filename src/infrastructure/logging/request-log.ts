import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Level, Logger as PinoLogger } from 'pino';

/** Paths never worth a log line per request (probes scrape them constantly). */
const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

function levelOf(status: number): Level {
  return status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
}

/**
 * One line per answered request, at `info` (2xx/3xx), `warn` (4xx) or `error` (5xx). Whether
 * the line's level is enabled is the first thing checked, so at LOG_LEVEL=warn a successful
 * request costs one comparison; nothing is built for a line that is not written. Never the
 * headers (tokens, cookies), only what finds the request again.
 */
export const RequestLog = {
  register(fastify: FastifyInstance, logger: PinoLogger): void {
    if (!logger.isLevelEnabled('error')) return;
    fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done) => {
      const level = levelOf(reply.statusCode);
      if (logger.isLevelEnabled(level) && !QUIET_PATHS.has(req.url)) {
        logger[level](
          {
            requestId: req.id,
            req: { method: req.method, url: req.url, remoteAddress: req.ip },
            res: { statusCode: reply.statusCode },
            responseTime: reply.elapsedTime,
          },
          'request completed',
        );
      }
      done();
    });
  },
};
