/**
 * A new client team's first journey, written against the types openapi-typescript generates
 * from the API's document with default options (fitai-api.d.ts, `npm run openapi:client`) and
 * driven with openapi-fetch: register, log an entry, request a summary and poll it until it is
 * completed, then a workout with a set, completed. `npm run typecheck` compiles it; the
 * generated-client e2e test runs it against a real API and worker.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './fitai-api';

type Schemas = components['schemas'];

export interface JourneyResult {
  user: Schemas['UserDto'];
  entry: Schemas['EntryDto'];
  summary: Schemas['SummaryDto'];
  set: Schemas['WorkoutSetChangeDto'];
  workout: Schemas['WorkoutDto'];
}

export interface JourneyOptions {
  email: string;
  /** How long the summary may take to complete, and how often to ask. */
  summaryDeadlineMs?: number;
  pollEveryMs?: number;
}

/** The body of a successful answer; anything else stops the journey with what it was. */
async function expectOk<T>(
  step: string,
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) {
    throw new Error(`${step}: HTTP ${response.status} ${JSON.stringify(error)}`);
  }
  return data;
}

export async function runJourney(baseUrl: string, options: JourneyOptions): Promise<JourneyResult> {
  const { email, summaryDeadlineMs = 20_000, pollEveryMs = 100 } = options;
  const anonymous = createClient<paths>({ baseUrl });
  const session = await expectOk(
    'register',
    anonymous.POST('/api/v1/auth/register', {
      body: { email, password: 'correct horse battery staple', displayName: 'Journey' },
    }),
  );
  const api = createClient<paths>({
    baseUrl,
    headers: { Authorization: `${session.tokenType} ${session.accessToken}` },
  });

  const entry = await expectOk(
    'log an entry',
    api.POST('/api/v1/entries', {
      body: { type: 'mood', mood: 7, energy: 6, note: 'Slept well, ran 5 km.', tags: ['running'] },
    }),
  );

  // 202 with the pending summary; the worker computes it. Poll until it is done, or give up.
  let summary = await expectOk(
    'request a summary',
    api.POST('/api/v1/summaries', { body: { period: 'day' } }),
  );
  const deadline = Date.now() + summaryDeadlineMs;
  while (summary.status !== 'completed') {
    if (summary.status === 'failed') throw new Error(`summary failed: ${summary.failureReason}`);
    if (Date.now() > deadline) {
      throw new Error(`summary still ${summary.status} after ${summaryDeadlineMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollEveryMs));
    summary = await expectOk(
      'poll the summary',
      api.GET('/api/v1/summaries/{id}', { params: { path: { id: summary.id } } }),
    );
  }

  const library = await expectOk(
    'browse exercises',
    api.GET('/api/v1/exercises', { params: { query: { equipment: 'barbell', limit: 1 } } }),
  );
  const exerciseId = library.items[0].id;
  const created = await expectOk(
    'create a workout',
    api.POST('/api/v1/workouts', { body: { name: 'First workout' } }),
  );
  const id = created.id;
  await expectOk('start it', api.POST('/api/v1/workouts/{id}/start', { params: { path: { id } } }));
  await expectOk(
    'add an exercise',
    api.POST('/api/v1/workouts/{id}/exercises', {
      params: { path: { id } },
      body: { exerciseId },
    }),
  );
  const set = await expectOk(
    'log a set',
    api.POST('/api/v1/workouts/{id}/exercises/{exerciseId}/sets', {
      params: { path: { id, exerciseId } },
      body: { weight: 60, reps: 8, rpe: 8 },
    }),
  );
  const workout = await expectOk(
    'complete it',
    api.POST('/api/v1/workouts/{id}/complete', { params: { path: { id } } }),
  );
  return { user: session.user, entry, summary, set, workout };
}
