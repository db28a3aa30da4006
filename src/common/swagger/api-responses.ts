import { Type } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiResponseNoStatusOptions,
} from '@nestjs/swagger';
import type { HeadersObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * A method decorator that only fits a handler answering `T` (or a promise of it): documenting
 * a route with the schema of one DTO while it returns another does not compile.
 */
export type Answering<T> = (
  target: object,
  key: string | symbol,
  descriptor: { value?: (...args: never[]) => T | Promise<T> },
) => void;

/** Options of a documented answer, its type aside. */
export interface AnswerOptions {
  description?: string;
  headers?: HeadersObject;
  /** An example of the whole body, where the schema's own examples would mislead. */
  example?: unknown;
}

/** Turns Nest's untyped decorator into one that checks the handler's return type. */
export function answering<T>(decorator: MethodDecorator): Answering<T> {
  return (target, key, descriptor) => {
    decorator(target, key, descriptor as PropertyDescriptor);
  };
}

/** 200 with a `type`. */
export function ApiOk<T>(type: Type<T>, options: AnswerOptions = {}): Answering<T> {
  return answering<T>(ApiOkResponse({ ...options, type } as ApiResponseNoStatusOptions));
}

/** 201 with a `type` (see also CreatesResource, which sets and documents Location). */
export function ApiCreated<T>(type: Type<T>, options: AnswerOptions = {}): Answering<T> {
  return answering<T>(ApiCreatedResponse({ ...options, type } as ApiResponseNoStatusOptions));
}

/** 202 with a `type`. */
export function ApiAccepted<T>(type: Type<T>, options: AnswerOptions = {}): Answering<T> {
  return answering<T>(ApiAcceptedResponse({ ...options, type } as ApiResponseNoStatusOptions));
}
