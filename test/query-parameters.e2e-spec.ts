import { ApiClient, registerClient } from './support/api-client';
import { errorFields, PROBLEM } from './support/problem';
import { startApi, TestApi } from './support/test-app';

/** docs/errors.md, "Unknown fields": tolerant query strings, strict bodies. */
describe('unknown query parameters (e2e)', () => {
  let api: TestApi;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    ({ client } = await registerClient(api.http));
  });
  afterAll(() => api.close());

  it('ignores a cache-buster or a tracking parameter on any list', async () => {
    await client.post('/entries', { type: 'mood', mood: 6 }).expect(201);
    const entries = await client.get('/entries', { _t: 1700000000, limit: 5 }).expect(200);
    expect(entries.body.items).toHaveLength(1);
    const templates = await client
      .get('/templates/public', { utm_source: 'newsletter', limit: 2 })
      .expect(200);
    expect(templates.body.meta).toMatchObject({ page: 1, limit: 2 });
    await client.get('/progress/strength', { _: 'x', weeks: 4 }).expect(200);
  });

  it('ignores a parameter named like a computed property of the query (was a 500)', async () => {
    const page = await client.get('/exercises', { offset: 40, page: 2, limit: 5 }).expect(200);
    expect(page.body.meta).toMatchObject({ page: 2, limit: 5 });
  });

  it('still validates the known parameters', async () => {
    const res = await client.get('/entries', { limit: 1000, _t: 1 }).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(errorFields(res)).toEqual(['limit']);
  });

  it('still rejects an unknown field of a body', async () => {
    const res = await client.post('/entries', { type: 'mood', mood: 6, _t: 1 }).expect(400);
    expect(res.body).toMatchObject({ type: 'urn:fitai:problem:validation-failed' });
    expect(res.body.errors).toEqual([{ field: '_t', messages: ['property _t should not exist'] }]);
  });
});
