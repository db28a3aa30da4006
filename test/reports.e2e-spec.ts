import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { QueueName } from '../src/infrastructure/queues/job-registry';
import { addDays, localDate } from '../src/common/time/local-date';
import { instantsOf, ReportDataService } from '../src/modules/reports/report-data.service';
import { ReportSchedulesService } from '../src/modules/reports/report-schedules.service';
import { FIGURE_PREFIX, LAYOUT } from '../src/modules/reports/report-renderer';
import { ReportsRepository } from '../src/modules/reports/reports.repository';
import { ReportKind, ReportPeriod } from '../src/modules/reports/report.vocabulary';
import { DEMO_LIFTS, demoHistory } from '../src/modules/reports/testing/demo-history';
import { ApiClient, registerClient } from './support/api-client';
import { libraryExerciseIds } from './support/fixtures';
import { errorFields, PROBLEM } from './support/problem';
import { jobsSettled } from './support/queues';
import { SmtpTestServer } from './support/smtp-test-server';
import { eventually, startApi, startWorker, TestApi, testConfig } from './support/test-app';

jest.setTimeout(120_000);

type Body = Record<string, unknown>;

/** The PDF of a completed report, as its owner downloads it. */
function download(client: { accessToken: string }, api: TestApi, id: string) {
  return request(api.http)
    .get(`/api/v1/reports/${id}/download`)
    .auth(client.accessToken, { type: 'bearer' })
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

function pdfTool(tool: 'pdftotext' | 'pdfinfo', pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'report-e2e-')), 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync(tool, tool === 'pdftotext' ? ['-layout', file, '-'] : [file]).toString();
}

async function completed(
  client: ApiClient,
  location: string,
): Promise<{ report: Body; seen: number[] }> {
  const seen: number[] = [];
  const report = await eventually(
    async () => {
      const body = (await client.get(location.replace('/api/v1', '')).expect(200)).body as Body;
      seen.push(body.progress as number);
      if (body.status === 'failed') throw new Error(`report failed: ${String(body.failureReason)}`);
      return body.status === 'completed' ? body : undefined;
    },
    60_000,
    20,
  );
  return { report, seen };
}

