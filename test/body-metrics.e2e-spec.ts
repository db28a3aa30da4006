import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { publishedEventsOf } from './support/domain-events';
import { apiClient, Query } from './support/api-client';
import { setPreferences } from './support/fixtures';
import { errorFields, PROBLEM } from './support/problem';
import { registerUser, startApi, TestApi, TestUser } from './support/test-app';

const PATH = '/progress/body';

function post(http: App, user: TestUser, body: object) {
  return apiClient(http, user).post(PATH, body);
}

function put(http: App, user: TestUser, id: string, body: object) {
  return apiClient(http, user).put(`${PATH}/${id}`, body);
}

function del(http: App, user: TestUser, id: string) {
  return apiClient(http, user).delete(`${PATH}/${id}`);
}

function get(http: App, user: TestUser, path = '', query: Query = {}) {
  return apiClient(http, user).get(`${PATH}${path}`, query);
}

/** Logs readings of [measuredAt, body] in order; returns the created ids. */
async function logAll(http: App, user: TestUser, readings: [string, object][]): Promise<string[]> {
  const ids: string[] = [];
  for (const [measuredAt, body] of readings) {
    ids.push((await post(http, user, { measuredAt, ...body }).expect(201)).body.id);
  }
  return ids;
}

describe('body metrics (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  describe('readings', () => {
    it('logs every measurement in kg and cm and reads it back with its units', async () => {
      const user = await registerUser(api.http);
      const body = {
        measuredAt: '2026-11-02T07:30:00.000Z',
        weight: 81.25,
        bodyFat: 18.4,
        waist: 84.5,
        chest: 101.5,
        hips: 97,
        neck: 38.5,
        arm: 33.25,
        thigh: 56,
        note: 'Morning, before breakfast',
      };
      const res = await post(api.http, user, body).expect(201);
      expect(res.body).toEqual({
        ...body,
        id: expect.any(String),
        weightUnit: 'kg',
        lengthUnit: 'cm',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(res.headers.location).toBe(`/api/v1/progress/body/${res.body.id}`);
      expect((await get(api.http, user, `/${res.body.id}`).expect(200)).body).toEqual(res.body);
    });

    it('round-trips pounds and inches exactly, storing kilograms and centimetres', async () => {
      const user = await registerUser(api.http);
      await setPreferences(apiClient(api.http, user), { weightUnit: 'lb', lengthUnit: 'in' });
      const res = await post(api.http, user, {
        measuredAt: '2026-11-03T07:00:00Z',
        weight: 181.4,
        waist: 33.27,
        arm: 13.13,
      }).expect(201);
      expect(res.body).toMatchObject({
        weight: 181.4,
        weightUnit: 'lb',
        waist: 33.27,
        arm: 13.13,
        lengthUnit: 'in',
        bodyFat: null,
      });

      const [row] = await api.app
        .get(DataSource)
        .query('SELECT weight_kg, waist_cm, arm_cm FROM body_metrics WHERE id = $1', [res.body.id]);
      expect(row).toEqual({ weight_kg: '82.282', waist_cm: '84.51', arm_cm: '33.35' });

      await setPreferences(apiClient(api.http, user), { weightUnit: 'kg', lengthUnit: 'cm' });
      expect((await get(api.http, user, `/${res.body.id}`).expect(200)).body).toMatchObject({
        weight: 82.28,
        weightUnit: 'kg',
        waist: 84.51,
        arm: 33.35,
        lengthUnit: 'cm',
      });
    });

    it('changes only what is sent, clears with null, and keeps one measurement at least', async () => {
      const user = await registerUser(api.http);
      const created = (
        await post(api.http, user, {
          measuredAt: '2026-11-04T07:00:00Z',
          weight: 80,
          waist: 85,
          note: 'after holidays',
        }).expect(201)
      ).body;

      const changed = await put(api.http, user, created.id, {
        weight: 79.6,
        waist: null,
        note: null,
        measuredAt: '2026-11-04T06:45:00Z',
      }).expect(200);
      expect(changed.body).toMatchObject({
        id: created.id,
        measuredAt: '2026-11-04T06:45:00.000Z',
        weight: 79.6,
        waist: null,
        note: null,
      });

      const emptied = await put(api.http, user, created.id, { weight: null }).expect(400);
      expect(emptied.headers['content-type']).toMatch(PROBLEM);
      expect(errorFields(emptied)).toEqual(expect.arrayContaining(['weight', 'bodyFat', 'waist']));
      expect(emptied.body.errors[0].messages).toEqual([
        'weight or another measurement is required',
      ]);
      const swapped = await put(api.http, user, created.id, { weight: null, neck: 38 }).expect(200);
      expect(swapped.body).toMatchObject({ weight: null, neck: 38 });

      await del(api.http, user, created.id).expect(204);
      await get(api.http, user, `/${created.id}`).expect(404);
      await del(api.http, user, created.id).expect(404);
    });

    it('answers 409 naming the existing reading for a second one at the same instant', async () => {
      const user = await registerUser(api.http);
      const [first, second] = await logAll(api.http, user, [
        ['2026-11-05T07:00:00Z', { weight: 80 }],
        ['2026-11-06T07:00:00Z', { weight: 79.8 }],
      ]);

      const duplicate = await post(api.http, user, {
        measuredAt: '2026-11-05T07:00:00.000Z',
        weight: 80.2,
      }).expect(409);
      expect(duplicate.headers['content-type']).toMatch(PROBLEM);
      expect(duplicate.body).toMatchObject({
        type: 'urn:fitai:problem:body-metric-exists',
        existingId: first,
      });

      const moved = await put(api.http, user, second, {
        measuredAt: '2026-11-05T07:00:00Z',
      }).expect(409);
      expect(moved.body.existingId).toBe(first);

      // Another user may of course have a reading at that instant.
      const other = await registerUser(api.http);
      await post(api.http, other, { measuredAt: '2026-11-05T07:00:00Z', weight: 60 }).expect(201);
    });

    it("hides every user's readings from the others: 404 on read, change and delete", async () => {
      const ada = await registerUser(api.http);
      const bob = await registerUser(api.http);
      const [id] = await logAll(api.http, ada, [['2026-11-07T07:00:00Z', { weight: 70 }]]);

      await get(api.http, bob, `/${id}`).expect(404);
      await put(api.http, bob, id, { weight: 90 }).expect(404);
      await del(api.http, bob, id).expect(404);
      expect((await get(api.http, bob).expect(200)).body.items).toEqual([]);
      expect((await get(api.http, ada, `/${id}`).expect(200)).body.weight).toBe(70);
    });

    it('publishes every write in its transaction: body-metric.logged, then .deleted', async () => {
      const user = await registerUser(api.http);
      const [id] = await logAll(api.http, user, [['2026-11-08T07:00:00Z', { weight: 70 }]]);
      await put(api.http, user, id, { weight: 70.5 }).expect(200);
      await put(api.http, user, id, {}).expect(200); // nothing changed: nothing published
      // A reading at a taken instant is refused and publishes nothing.
      await post(api.http, user, { measuredAt: '2026-11-08T07:00:00Z', weight: 71 }).expect(409);
      await del(api.http, user, id).expect(204);
      const ids = { userId: user.id, bodyMetricId: id };
      expect(await publishedEventsOf(api.app.get(DataSource), user.id)).toEqual([
        { name: 'body-metric.logged', payload: ids },
        { name: 'body-metric.logged', payload: ids },
        { name: 'body-metric.deleted', payload: ids },
      ]);
    });
  });

  describe('validation', () => {
    let user: TestUser;
    let pounds: TestUser;

    beforeAll(async () => {
      user = await registerUser(api.http);
      pounds = await registerUser(api.http);
      await setPreferences(apiClient(api.http, pounds), { weightUnit: 'lb', lengthUnit: 'in' });
    });

    it.each([
      ['nothing measured', { note: 'forgot the scale' }, 'weight'],
      ['a weight of 500 kg', { weight: 500 }, 'weight'],
      ['a negative weight', { weight: -80 }, 'weight'],
      ['a weight as a string', { weight: '80' }, 'weight'],
      ['three decimals', { weight: 80.125 }, 'weight'],
      ['a body fat of 80 %', { bodyFat: 80 }, 'bodyFat'],
      ['a waist of 5 cm', { waist: 5 }, 'waist'],
      ['a thigh of 300 cm', { thigh: 300 }, 'thigh'],
      ['a date in 2099', { weight: 80, measuredAt: '2099-01-01T00:00:00Z' }, 'measuredAt'],
      ['a date that is not ISO 8601', { weight: 80, measuredAt: 'yesterday' }, 'measuredAt'],
      ['a 1,000-character note', { weight: 80, note: 'x'.repeat(1000) }, 'note'],
      ['an unknown field', { weightKg: 80 }, 'weightKg'],
    ])('rejects %s with a field-level 400', async (_label, body, field) => {
      const res = await post(api.http, user, body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(errorFields(res)).toContain(field);
    });

    it('checks ranges in the unit the user sent, after conversion', async () => {
      const low = await post(api.http, pounds, { weight: 44, neck: 3.94 }).expect(400);
      expect(low.body.errors).toEqual([
        { field: 'weight', messages: ['weight must be between 44.1 and 881.84 lb'] },
      ]);
      // 500 lb is 226.8 kg: fine, although 500 kg would not be.
      await post(api.http, pounds, { measuredAt: '2026-11-09T07:00:00Z', weight: 500 }).expect(201);
    });

    it('rejects a bad range, a forged cursor, a huge page and a malformed id', async () => {
      const range = await get(api.http, user, '', {
        from: '2026-11-05T00:00:00Z',
        to: '2026-11-01T00:00:00Z',
      }).expect(400);
      expect(range.body.errors).toEqual([{ field: 'to', messages: ['to must be after from'] }]);
      expect(errorFields(await get(api.http, user, '', { cursor: 'nope' }).expect(400))).toEqual([
        'cursor',
      ]);
      expect(errorFields(await get(api.http, user, '', { limit: 1000 }).expect(400))).toEqual([
        'limit',
      ]);
      await get(api.http, user, '/not-a-uuid').expect(400);
    });

    it.each([
      ['/analytics', { metric: 'height' }, 'metric'],
      ['/analytics', { window: 0 }, 'window'],
      ['/analytics', { days: 1000 }, 'days'],
      ['/analytics', { endDate: '2026-02-30' }, 'endDate'],
      ['/analytics', { endDate: '20 Jan' }, 'endDate'],
      ['/predictions', { days: 7 }, 'days'],
      ['/predictions', { horizonDays: 0 }, 'horizonDays'],
      ['/predictions', { metric: 'mood' }, 'metric'],
    ])('rejects GET %s with %j as a field-level 400', async (path, query, field) => {
      expect(errorFields(await get(api.http, user, path, query).expect(400))).toContain(field);
    });
  });

  describe('listing', () => {
    it('pages newest first with stable cursors and filters a time range', async () => {
      const user = await registerUser(api.http);
      const instants = [
        '2026-10-01T07:00:00.000Z',
        '2026-10-02T07:00:00.000Z',
        '2026-10-03T07:00:00.000Z',
        '2026-10-04T07:00:00.000Z',
        '2026-10-05T07:00:00.000Z',
      ];
      const ids = await logAll(
        api.http,
        user,
        instants.map((at, i) => [at, { weight: 80 - i / 10 }]),
      );

      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const query: Query = cursor ? { limit: 2, cursor } : { limit: 2 };
        const res: request.Response = await get(api.http, user, '', query).expect(200);
        pages.push(res.body.items.map((m: { id: string }) => m.id));
        cursor = res.body.meta.nextCursor;
      } while (cursor);
      expect(pages).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]]);

      const range = await get(api.http, user, '', {
        from: '2026-10-02T07:00:00Z',
        to: '2026-10-04T07:00:00Z',
      }).expect(200);
      expect(range.body.items.map((m: { measuredAt: string }) => m.measuredAt)).toEqual([
        instants[2],
        instants[1],
      ]);
      expect(range.body.meta).toEqual({ limit: 50, nextCursor: null });
    });
  });

  describe('analytics', () => {
    it("computes daily means, calendar-day moving averages and the weekly rate in the user's days", async () => {
      const user = await registerUser(api.http);
      await setPreferences(apiClient(api.http, user), { timeZone: 'America/New_York' }); // UTC−5 in January
      await logAll(api.http, user, [
        ['2025-12-31T08:00:00-05:00', { weight: 81 }], // before the period: moving average only
        ['2026-01-01T08:00:00-05:00', { weight: 80 }],
        ['2026-01-02T07:00:00-05:00', { weight: 79.6 }],
        ['2026-01-02T21:00:00-05:00', { weight: 80 }], // 02:00Z on the 3rd: still the 2nd locally
        ['2026-01-03T23:30:00-05:00', { weight: 79.4 }], // 04:30Z on the 4th
        ['2026-01-05T12:00:00-05:00', { waist: 85 }], // no weight: the gap stays a gap
        ['2026-01-07T08:00:00-05:00', { weight: 79 }],
        ['2026-01-08T08:00:00-05:00', { weight: 78.8 }],
        ['2026-01-09T08:00:00-05:00', { weight: 70 }], // after the period
      ]);

      const res = await get(api.http, user, '/analytics', {
        metric: 'weight',
        days: 8,
        window: 3,
        endDate: '2026-01-08',
      }).expect(200);

      // Hand-computed. Moving averages over 3 calendar days: on the 7th only the 7th has a value
      // (a 3-row window would have averaged 79.8, 79.4 and 79). Rate: x = 0 1 2 6 7 (days since
      // the 1st), y = 80 79.8 79.4 79 78.8; Sxy = −6.2, Sxx = 38.8, slope·7 = −1.1186.
      expect(res.body).toEqual({
        metric: 'weight',
        unit: 'kg',
        timeZone: 'America/New_York',
        from: '2026-01-01',
        to: '2026-01-08',
        window: 3,
        points: 5,
        readings: 6,
        first: { date: '2026-01-01', value: 80 },
        last: { date: '2026-01-08', value: 78.8 },
        min: { date: '2026-01-08', value: 78.8 },
        max: { date: '2026-01-01', value: 80 },
        change: -1.2,
        ratePerWeek: -1.12,
        series: [
          { date: '2026-01-01', value: 80, readings: 1, movingAverage: 80.5 },
          { date: '2026-01-02', value: 79.8, readings: 2, movingAverage: 80.27 },
          { date: '2026-01-03', value: 79.4, readings: 1, movingAverage: 79.73 },
          { date: '2026-01-07', value: 79, readings: 1, movingAverage: 79 },
          { date: '2026-01-08', value: 78.8, readings: 1, movingAverage: 78.9 },
        ],
      });

      const waist = await get(api.http, user, '/analytics', {
        metric: 'waist',
        days: 8,
        endDate: '2026-01-08',
      }).expect(200);
      expect(waist.body).toMatchObject({
        unit: 'cm',
        points: 1,
        ratePerWeek: null,
        series: [{ date: '2026-01-05', value: 85, readings: 1, movingAverage: 85 }],
      });
    });

    it("answers in the user's unit, and with an empty period", async () => {
      const user = await registerUser(api.http);
      await setPreferences(apiClient(api.http, user), { weightUnit: 'lb' });
      await logAll(api.http, user, [
        ['2026-02-01T07:00:00Z', { weight: 200 }],
        ['2026-02-08T07:00:00Z', { weight: 198 }],
      ]);
      const res = await get(api.http, user, '/analytics', { endDate: '2026-02-08' }).expect(200);
      expect(res.body).toMatchObject({
        unit: 'lb',
        timeZone: 'UTC',
        from: '2025-11-11',
        window: 7,
        change: -2,
        ratePerWeek: -2,
        series: [
          { date: '2026-02-01', value: 200, movingAverage: 200 },
          { date: '2026-02-08', value: 198, movingAverage: 198 },
        ],
      });

      const empty = await get(api.http, user, '/analytics', { metric: 'bodyFat' }).expect(200);
      expect(empty.body).toMatchObject({
        unit: '%',
        points: 0,
        readings: 0,
        first: null,
        last: null,
        min: null,
        max: null,
        change: null,
        ratePerWeek: null,
        series: [],
      });
    });
  });

  describe('predictions', () => {
    it('projects the least-squares line with a 95 % prediction interval', async () => {
      const user = await registerUser(api.http);
      await logAll(api.http, user, [
        ['2026-03-02T07:00:00Z', { weight: 80 }],
        ['2026-03-09T07:00:00Z', { weight: 79 }],
        ['2026-03-16T07:00:00Z', { weight: 78.5 }],
        ['2026-03-23T07:00:00Z', { weight: 77 }],
        ['2026-03-30T07:00:00Z', { weight: 76.5 }],
      ]);

      const res = await get(api.http, user, '/predictions', {
        metric: 'weight',
        endDate: '2026-03-30',
        horizonDays: 30,
      }).expect(200);

      // The worked example of trend.spec.ts: slope −9/70 kg/day, ŷ(58) = 72.5429,
      // s = 0.2582, t(0.975, 3) = 3.1824, interval 72.5429 ± 1.8649.
      expect(res.body).toEqual({
        metric: 'weight',
        unit: 'kg',
        timeZone: 'UTC',
        from: '2025-12-31',
        to: '2026-03-30',
        points: 5,
        spanDays: 28,
        slopePerWeek: -0.9,
        r2: 0.9759,
        residualStandardError: 0.26,
        horizonDays: 30,
        targetDate: '2026-04-29',
        projected: 72.54,
        interval: { confidence: 0.95, lower: 70.68, upper: 74.41 },
      });
    });

    it('refuses to predict from too few days or too short a span, saying what it needs', async () => {
      const user = await registerUser(api.http);
      await logAll(api.http, user, [
        ['2026-05-01T07:00:00Z', { weight: 80 }],
        ['2026-05-02T07:00:00Z', { weight: 79.9 }],
        ['2026-05-03T07:00:00Z', { weight: 79.7 }],
        ['2026-05-03T19:00:00Z', { weight: 79.9 }], // same day: still 4 days
        ['2026-05-20T07:00:00Z', { weight: 79 }],
      ]);

      const few = await get(api.http, user, '/predictions', { endDate: '2026-05-20' }).expect(422);
      expect(few.headers['content-type']).toMatch(PROBLEM);
      expect(few.body).toMatchObject({
        type: 'urn:fitai:problem:not-enough-data',
        requiredPoints: 5,
        requiredSpanDays: 14,
        points: 4,
        spanDays: 19,
      });
      expect(few.body.detail).toContain('at least 5 different days');

      await logAll(api.http, user, [
        ['2026-05-04T07:00:00Z', { weight: 79.6 }],
        ['2026-05-05T07:00:00Z', { weight: 79.5 }],
      ]);
      const short = await get(api.http, user, '/predictions', { endDate: '2026-05-10' }).expect(
        422,
      );
      expect(short.body).toMatchObject({ points: 5, spanDays: 4 });

      await get(api.http, user, '/predictions', { endDate: '2026-05-20' }).expect(200);
      const bodyFat = await get(api.http, user, '/predictions', {
        metric: 'bodyFat',
        endDate: '2026-05-20',
      }).expect(422);
      expect(bodyFat.body).toMatchObject({ points: 0, spanDays: 0 });
    });
  });
});
