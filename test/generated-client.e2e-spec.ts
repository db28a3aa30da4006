import { INestApplicationContext } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import createClient from 'openapi-fetch';
import type { paths } from './client/fitai-api';
import { runJourney } from './client/journey';
import { registerUser, startApi, startWorker, TestApi, uniqueEmail } from './support/test-app';

const ROOT = path.join(__dirname, '..');
/** The generated types, committed: `npm run openapi:client` writes them. */
const CLIENT_TYPES = path.join(ROOT, 'test/client/fitai-api.d.ts');

/**
 * openapi-typescript's CLI with its default options, in a process of its own (it loads ES
 * modules, which Jest's module system cannot).
 */
async function generateTypes(document: object): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fitai-client-'));
  const input = path.join(dir, 'openapi.json');
  const output = path.join(dir, 'fitai-api.d.ts');
  writeFileSync(input, JSON.stringify(document));
  const cli = path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');
  await promisify(execFile)(process.execPath, [cli, input, '--output', output]);
  return readFileSync(output, 'utf8');
}

/**
 * A client generated the way a new frontend team would: openapi-typescript with its default
 * options over the live /docs-json (test/client/fitai-api.d.ts, which `npm run typecheck`
 * compiles together with the journey), openapi-fetch over a real port, and the worker
 * computing the summary. Every answer is also checked against the document by startApi.
 */
describe('generated TypeScript client (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let baseUrl: string;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('is generated from the live document as committed (npm run openapi:client)', async () => {
    const live = (await (await fetch(`${baseUrl}/docs-json`)).json()) as object;
    // A difference means the API changed: regenerate, review the diff, commit it.
    expect(await generateTypes(live)).toBe(readFileSync(CLIENT_TYPES, 'utf8'));
  });

  it('registers, logs an entry, gets a completed summary, completes a workout with a set', async () => {
    const email = uniqueEmail('journey');
    const { user, entry, summary, set, workout } = await runJourney(baseUrl, { email });
    expect(user).toMatchObject({ email, displayName: 'Journey', emailVerified: false });
    expect(entry).toMatchObject({ type: 'mood', mood: 7, tags: ['running'] });
    expect(summary.status).toBe('completed');
    expect(summary.result?.statistics).toMatchObject({ period: 'day', entryCount: 1 });
    expect(set).toMatchObject({ weight: 60, reps: 8, rpe: 8, completed: true });
    expect(workout).toMatchObject({ status: 'completed', totalSets: 1, totalReps: 8 });
    expect(workout.exercises[0].sets).toHaveLength(1);
  });

  it('types a route that answers JSON or Server-Sent Events (POST /ai/chat) by its content type', async () => {
    const user = await registerUser(api.http);
    const client = createClient<paths>({
      baseUrl,
      headers: { Authorization: `Bearer ${user.accessToken}` },
    });
    const { data, response } = await client.POST('/api/v1/ai/chat', {
      body: { message: 'hello' },
      headers: { Accept: 'text/event-stream, application/json' },
    });
    expect(response.status).toBe(200);
    // The local provider does not stream: the JSON member of the documented union.
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const reply = typeof data === 'string' ? undefined : data?.reply;
    expect(reply).toMatchObject({ role: 'assistant', intent: 'help', provider: 'local' });
  });
});
