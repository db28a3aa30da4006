import { isJsonMediaType, MAX_JSON_DEPTH, nestsDeeperThan } from './json-body';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('JSON bodies', () => {
  it('reads application/json and the +json types, whatever the case and parameters', () => {
    for (const type of [
      'application/json',
      'Application/JSON; charset=utf-8',
      'application/merge-patch+json',
      'application/vnd.fitai.v1+json',
    ]) {
      expect({ type, json: isJsonMediaType(type) }).toEqual({ type, json: true });
    }
    for (const type of [
      undefined,
      '',
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      'text/json',
      'application/+json',
    ]) {
      expect({ type, json: isJsonMediaType(type) }).toEqual({ type, json: false });
    }
  });

  it('measures nesting without recursion, stopping past the limit', () => {
    expect(nestsDeeperThan(undefined, 1)).toBe(false);
    expect(nestsDeeperThan('text', 1)).toBe(false);
    expect(nestsDeeperThan({ a: 1, b: [1, 2] }, 2)).toBe(false);
    expect(nestsDeeperThan({ a: 1, b: [1, 2] }, 1)).toBe(true);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    // Far beyond what any recursive walk survives.
    expect(nestsDeeperThan(JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)), 32)).toBe(true);
  });
});
