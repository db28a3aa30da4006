import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../src/common/http/request-context';
import { OutboxRepository } from '../src/infrastructure/events/outbox.repository';
import { JobQueue } from '../src/infrastructure/queues/job-queue.service';
import { QueueName } from '../src/infrastructure/queues/job-registry';
import { AiUsageRepository, AiUsageRecord } from '../src/modules/ai/ai-usage.repository';
import {
  NewNotification,
  NotificationsRepository,
} from '../src/modules/notifications/notifications.repository';
import { NotificationType } from '../src/modules/notifications/notification-types';
import { Summary, SummaryStatus } from '../src/modules/summaries/entities/summary.entity';
import { SummariesRepository } from '../src/modules/summaries/summaries.repository';
import { periodContaining } from '../src/modules/summaries/summary-period';
import { StatementRecorder } from './support/statement-recorder';
import { registerUser, startApi, startWorker, TestApi, testConfig } from './support/test-app';

/**
 * The worker's statements batched across jobs running at once (MicroBatcher): calls made in
 * the same turn of the event loop go as one statement, each caller answered its own result,
 * and a row that fails the statement fails only its own caller.
 */
describe('Worker statements batched across concurrent jobs (e2e)', () => {
  const statements = new StatementRecorder();
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let summaries: SummariesRepository;
  let userId: string;

  beforeAll(async () => {
    const config = testConfig({ REVOCATIONS_POLL_MS: '60000' });
    api = await startApi(config);
    worker = await startWorker(config);
    db = api.app.get(DataSource);
    summaries = worker.get(SummariesRepository);
    // The rows made here have no jobs; held anyway, so a sweep cannot claim them meanwhile.
    await worker.get(JobQueue).queue(QueueName.Summaries).pause(true);
    userId = (await registerUser(api.http)).id;
    statements.start();
  });
  afterAll(async () => {
    statements.stop();
    await worker.get(JobQueue).queue(QueueName.Summaries).resume(true);
    await worker.close();
    await api.close();
  });

  /** Pending summaries of `count` weeks of 2025 (one per week), for claims. */
  async function pendingWeeks(count: number, firstWeek: number): Promise<Summary[]> {
    const made: Summary[] = [];
    for (let week = firstWeek; week < firstWeek + count; week += 1) {
      const window = periodContaining('week', new Date(Date.UTC(2025, 0, 8 + 7 * week)));
      made.push((await summaries.insertPending(userId, window))!);
    }
    return made;
  }

  /**
   * Runs `work` in a request context of its own and answers the statements sent in it only:
   * a batch runs in the context of a caller that joined it, while the relay's deliveries (this
   * file's worker delivers the events the tests publish) send the same shapes in their own.
   */
  async function ownStatements<T>(work: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
    const requestId = `batching-test-${randomUUID()}`;
    const result = await RequestContext.run({ requestId }, work);
    return { result, sent: statements.sentFor(requestId) };
  }

  const claimsIn = (sent: string[]) => sent.filter((sql) => sql.startsWith('WITH claimed AS'));

  it('claims made at once go as one statement; each caller gets its own summary and reading, null for one not claimable', async () => {
    const [a, b, c, done] = await pendingWeeks(4, 0);
    await db.query(`UPDATE summaries SET status = 'completed' WHERE id = $1`, [done.id]);
    await db.query(
      `INSERT INTO entries (user_id, occurred_at, type, mood) VALUES ($1, $2, 'mood', 7)`,
      [userId, new Date(b.periodStart.getTime() + 3_600_000)],
    );
    const mark = statements.mark();
    const claimed = await Promise.all([a, b, c, done].map((s) => summaries.claimAndRead(s.id)));
    expect(claimsIn(statements.sentSince(mark))).toHaveLength(1);
    expect(claimed.map((answer) => answer?.summary.id ?? null)).toEqual([a.id, b.id, c.id, null]);
    expect(claimed.map((answer) => answer?.summary.status ?? null)).toEqual([
      SummaryStatus.Processing,
      SummaryStatus.Processing,
      SummaryStatus.Processing,
      null,
    ]);
    // Each reading is its own period's: only b's week has the entry.
    expect(claimed.map((answer) => answer?.reading.statistics.entryCount ?? null)).toEqual([
      0,
      1,
      0,
      null,
    ]);
    expect(claimed[1]!.reading.statistics.from).toBe(b.periodStart.toISOString());
  });

  it('a claim that fails the batched statement fails alone: the others are claimed, each retried on its own', async () => {
    const [a, b] = await pendingWeeks(2, 10);
    const mark = statements.mark();
    const answers = await Promise.allSettled(
      [a.id, 'not-a-uuid', b.id].map((id) => summaries.claimAndRead(id)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((answers[1] as PromiseRejectedResult).reason.message).toMatch(/invalid input syntax/);
    expect(
      answers.map((answer) => answer.status === 'fulfilled' && answer.value?.summary.id),
    ).toEqual([a.id, false, b.id]);
    // The batch, then each of the three alone.
    expect(claimsIn(statements.sentSince(mark))).toHaveLength(4);
  });

  it('completions made at once: one statement, one summary.completed per completed row, each with its own job’s request id; a second job of one summary gets null, as it would after the first', async () => {
    const [a, b, notClaimed] = await pendingWeeks(3, 20);
    await Promise.all([a, b].map((s) => summaries.claimAndRead(s.id)));
    const result = (week: string) =>
      ({ narrative: week }) as unknown as Parameters<SummariesRepository['complete']>[1];
    const mark = statements.mark();
    const completed = await Promise.all(
      [a, b, notClaimed, a].map((s, i) =>
        RequestContext.run({ requestId: `job-${i}-${randomUUID()}` }, () =>
          summaries.complete(s, result(`week ${i}`)),
        ),
      ),
    );
    expect(
      statements.sentSince(mark).filter((sql) => sql.startsWith('WITH written AS (UPDATE')),
    ).toHaveLength(1);
    expect(completed.map((s) => s?.status ?? null)).toEqual([
      SummaryStatus.Completed,
      SummaryStatus.Completed,
      null,
      null,
    ]);
    expect(completed.map((s) => s?.result ?? null)).toEqual([
      { narrative: 'week 0' },
      { narrative: 'week 1' },
      null,
      null,
    ]);
    const events: { summaryId: string; requestId: string }[] = await db.query(
      `SELECT payload->>'summaryId' AS "summaryId", request_id AS "requestId" FROM domain_events
        WHERE name = 'summary.completed' AND payload->>'summaryId' = ANY($1)
        ORDER BY request_id`,
      [[a.id, b.id, notClaimed.id]],
    );
    expect(events).toEqual([
      { summaryId: a.id, requestId: expect.stringMatching(/^job-0-/) },
      { summaryId: b.id, requestId: expect.stringMatching(/^job-1-/) },
    ]);
  });

  it('AI metering rows made at once: one INSERT; a row that fails it (an unknown user) fails alone', async () => {
    const usage = worker.get(AiUsageRepository);
    const row = (user: string, latencyMs: number): AiUsageRecord => ({
      userId: user,
      operation: 'summary',
      provider: 'local',
      model: 'batching-test',
      promptTokens: null,
      completionTokens: null,
      latencyMs,
      outcome: 'success',
    });
    const mark = statements.mark();
    const answers = await Promise.allSettled([
      usage.record(row(userId, 1)),
      usage.record(row(randomUUID(), 2)),
      usage.record(row(userId, 3)),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((answers[1] as PromiseRejectedResult).reason.message).toMatch(/foreign key/);
    const inserts = statements
      .sentSince(mark)
      .filter((sql) => sql.startsWith('INSERT INTO ai_usage'));
    expect(inserts).toHaveLength(4); // the batch, then each alone
    const recorded: { latencyMs: number }[] = await db.query(
      `SELECT latency_ms AS "latencyMs" FROM ai_usage
        WHERE user_id = $1 AND model = 'batching-test' ORDER BY latency_ms`,
      [userId],
    );
    expect(recorded).toEqual([{ latencyMs: 1 }, { latencyMs: 3 }]);
  });

  it('delivery checks and records made at once: one statement each, each caller its own answer', async () => {
    const outbox = worker.get(OutboxRepository);
    const [{ id: first }, { id: second }] = await db.query(
      `INSERT INTO domain_events (name, payload)
       VALUES ('goal.achieved', '{}'), ('goal.achieved', '{}') RETURNING id::text`,
    );
    await outbox.recordDelivery(first, 'A');
    const { result: checks, sent } = await ownStatements(async () => {
      const answers = await Promise.all([
        outbox.isDelivered(first, 'A'),
        outbox.isDelivered(first, 'B'),
        outbox.isDelivered(second, 'A'),
      ]);
      await Promise.all([
        outbox.recordDelivery(first, 'B'),
        outbox.recordDelivery(second, 'A'),
        outbox.recordDelivery(first, 'A'), // already recorded: nothing, no error
      ]);
      return answers;
    });
    expect(checks).toEqual([true, false, false]);
    expect(sent.filter((sql) => /FROM domain_event_deliveries d JOIN/.test(sql))).toHaveLength(1);
    expect(
      sent.filter((sql) => sql.startsWith('INSERT INTO domain_event_deliveries')),
    ).toHaveLength(1);
    await expect(
      Promise.all([
        outbox.isDelivered(first, 'A'),
        outbox.isDelivered(first, 'B'),
        outbox.isDelivered(second, 'A'),
        outbox.isDelivered(second, 'B'),
      ]),
    ).resolves.toEqual([true, true, true, false]);
  });
  it('notifications made at once: one statement; each its own unread count, as if written one after the other; a source twice in a batch makes one', async () => {
    const notifications = worker.get(NotificationsRepository);
    // Users of their own: the completions above notify `userId` meanwhile.
    const [mine, other] = [(await registerUser(api.http)).id, (await registerUser(api.http)).id];
    const occurrence = (user: string, inApp = true): NewNotification => ({
      userId: user,
      type: NotificationType.SummaryReady,
      groupKey: `${NotificationType.SummaryReady}:${randomUUID()}`,
      subjectId: null,
      actor: null,
      data: {},
      inApp,
      digestPending: false,
    });
    const {
      result: [first, notInApp, second, otherUser],
      sent,
    } = await ownStatements(() =>
      Promise.all([
        notifications.insertUngrouped(occurrence(mine), `source-${randomUUID()}`, 100),
        notifications.insertUngrouped(occurrence(mine, false), `source-${randomUUID()}`, 100),
        notifications.insertUngrouped(occurrence(mine), `source-${randomUUID()}`, 100),
        notifications.insertUngrouped(occurrence(other), `source-${randomUUID()}`, 100),
      ]),
    );
    const insertsOf = (made: string[]) =>
      made.filter((sql) => /^WITH input AS MATERIALIZED .*INSERT INTO notifications/.test(sql));
    expect(insertsOf(sent)).toHaveLength(1);
    const unreadBefore = (made: Awaited<ReturnType<NotificationsRepository['insertUngrouped']>>) =>
      made && 'unreadBefore' in made ? made.unreadBefore : undefined;
    expect([first, notInApp, second, otherUser].map(unreadBefore)).toEqual([0, 1, 1, 0]);

    // The same fact delivered twice at once: the batch is refused whole by the source's key,
    // then run one by one: one notification, the other answer null.
    const source = `source-${randomUUID()}`;
    const again = await ownStatements(() =>
      Promise.all([
        notifications.insertUngrouped(occurrence(other), source, 100),
        notifications.insertUngrouped(occurrence(other), source, 100),
      ]),
    );
    expect(again.result.filter((made) => made === null)).toHaveLength(1);
    expect(insertsOf(again.sent)).toHaveLength(3);
    const [{ made }] = await db.query(
      `SELECT count(*)::int AS made FROM notification_sources WHERE user_id = $1 AND source_key = $2`,
      [other, source],
    );
    expect(made).toBe(1);
  });
});