describe('PDF reports with the real worker (e2e)', () => {
  const smtp = new SmtpTestServer();
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let lifts: Record<keyof typeof DEMO_LIFTS, string>;

  beforeAll(async () => {
    const config = testConfig({ SMTP_URL: await smtp.start(), OUTBOX_POLL_MS: '200' });
    api = await startApi(config);
    worker = await startWorker(config);
    db = api.app.get(DataSource);
    lifts = await libraryExerciseIds(db, DEMO_LIFTS);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp.stop();
  });

  /** A user with the demo history of the month before this one (Europe/Paris). */
  async function seededUser(month: string) {
    const seeded = await registerClient(api.http);
    for (const call of demoHistory(month, lifts)) {
      const res = await (call.method === 'PUT'
        ? seeded.client.put(call.path, call.body)
        : seeded.client.post(call.path, call.body));
      expect([200, 201]).toContain(res.status);
    }
    return seeded;
  }

  const lastMonth = DateTime.now().setZone('Europe/Paris').minus({ months: 1 });
  const month = lastMonth.toFormat('yyyy-MM');

  it('renders a seeded user’s monthly report: 4 pages, 4 charts, page numbers; only its owner downloads it', async () => {
    const { user, client } = await seededUser(month);
    const res = await client
      .post('/reports/generate', { kind: 'progress', period: 'monthly', from: `${month}-15` })
      .expect(202);
    const location = res.headers.location as string;
    expect(location).toBe(`/api/v1/reports/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'pending',
      progress: 0,
      period: 'monthly',
      from: `${month}-01`,
      to: lastMonth.endOf('month').toISODate(),
      timeZone: 'Europe/Paris',
      downloadUrl: null,
    });

    const { report, seen } = await completed(client, location);
    expect(report).toMatchObject({
      progress: 100,
      pageCount: LAYOUT[ReportKind.Progress].pages,
      chartCount: LAYOUT[ReportKind.Progress].charts,
      downloadUrl: `/api/v1/reports/${res.body.id}/download`,
    });
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1])).toBe(true);

    const file = await download(user, api, res.body.id as string).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const pdf = file.body as Buffer;
    // REPORT_SAMPLE_OUT=docs/reports/sample-monthly-report.pdf keeps this PDF (docs/reports.md).
    if (process.env.REPORT_SAMPLE_OUT) writeFileSync(process.env.REPORT_SAMPLE_OUT, pdf);
    expect(pdf.length).toBe(report.sizeBytes);
    expect(pdfTool('pdfinfo', pdf)).toMatch(/Pages:\s+4\n/);
    const text = pdfTool('pdftotext', pdf);
    // Charts are counted by their numbered captions ("Figure n."), one under each chart.
    expect(text.match(new RegExp(`^\\s*${FIGURE_PREFIX} \\d+\\.`, 'gm'))).toHaveLength(4);
    for (let page = 1; page <= 4; page++) expect(text).toContain(`Page ${page} of 4`);
    expect(text).toContain('Monthly progress report');

    // The cover's figures are /analytics/overview's for the same days, each with its change.
    const overview = (
      await client
        .get('/analytics/overview', {
          startDate: report.from as string,
          endDate: report.to as string,
        })
        .expect(200)
    ).body;
    const cover = text.split('\f')[0];
    const { current, change } = overview;
    // [value, its unit, change, the change's unit]
    const figures: [number, string, number | null, string][] = [
      [current.sessions, '', change.sessions.absolute, ''],
      [current.activeDays, '', change.activeDays.absolute, ''],
      [current.volume, ' kg', change.volume.percent, ' %'],
      [current.personalRecords, '', change.personalRecords.absolute, ''],
      [current.streakWeeks, '', change.streakWeeks.absolute, ''],
      [current.bodyWeight, ' kg', change.bodyWeight.absolute, ' kg'],
      [current.mood, '', change.mood.absolute, ''],
      [current.goalsAchieved, '', change.goalsAchieved.absolute, ''],
    ];
    expect(overview.current.sessions).toBeGreaterThan(10);
    expect(overview.current.volume).toBeGreaterThan(10_000);
    expect(overview.current.bodyWeight).not.toBeNull();
    expect(overview.current.mood).not.toBeNull();
    const printed = (value: number) =>
      value.toLocaleString('en-US', { maximumFractionDigits: 2 }).replace(/,/g, ' ');
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const [value, valueUnit, delta, deltaUnit] of figures) {
      const shown = `${printed(value)}${valueUnit}`;
      const moved = delta === null ? 'n/a' : `${delta > 0 ? '+' : ''}${printed(delta)}${deltaUnit}`;
      expect(cover).toMatch(new RegExp(`${escape(shown)}\\s+${escape(moved)}`));
    }
    expect(text).toContain('Barbell Squat');
    expect(text).toContain('Bench 120 kg e1RM');

    // Someone else: the report does not exist for them.
    const other = await registerClient(api.http);
    await download(other.user, api, res.body.id as string).expect(404);
    await other.client.get(`/reports/${res.body.id}`).expect(404);
    expect((await other.client.get('/reports').expect(200)).body.items).toEqual([]);
    const mine = (await client.get('/reports').expect(200)).body;
    expect(mine.items.map((r: Body) => r.id)).toEqual([res.body.id]);

    // The completion is announced (report.completed) and becomes an in-app notification.
    const notification = await eventually(async () => {
      const items = (await client.get('/notifications').expect(200)).body.items as Body[];
      return items.find((n) => n.type === 'report.ready');
    }, 20_000);
    expect(notification).toMatchObject({ message: 'Your PDF report is ready' });
  });

  it("charts each day's mean mood and training volume as the entries and workouts say", async () => {
    const { user, client } = await seededUser(month);
    const fromDate = `${month}-01`;
    const toDate = lastMonth.endOf('month').toISODate()!;
    const zone = 'Europe/Paris';
    // An entry without a mood on a trained day: it must not count in that day's mean.
    const trainedDay = (
      await client.get('/workouts', { status: 'completed', limit: 1 }).expect(200)
    ).body.items[0].sessionAt as string;
    await client
      .post('/entries', { type: 'habit', occurredAt: trainedDay, tags: ['walk'] })
      .expect(201);
    const content = await api.app.get(ReportDataService, { strict: false }).gather({
      userId: user.id,
      kind: ReportKind.Progress,
      period: 'monthly',
      fromDate,
      toDate,
      timeZone: zone,
    } as Parameters<ReportDataService['gather']>[0]);

    // The first chart's way: every entry and completed workout of the period through the API,
    // grouped by local day here.
    const range = instantsOf(fromDate, toDate, zone);
    const all = async (path: string, query: Record<string, string | number>) => {
      const items: Body[] = [];
      let cursor: string | undefined;
      do {
        const page = (
          await client
            .get(path, { ...query, ...(cursor ? { cursor } : {}), limit: 100 })
            .expect(200)
        ).body;
        items.push(...(page.items as Body[]));
        cursor = page.meta.nextCursor ?? undefined;
      } while (cursor);
      return items;
    };
    const window = { from: range.from.toISOString(), to: range.to.toISOString() };
    const moods = new Map<string, number[]>();
    for (const entry of await all('/entries', window)) {
      if (entry.mood === null) continue;
      const day = localDate(zone, new Date(entry.occurredAt as string));
      moods.set(day, [...(moods.get(day) ?? []), entry.mood as number]);
    }
    const volumes = new Map<string, number>();
    for (const workout of await all('/workouts', { ...window, status: 'completed' })) {
      const day = localDate(zone, new Date(workout.sessionAt as string));
      volumes.set(day, (volumes.get(day) ?? 0) + ((workout.totalVolume as number) ?? 0));
    }
    const expected = [];
    for (let day = fromDate; day <= toDate; day = addDays(day, 1)) {
      const dayMoods = moods.get(day);
      expected.push({
        date: day,
        mood: dayMoods
          ? Math.round((dayMoods.reduce((a, b) => a + b, 0) / dayMoods.length) * 10) / 10
          : null,
        volume: volumes.get(day) ?? 0,
      });
    }
    expect(expected.filter((day) => day.mood !== null).length).toBeGreaterThan(15);
    expect(expected.filter((day) => day.volume > 0).length).toBeGreaterThan(8);
    expect(content.charts.moodTraining).toEqual(expected);
  });

  it('never shows less progress than before, even when a stalled job is claimed again', async () => {
    const { user } = await registerClient(api.http);
    // A row of its own, never enqueued: the worker does not race this test.
    const reports = api.app.get(ReportsRepository);
    const { id } = await reports.insertPending({
      userId: user.id,
      kind: ReportKind.Goals,
      period: ReportPeriod.Custom,
      fromDate: '2026-01-01',
      toDate: '2026-01-31',
      timeZone: 'UTC',
    });
    const progressOf = async () => (await reports.findById(id))?.progress;

    expect((await reports.claim(id))?.progress).toBe(5);
    await reports.setProgress(id, 60);
    expect(await progressOf()).toBe(60);
    // A second claim (Bull running a stalled job again) and its early steps keep 60 …
    expect((await reports.claim(id))?.progress).toBe(60);
    await reports.setProgress(id, 30);
    expect(await progressOf()).toBe(60);
    // … until the new attempt passes it; 100 only comes with completion.
    await reports.setProgress(id, 80);
    await reports.setProgress(id, 100);
    expect(await progressOf()).toBe(99);
  });

  it('validates requests with field errors', async () => {
    const { client } = await registerClient(api.http);
    const noEnd = await client
      .post('/reports/generate', { kind: 'goals', period: 'custom', from: '2026-01-01' })
      .expect(400);
    expect(noEnd.headers['content-type']).toMatch(PROBLEM);
    expect(errorFields(noEnd)).toEqual(['to']);
    const tooLong = await client
      .post('/reports/generate', {
        kind: 'goals',
        period: 'custom',
        from: '2025-01-01',
        to: '2026-06-01',
      })
      .expect(400);
    expect(errorFields(tooLong)).toEqual(['to']);
    const kind = await client
      .post('/reports/generate', { kind: 'nope', period: 'weekly' })
      .expect(400);
    expect(errorFields(kind)).toEqual(['kind']);
    const zone = await client
      .post('/reports/schedule', {
        kind: 'progress',
        frequency: 'weekly',
        timeZone: 'Mars/Olympus',
      })
      .expect(400);
    expect(errorFields(zone)).toEqual(['timeZone']);
    await client.get('/reports/1b0b9a9e-8a4a-4f43-9d2f-3f1c3a7c0e11').expect(404);
  });

  it('renders a custom-range goals report (2 pages, 1 chart)', async () => {
    const { client } = await registerClient(api.http);
    const res = await client
      .post('/reports/generate', {
        kind: 'goals',
        period: 'custom',
        from: '2026-01-01',
        to: '2026-03-31',
      })
      .expect(202);
    const { report } = await completed(client, res.headers.location as string);
    expect(report).toMatchObject({
      pageCount: 2,
      chartCount: 1,
      from: '2026-01-01',
      to: '2026-03-31',
    });
  });

  describe('scheduled reports', () => {
    let second: INestApplicationContext;

    beforeAll(async () => {
      // A second worker on the same database and Redis: both run the tick.
      second = await startWorker(api.config);
    });
    afterAll(async () => {
      await second?.close();
    });

    async function makeDue(scheduleId: string): Promise<void> {
      await db.query(
        `UPDATE report_schedules SET next_run_at = now() - interval '1 minute' WHERE id = $1`,
        [scheduleId],
      );
    }

    const subject = /Your FitAI weekly progress report/;

    it('sends exactly one email for a schedule due now, though the tick runs twice in each of two workers', async () => {
      const { user, client } = await registerClient(api.http);
      const created = await client
        .post('/reports/schedule', {
          kind: 'progress',
          frequency: 'weekly',
          timeZone: 'Europe/Paris',
        })
        .expect(201);
      expect(created.headers.location).toBe(`/api/v1/reports/scheduled/${created.body.id}`);
      const nextRun = DateTime.fromISO(created.body.nextRunAt as string).setZone('Europe/Paris');
      expect([nextRun.weekday, nextRun.hour, nextRun.minute]).toEqual([1, 7, 0]);
      await client.post('/reports/schedule', { kind: 'progress', frequency: 'weekly' }).expect(409);
      await makeDue(created.body.id as string);

      const ticks = [worker, second].map((app) =>
        app.get(ReportSchedulesService, { strict: false }),
      );
      const claimed = await Promise.all([...ticks, ...ticks].map((tick) => tick.tick()));
      expect(claimed.reduce((sum, t) => sum + t.claimed, 0)).toBe(1);

      const mail = await smtp.waitFor(user.email, subject, 60_000);
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0].contentType).toBe('application/pdf');
      expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
      await Promise.all(ticks.map((tick) => tick.tick()));
      await jobsSettled(worker, QueueName.Reports, 30_000);
      await jobsSettled(worker, QueueName.Emails, 30_000);
      expect(smtp.count(user.email, subject)).toBe(1);
      const [{ count }] = await db.query(
        `SELECT count(*)::int AS count FROM reports WHERE schedule_id = $1`,
        [created.body.id],
      );
      expect(count).toBe(1);
      const listed = (await client.get('/reports/scheduled').expect(200)).body.items as Body[];
      expect(listed).toHaveLength(1);
      expect(Date.parse(listed[0].nextRunAt as string)).toBeGreaterThan(Date.now());
    });

    it('sends nothing for a schedule deleted before its time', async () => {
      const { user, client } = await registerClient(api.http);
      const created = await client
        .post('/reports/schedule', { kind: 'progress', frequency: 'weekly' })
        .expect(201);
      await makeDue(created.body.id as string);
      const other = await registerClient(api.http);
      await other.client.delete(`/reports/scheduled/${created.body.id}`).expect(404);
      await client.delete(`/reports/scheduled/${created.body.id}`).expect(204);
      await client.delete(`/reports/scheduled/${created.body.id}`).expect(404);

      const ticks = [worker, second].map((app) =>
        app.get(ReportSchedulesService, { strict: false }),
      );
      await Promise.all(ticks.map((tick) => tick.tick()));
      await jobsSettled(worker, QueueName.Reports, 30_000);
      await jobsSettled(worker, QueueName.Emails, 30_000);
      expect(smtp.count(user.email, /report/i)).toBe(0);
      expect((await client.get('/reports').expect(200)).body.items).toEqual([]);
      expect((await client.get('/reports/scheduled').expect(200)).body.items).toEqual([]);
    });

    it('makes the report but sends no email when report emails are off in the preferences', async () => {
      const { user, client } = await registerClient(api.http);
      await client
        .put('/notifications/preferences', { items: [{ type: 'report.ready', email: 'off' }] })
        .expect(200);
      const created = await client
        .post('/reports/schedule', { kind: 'goals', frequency: 'monthly' })
        .expect(201);
      await makeDue(created.body.id as string);
      await worker.get(ReportSchedulesService, { strict: false }).tick();
      const report = await eventually(async () => {
        const items = (await client.get('/reports').expect(200)).body.items as Body[];
        return items[0]?.status === 'completed' ? items[0] : undefined;
      }, 60_000);
      expect(report).toMatchObject({ scheduleId: created.body.id, period: 'monthly' });
      await jobsSettled(worker, QueueName.Reports, 30_000);
      expect(smtp.count(user.email, /report/i)).toBe(0);
    });
  });
});
