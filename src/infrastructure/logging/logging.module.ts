import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger as PinoLogger } from 'pino';
import { AppConfig } from '../../config/app-config';
import { APP_ROLE, AppRole } from '../../config/app-role';
import { RequestContext } from '../../common/http/request-context';

/** The process's one pino logger: Nest's Logger writes through it, and so does the request log. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

function createRootLogger(config: AppConfig, role: AppRole): PinoLogger {
  return pino(
    {
      level: config.log.level,
      base: { role, version: config.version },
      mixin: () => {
        const requestId = RequestContext.requestId();
        return requestId ? { requestId } : {};
      },
    },
    config.log.pretty
      ? pino.transport({ target: 'pino-pretty', options: { singleLine: true } })
      : // Asynchronous: a log line never waits for stdout; flushed on exit (pino's own hook).
        pino.destination({ dest: 1, sync: false }),
  );
}

@Global()
@Module({
  providers: [
    { provide: ROOT_LOGGER, inject: [AppConfig, APP_ROLE], useFactory: createRootLogger },
  ],
  exports: [ROOT_LOGGER],
})
class RootLoggerModule {}

/**
 * Structured JSON logs (pino). Every line carries the role and, inside a request or a job,
 * the request id, so one id finds a request and the jobs it caused. nestjs-pino is used for
 * Nest's Logger only: its per-request middleware (a child logger and listeners on every
 * request, whatever the level) is not mounted; the API logs requests with RequestLog instead.
 */
@Module({
  imports: [
    RootLoggerModule,
    LoggerModule.forRootAsync({
      inject: [ROOT_LOGGER],
      useFactory: (logger: PinoLogger) => ({ pinoHttp: { logger }, forRoutes: [] }),
    }),
  ],
})
export class LoggingModule {}
