import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problems } from '../errors/problem-types';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by @AcceptsOneClickForm(). */
    acceptsForm?: boolean;
  }
}

const FORM = 'application/x-www-form-urlencoded';
/** A one-click form is one short field (`List-Unsubscribe=One-Click`). */
const FORM_LIMIT_BYTES = 1024;

/**
 * Marks a route as taking a small `application/x-www-form-urlencoded` body (documented; JSON too): the
 * one-click unsubscribe POST that mail clients send (RFC 8058, `List-Unsubscribe=One-Click`).
 * The handler reads no body; every other route refuses forms like any non-JSON body (415).
 */
export const AcceptsOneClickForm = () =>
  applyDecorators(
    RouteConfig({ acceptsForm: true }),
    ApiConsumes(FORM),
    ApiBody({
      required: false,
      description: 'What mail clients send (RFC 8058); ignored',
      schema: {
        type: 'object',
        properties: { 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } },
      },
    }),
  );

/** The form parser: only on routes marked @AcceptsOneClickForm(). */
export function acceptOneClickForms(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    FORM,
    { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
    (
      req: FastifyRequest,
      text: string | Buffer,
      done: (error: Error | null, body?: unknown) => void,
    ) => {
      if (req.routeOptions.config.acceptsForm !== true) {
        return done(
          Problems.unsupportedMediaType.exception(
            'The request body must be JSON, sent as application/json.',
          ),
        );
      }
      done(null, Object.fromEntries(new URLSearchParams(text.toString())));
    },
  );
}
