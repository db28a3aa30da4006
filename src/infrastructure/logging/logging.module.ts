import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';
import { APP_ROLE, AppRole } from '../../config/app-role';
import { RequestContext } from '../../common/http/request-context';

/** Paths never worth a log line per request (probes scrape them constantly). */
const QUIET_PATHS = ['/health/live', '/health/ready', '/metrics'];

/**
 * Structured JSON logs (pino). Every line carries the role and, inside a request or a job,
 * the request id, so one id finds a request and the jobs it caused.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig, APP_ROLE],
      useFactory: (config: AppConfig, role: AppRole) => ({
        // Express 5 path syntax; nestjs-pino's default ("*") logs a deprecation warning.
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.log.level,
          base: { role, version: config.version },
          mixin: () => {
            const requestId = RequestContext.requestId();
            return requestId ? { requestId } : {};
          },
          genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
          serializers: {
            req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
              remoteAddress: req.remoteAddress,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            censor: '[redacted]',
          },
          autoLogging: { ignore: (req) => QUIET_PATHS.includes(req.url ?? '') },
          customLogLevel: (_req, res, err) =>
            err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          transport: config.log.pretty
            ? { target: 'pino-pretty', options: { singleLine: true } }
            : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
