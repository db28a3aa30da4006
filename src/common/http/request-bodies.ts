import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { applyRouteBodyLimits } from './body-limit';
import { acceptOneClickForms } from './form-body';
import { acceptJsonBodies } from './json-body';
import { refuseUnexpectedMultipart, UPLOAD_LIMITS } from './multipart';

/**
 * What request bodies the API reads: JSON everywhere (within the server's `bodyLimit`, or a
 * route's own from @BodyLimit), multipart only on the routes marked @AcceptsMultipart() (within
 * `uploadLimits`), a one-field form only on the routes marked @AcceptsOneClickForm().
 */
export async function acceptRequestBodies(
  app: NestFastifyApplication,
  uploadLimits = UPLOAD_LIMITS,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  applyRouteBodyLimits(fastify);
  acceptJsonBodies(fastify);
  acceptOneClickForms(fastify);
  await app.register(multipart, { limits: uploadLimits });
  refuseUnexpectedMultipart(fastify);
}
