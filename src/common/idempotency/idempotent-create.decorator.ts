import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  Type,
  UseInterceptors,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiHeader, ApiOkResponse, ApiResponseNoStatusOptions } from '@nestjs/swagger';
import { map, Observable } from 'rxjs';
import { CreatesResource, LOCATION_HEADER, Locate } from '../http/location.decorator';
import { headerRef } from '../swagger/headers';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from './idempotency-key';

/** The response header that marks a replayed answer. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * What the handler of an idempotent create answers: the resource, and whether an earlier
 * request with the same Idempotency-Key created it (then the answer is a 200 replay).
 */
export class Idempotent<T> {
  constructor(
    readonly value: T,
    readonly replayed: boolean,
  ) {}
}

/**
 * Unwraps an Idempotent answer; a replay becomes `200` with `Idempotent-Replayed: true`.
 * Status and header go through Nest's HTTP adapter, so no platform's response type is used.
 */
@Injectable()
export class IdempotentReplayInterceptor implements NestInterceptor {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((answer: unknown) => {
        if (!(answer instanceof Idempotent)) return answer;
        if (answer.replayed) {
          const response: unknown = context.switchToHttp().getResponse();
          const adapter = this.adapterHost.httpAdapter;
          adapter.status(response, HttpStatus.OK);
          adapter.setHeader(response, REPLAYED_HEADER, 'true');
        }
        return answer.value as unknown;
      }),
    );
  }
}

/** A method decorator that only fits a handler answering `Idempotent<T>`. */
export type AnsweringIdempotent<T> = (
  target: object,
  key: string | symbol,
  descriptor: { value?: (...args: never[]) => Promise<Idempotent<T>> },
) => void;

/**
 * A POST that creates a resource and accepts an Idempotency-Key (read it with
 * `@IdempotencyKey()`, create with `createOnce`, answer `new Idempotent(dto, replayed)`):
 * `201` + Location when created, `200` + Location + `Idempotent-Replayed: true` when an earlier
 * request with the key created it. Documents the header and both answers.
 */
export function IdempotentCreate<T>(
  type: Type<T>,
  locate: Locate<T>,
  what = 'resource',
): AnsweringIdempotent<T> {
  const created = CreatesResource(type, locate) as unknown as MethodDecorator;
  return applyDecorators(
    // Location first: it must see the unwrapped answer, so it wraps the replay interceptor.
    created,
    UseInterceptors(IdempotentReplayInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description: `Makes retries safe: the same key and request again answer the ${what} created first (200, \`${REPLAYED_HEADER}: true\`) instead of a duplicate; the same key with another request is a 422. 1-128 characters of A-Z a-z 0-9 . _ : -, per user.`,
      schema: {
        type: 'string',
        pattern: IDEMPOTENCY_KEY_PATTERN.source,
        example: '7d0c5b1e-set-3',
      },
    }),
    ApiOkResponse({
      type,
      description: `Replayed: the ${what} created by an earlier request with this Idempotency-Key`,
      headers: { ...LOCATION_HEADER, [REPLAYED_HEADER]: headerRef(REPLAYED_HEADER) },
    } as ApiResponseNoStatusOptions),
  ) as AnsweringIdempotent<T>;
}
