import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
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
