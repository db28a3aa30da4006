import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  NestInterceptor,
  Type,
  UseInterceptors,
} from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';
import { answering, Answering } from '../swagger/api-responses';
import { headerRef } from '../swagger/headers';
import { apiPath } from './api-path';

/**
 * The path below the API root of the resource a handler answers with, e.g.
 * `(goal) => \`goals/${goal.id}\``; `params` are the route's, for nested resources.
 */
export type Locate<T> = (answer: T, params: Record<string, string>) => string;

/** Swagger: the Location header of an answer that names a resource (required). */
export const LOCATION_HEADER = { Location: headerRef('Location') };

class LocationInterceptor<T> implements NestInterceptor<T, T> {
  constructor(private readonly locate: Locate<T>) {}

  intercept(context: ExecutionContext, next: CallHandler<T>): Observable<T> {
    const http = context.switchToHttp();
    return next.handle().pipe(
      tap((answer) => {
        // Named route parameters (`:id`) are strings; only wildcards would be arrays.
        const params = http.getRequest<FastifyRequest>().params as Record<string, string>;
        const path = this.locate(answer, params);
        http.getResponse<FastifyReply>().header('location', apiPath(path));
      }),
    );
  }
}

/**
 * Sets the Location header to the resource the handler answers with, whatever the success
 * status; document the header on those statuses with LOCATION_HEADER.
 */
export function SetsLocation<T>(locate: Locate<T>): MethodDecorator {
  return UseInterceptors(new LocationInterceptor(locate));
}

/** A POST that creates a resource: 201 with it, and a Location naming it (set and documented). */
export function CreatesResource<T>(
  type: Type<T>,
  locate: Locate<T>,
  description = 'Created; Location names it',
): Answering<T> {
  return answering<T>(
    applyDecorators(
      ApiCreatedResponse({ type, description, headers: LOCATION_HEADER }),
      SetsLocation(locate),
    ),
  );
}
