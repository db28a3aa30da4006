import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '../src/common/auth/roles';
import { publishedEventsOf } from './support/domain-events';
import { apiClient, ApiClient } from './support/api-client';
import { Member, verifiedMember } from './support/social';
import { registerUser, registerWithRole, startApi, TestApi } from './support/test-app';

type Body = Record<string, unknown> & { id: string };

const PROBLEM = 'urn:fitai:problem:';
const NO_ID = '00000000-0000-4000-8000-000000000000';

describe('reports and moderation (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let moderator: ApiClient;
  let moderatorId: string;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    const user = await registerWithRole(api, Role.Moderator);
    moderator = apiClient(api.http, user);
    moderatorId = user.id;
  });
  afterAll(() => api.close());

  const member = () => verifiedMember(api);
  const post = async (author: Member, text = 'Hello gym') =>
    (await author.client.post('/feed', { text, visibility: 'public' }).expect(201)).body as Body;
  const comment = async (author: Member, activityId: string, text: string) =>
    (await author.client.post(`/feed/${activityId}/comments`, { text }).expect(201)).body as Body;
  const report = (reporter: Member, targetType: string, targetId: string, reason = 'harassment') =>
    reporter.client.post('/admin/content/report', { targetType, targetId, reason });
  const openReport = async (id: string): Promise<Body> => {
    const { body } = await moderator.get('/admin/content/reports', { status: 'open' }).expect(200);
    const found = (body.items as Body[]).find((r) => r.id === id);
    if (!found) throw new Error(`report ${id} is not in the open queue`);
    return found;
  };

  it('keeps what was reported as it was: the snapshot survives the edit and the deletion', async () => {
    const [author, commenter, reporter] = [await member(), await member(), await member()];
    const activity = await post(author);
    const insult = await comment(commenter, activity.id, 'You call that a squat?');
    const receipt = await report(reporter, 'comment', insult.id).expect(202);
    expect(receipt.body).toEqual({
      id: expect.any(String),
      status: 'open',
      createdAt: expect.any(String),
    });

    await commenter.client
      .put(`/feed/${activity.id}/comments/${insult.id}`, { text: 'Nice squat!' })
      .expect(200);
    const queued = await openReport(receipt.body.id);
    expect(queued).toMatchObject({
      targetType: 'comment',
      targetId: insult.id,
      targetOwner: { id: commenter.user.id, displayName: commenter.name },
      reporter: { id: reporter.user.id },
      reason: 'harassment',
      openReportsOfTarget: 1,
      status: 'open',
      resolution: null,
    });
    expect(queued.snapshot).toMatchObject({
      activityId: activity.id,
      text: 'You call that a squat?',
      authorName: commenter.name,
    });

    // Reporting the same thing twice answers the open report.
    const again = await report(reporter, 'comment', insult.id).expect(409);
    expect(again.body).toMatchObject({
      type: `${PROBLEM}already-reported`,
      reportId: receipt.body.id,
    });

    // Deleted by its author: the evidence stays.
    await commenter.client.delete(`/feed/${activity.id}/comments/${insult.id}`).expect(204);
    expect((await openReport(receipt.body.id)).snapshot).toMatchObject({
      text: 'You call that a squat?',
    });
  });

  it('remove_content deletes the comment and closes every open report of it, logged once', async () => {
    const [author, commenter, first, second] = [
      await member(),
      await member(),
      await member(),
      await member(),
    ];
    const activity = await post(author);
    const spam = await comment(commenter, activity.id, 'Buy followers at example.com');
    const a = (await report(first, 'comment', spam.id, 'spam').expect(202)).body as Body;
    const b = (await report(second, 'comment', spam.id, 'spam').expect(202)).body as Body;
    expect((await openReport(a.id)).openReportsOfTarget).toBe(2);

    const resolved = await moderator
      .put(`/admin/content/reports/${a.id}/resolve`, { action: 'remove_content', note: 'Spam.' })
      .expect(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: 'remove_content',
      resolutionNote: 'Spam.',
      resolvedById: moderatorId,
      openReportsOfTarget: 0,
    });
    const comments = await author.client.get(`/feed/${activity.id}/comments`).expect(200);
    expect(comments.body.items).toHaveLength(0);
    expect((await author.client.get(`/feed/${activity.id}`).expect(200)).body.commentCount).toBe(0);

    // The other report of the same comment went with it; resolving either again is a 409.
    const { body: resolvedPage } = await moderator
      .get('/admin/content/reports', { status: 'resolved', limit: 100 })
      .expect(200);
    const ids = (resolvedPage.items as Body[]).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    const twice = await moderator
      .put(`/admin/content/reports/${b.id}/resolve`, { action: 'dismiss' })
      .expect(409);
    expect(twice.body.type).toBe(`${PROBLEM}report-resolved`);

    const log = await moderator
      .get('/admin/content/moderation-log', { userId: commenter.user.id })
      .expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        moderatorId,
        action: 'remove_content',
        targetType: 'comment',
        targetId: spam.id,
        targetOwnerId: commenter.user.id,
        reportId: a.id,
        note: 'Spam.',
      }),
    ]);
    const events = (await publishedEventsOf(db, commenter.user.id)).filter(
      (e) => e.name === 'content.moderated',
    );
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ action: 'remove_content', targetId: spam.id }),
    ]);
  });

  it('a suspension stops community writes for its days, and the account still reads', async () => {
    const [offender, reporter] = [await member(), await member()];
    const activity = await post(offender, 'Rude post');
    const filed = (await report(reporter, 'activity', activity.id).expect(202)).body as Body;
    await moderator
      .put(`/admin/content/reports/${filed.id}/resolve`, { action: 'suspend', days: 3 })
      .expect(200);
    const [entry] = (
      await moderator.get('/admin/content/moderation-log', { userId: offender.user.id }).expect(200)
    ).body.items as Body[];
    const until = Date.parse(entry.restrictedUntil as string);
    expect(until - Date.now()).toBeGreaterThan(3 * 86_400_000 - 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(3 * 86_400_000);

    const refused = await offender.client.post('/feed', { text: 'Again' }).expect(403);
    expect(refused.body.type).toBe(`${PROBLEM}account-suspended`);
    await offender.client.post(`/feed/${activity.id}/like`).expect(403);
    await offender.client.post(`/feed/${activity.id}/comments`, { text: 'hi' }).expect(403);
    // Reading and the account's own data stay open; the activity itself was not removed.
    await offender.client.get('/feed').expect(200);
    await offender.client.get('/users/profile').expect(200);
    await offender.client.get(`/feed/${activity.id}`).expect(200);

    // The restriction lifts by itself once its time has passed.
    await db.query(
      `UPDATE users SET community_restricted_until = now() - interval '1 second' WHERE id = $1`,
      [offender.user.id],
    );
    await offender.client.post('/feed', { text: 'Back, and nicer' }).expect(201);
  });

  it('reports only what the reporter can see, never themselves, and validates', async () => {
    const [author, stranger] = [await member(), await member()];
    const privatePost = (
      await author.client.post('/feed', { text: 'Just me', visibility: 'only_me' }).expect(201)
    ).body as Body;
    await report(stranger, 'activity', privatePost.id).expect(404);
    await report(stranger, 'activity', NO_ID).expect(404);
    await report(stranger, 'comment', NO_ID).expect(404);
    await report(stranger, 'user', NO_ID).expect(404);
    const self = await report(stranger, 'user', stranger.user.id).expect(400);
    expect(self.body.errors[0].field).toBe('targetId');

    const invalid = await stranger.client
      .post('/admin/content/report', { targetType: 'post', targetId: 'x', reason: 'rude' })
      .expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'reason',
      'targetId',
      'targetType',
    ]);

    // A profile can be reported; its content cannot be "removed".
    const profile = (await report(stranger, 'user', author.user.id, 'impersonation').expect(202))
      .body as Body;
    expect((await openReport(profile.id)).snapshot).toMatchObject({ displayName: author.name });
    const notApplicable = await moderator
      .put(`/admin/content/reports/${profile.id}/resolve`, { action: 'remove_content' })
      .expect(422);
    expect(notApplicable.body.type).toBe(`${PROBLEM}action-not-applicable`);
    const noDays = await moderator
      .put(`/admin/content/reports/${profile.id}/resolve`, { action: 'suspend' })
      .expect(400);
    expect(noDays.body.errors[0].field).toBe('days');
    const strayDays = await moderator
      .put(`/admin/content/reports/${profile.id}/resolve`, { action: 'warn', days: 2 })
      .expect(400);
    expect(strayDays.body.errors[0].field).toBe('days');
    await moderator
      .put(`/admin/content/reports/${profile.id}/resolve`, { action: 'warn' })
      .expect(200);
  });

  it('needs a verified email to report, and a moderator or admin for the queue and the log', async () => {
    const unverified = await registerUser(api.http);
    const member = await verifiedMember(api);
    const activity = await post(member);
    await apiClient(api.http, unverified)
      .post('/admin/content/report', {
        targetType: 'activity',
        targetId: activity.id,
        reason: 'spam',
      })
      .expect(403);
    await member.client.get('/admin/content/reports').expect(403);
    await member.client.get('/admin/content/moderation-log').expect(403);
    await member.client
      .put(`/admin/content/reports/${NO_ID}/resolve`, { action: 'dismiss' })
      .expect(403);
    await request(api.http).get('/api/v1/admin/content/reports').expect(401);
    await request(api.http)
      .post('/api/v1/admin/content/report')
      .send({ targetType: 'activity', targetId: activity.id, reason: 'spam' })
      .expect(401);
    await moderator
      .put(`/admin/content/reports/${NO_ID}/resolve`, { action: 'dismiss' })
      .expect(404);
    await moderator.put('/admin/content/reports/nope/resolve', { action: 'dismiss' }).expect(400);
    const admin = apiClient(api.http, await registerWithRole(api, Role.Admin));
    await admin.get('/admin/content/reports').expect(200);
  });

  it('keeps the moderation log append-only', async () => {
    const [author, reporter] = [await member(), await member()];
    const activity = await post(author);
    const filed = (await report(reporter, 'activity', activity.id).expect(202)).body as Body;
    await moderator
      .put(`/admin/content/reports/${filed.id}/resolve`, { action: 'warn' })
      .expect(200);
    await expect(
      db.query(`UPDATE moderation_log SET note = 'rewritten' WHERE report_id = $1`, [filed.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.query(`DELETE FROM moderation_log WHERE report_id = $1`, [filed.id]),
    ).rejects.toThrow(/append-only/);
  });
});
