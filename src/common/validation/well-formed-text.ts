import { FieldError } from '../errors/problem-details';

/**
 * NUL (U+0000), or a UTF-16 surrogate that is not half of a pair. PostgreSQL refuses NUL in
 * text (and `\u0000` in jsonb) outright, and a lone surrogate has no UTF-8 encoding: it would
 * be stored as U+FFFD, a different string from the one the client sent (or compared).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** At most this many field errors for one value, however many bad strings it holds. */
export const MAX_TEXT_ERRORS = 20;

export function isWellFormedText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/**
 * The rule every string of a request obeys, whatever the DTO says: body, query and path
 * parameters, at any depth, property names included. One field error per offending string
 * (`days.0.name`), in the order of the input; the validation pipe checks it before the DTO's
 * own rules, so no decorator is needed (or can be forgotten) for it.
 *
 * `root` names the value itself: the parameter of `@Query('state')`, or '' for a whole body or
 * query, which `whole` then names where a field error needs a name (a bad property name at the
 * top, e.g. `?%00=1`).
 */
export function illFormedText(value: unknown, root = '', whole = 'body'): FieldError[] {
  const errors: FieldError[] = [];
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length > 0 && errors.length < MAX_TEXT_ERRORS) {
    const [current, field] = pending.pop()!;
    if (typeof current === 'string') {
      if (!isWellFormedText(current)) {
        errors.push({
          field: field || whole,
          messages: [`${field || whole} must not contain NUL characters or unpaired surrogates`],
        });
      }
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const children: [unknown, string][] = [];
    for (const key of Object.keys(current)) {
      if (!isWellFormedText(key)) {
        errors.push({
          field: field || whole,
          messages: ['property names must not contain NUL characters or unpaired surrogates'],
        });
        continue;
      }
      children.push([(current as Record<string, unknown>)[key], field ? `${field}.${key}` : key]);
    }
    // Reversed onto the stack, so the errors come in the order of the input. A loop, not a
    // spread: an array may have more items than a call may have arguments.
    for (let i = children.length - 1; i >= 0; i -= 1) pending.push(children[i]);
  }
  return errors.slice(0, MAX_TEXT_ERRORS);
}
