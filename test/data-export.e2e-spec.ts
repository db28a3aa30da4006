import { INestApplicationContext } from '@nestjs/common';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  EXCLUDED_USER_COLUMNS,
  EXPORT_REGISTRY,
} from '../src/modules/data-rights/export/export-registry';
import { buildExportSchemas } from '../src/modules/data-rights/export/export-schema';
import { apiClient, ApiClient } from './support/api-client';
import { Storage } from '../src/infrastructure/storage/storage';
import { seedEveryArea } from './support/data-rights';
import { SmtpTestServer } from './support/smtp-test-server';
import {
  eventually,
  registerUser,
  startApi,
  startWorker,
  TestApi,
  testConfig,
} from './support/test-app';
import { binaryParser, unzip } from './support/zip';

const SCHEMA_DIR = join(__dirname, '..', 'docs', 'export', 'schemas');
const LINK_TTL_SECONDS = 3;

/**
 * Each exported file's rows of the user, counted by hand here (not with the registry's own
 * conditions), so a wrong condition in the registry fails the comparison.
 */
const COUNTS: Record<string, string> = {
  profile: 'SELECT count(*) FROM users WHERE id = $1',
  'sign-in-identities': 'SELECT count(*) FROM user_identities WHERE user_id = $1',
  'email-deliveries': 'SELECT count(*) FROM email_deliveries WHERE user_id = $1',
  'journal-entries': 'SELECT count(*) FROM entries WHERE user_id = $1',
  summaries: 'SELECT count(*) FROM summaries WHERE user_id = $1',
  'custom-exercises': 'SELECT count(*) FROM exercises WHERE created_by_id = $1',
  'exercise-ratings': 'SELECT count(*) FROM exercise_ratings WHERE user_id = $1',
  templates: 'SELECT count(*) FROM templates WHERE owner_id = $1',
  'template-days':
    'SELECT count(*) FROM template_days d JOIN templates t ON t.id = d.template_id WHERE t.owner_id = $1',
  'template-exercises':
    'SELECT count(*) FROM template_exercises e JOIN template_days d ON d.id = e.day_id JOIN templates t ON t.id = d.template_id WHERE t.owner_id = $1',
  'template-sets':
    'SELECT count(*) FROM template_sets s JOIN template_exercises e ON e.id = s.template_exercise_id JOIN template_days d ON d.id = e.day_id JOIN templates t ON t.id = d.template_id WHERE t.owner_id = $1',
  'template-favorites': 'SELECT count(*) FROM template_favorites WHERE user_id = $1',
  'template-ratings': 'SELECT count(*) FROM template_ratings WHERE user_id = $1',
  'template-optimizations': 'SELECT count(*) FROM template_optimizations WHERE user_id = $1',
  'plan-generations': 'SELECT count(*) FROM plan_generations WHERE user_id = $1',
  workouts: 'SELECT count(*) FROM workouts WHERE user_id = $1',
  'workout-exercises':
    'SELECT count(*) FROM workout_exercises e JOIN workouts w ON w.id = e.workout_id WHERE w.user_id = $1',
  'workout-sets':
    'SELECT count(*) FROM workout_sets s JOIN workouts w ON w.id = s.workout_id WHERE w.user_id = $1',
  'personal-records': 'SELECT count(*) FROM personal_records WHERE user_id = $1',
  'body-metrics': 'SELECT count(*) FROM body_metrics WHERE user_id = $1',
  goals: 'SELECT count(*) FROM goals WHERE user_id = $1',
  'goal-milestones':
    'SELECT count(*) FROM goal_milestones m JOIN goals g ON g.id = m.goal_id WHERE g.user_id = $1',
  activities: 'SELECT count(*) FROM activities WHERE user_id = $1',
  comments: 'SELECT count(*) FROM activity_comments WHERE user_id = $1',
  likes: 'SELECT count(*) FROM activity_likes WHERE user_id = $1',
  friendships: 'SELECT count(*) FROM friendships WHERE user_id = $1',
  'friend-requests':
    'SELECT count(*) FROM friend_requests WHERE $1 IN (requester_id, addressee_id)',
  blocks: 'SELECT count(*) FROM user_blocks WHERE blocker_id = $1',
  'content-reports': 'SELECT count(*) FROM content_reports WHERE reporter_id = $1',
  notifications: 'SELECT count(*) FROM notifications WHERE user_id = $1',
  'notification-preferences': 'SELECT count(*) FROM notification_preferences WHERE user_id = $1',
  'ai-usage': 'SELECT count(*) FROM ai_usage WHERE user_id = $1',
  challenges:
    'SELECT count(DISTINCT c.id) FROM challenges c LEFT JOIN challenge_participants p ON p.challenge_id = c.id WHERE c.creator_id = $1 OR p.user_id = $1',
  'challenge-participations': 'SELECT count(*) FROM challenge_participants WHERE user_id = $1',
  'challenge-invitations': 'SELECT count(*) FROM challenge_invitations WHERE user_id = $1',
  'leaderboard-entries': 'SELECT count(*) FROM leaderboard_entries WHERE user_id = $1',
  'data-exports': 'SELECT count(*) FROM data_exports WHERE user_id = $1',
  'data-imports': 'SELECT count(*) FROM data_imports WHERE user_id = $1',
  reports: 'SELECT count(*) FROM reports WHERE user_id = $1',
  'report-schedules': 'SELECT count(*) FROM report_schedules WHERE user_id = $1',
  'ai-chat-conversations': 'SELECT count(*) FROM chat_conversations WHERE user_id = $1',
  'ai-chat-messages': 'SELECT count(*) FROM chat_messages WHERE user_id = $1',
  recommendations: 'SELECT count(*) FROM recommendations WHERE user_id = $1',
  'recommendation-preferences':
    'SELECT count(*) FROM recommendation_preferences WHERE user_id = $1',
  'account-deletions': 'SELECT count(*) FROM account_deletions WHERE user_id = $1',
};

interface ExportStatus {
  id: string;
  status: string;
  progressPct: number;
  downloadUrl: string | null;
  downloadExpiresAt: string | null;
  rowCounts: Record<string, number> | null;
}

async function finishedExport(client: ApiClient, id: string): Promise<ExportStatus> {
  return eventually(async () => {
    const res = await client.get(`/users/data-export/${id}`).expect(200);
    return ['completed', 'failed'].includes(res.body.status)
      ? (res.body as ExportStatus)
      : undefined;
  }, 60_000);
}

/** The path of a download URL (the API is served by supertest, not at APP_URL). */
const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

describe('Data export (e2e)', () => {
  const smtp = new SmtpTestServer();
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    const config = testConfig({
      SMTP_URL: await smtp.start(),
      DATA_EXPORT_LINK_TTL_SECONDS: String(LINK_TTL_SECONDS),
      NOTIFICATION_EMAIL_DELAY_SECONDS: '0',
      OUTBOX_POLL_MS: '200',
    });
    api = await startApi(config);
    worker = await startWorker(config);
    db = api.app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp.stop();
  });

  it('exports every row of a user with data in every area, valid against the published schema', async () => {
    const user = await registerUser(api.http);
    const other = await registerUser(api.http);
    const client = apiClient(api.http, user);
    const image = await sharp({
      create: { width: 96, height: 96, channels: 3, background: '#c33' },
    })
      .png()
      .toBuffer();
    await request(api.http)
      .post('/api/v1/users/upload-avatar')
      .auth(user.accessToken, { type: 'bearer' })
      .attach('file', image, 'me.png')
      .expect(200);
    await seedEveryArea(db, user.id, other.id);
    // The seeded report's PDF, where the reports module stores it.
    const pdf = Buffer.from('%PDF-1.7 seeded report');
    await worker.get(Storage).put(`reports/${user.id}/seeded.pdf`, pdf, {
      contentType: 'application/pdf',
    });

    // The welcome email's delivery is recorded asynchronously: let it land before counting.
    await eventually(async () => {
      const [{ n }] = await db.query(
        'SELECT count(*)::int AS n FROM email_deliveries WHERE user_id = $1',
        [user.id],
      );
      return n >= 2 ? true : undefined;
    }, 20_000);
    // Counted by hand before the export: its snapshot must hold exactly these rows (plus the
    // export's own row; the notification that it is ready comes after).
    const expected: Record<string, number> = {};
    for (const entry of EXPORT_REGISTRY) {
      const sql = COUNTS[entry.file];
      expect({ file: entry.file, hasCountQuery: Boolean(sql) }).toEqual({
        file: entry.file,
        hasCountQuery: true,
      });
      const [{ count }] = (await db.query(sql, [user.id])) as { count: string }[];
      expected[entry.file] = Number(count) + (entry.file === 'data-exports' ? 1 : 0);
    }

    const accepted = await client.get('/users/data-export').expect(202);
    expect(accepted.headers.location).toBe(`/api/v1/users/data-export/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ status: 'pending', progressPct: 0, downloadUrl: null });

    // At most one a day: the second is refused with when the next is allowed.
    const again = await client.get('/users/data-export').expect(429);
    expect(again.body.type).toMatch(/data-export-too-soon$/);
    const next = new Date(again.body.nextAllowedAt).getTime();
    expect(next).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(23 * 3600);

    const done = await finishedExport(client, accepted.body.id);
    expect(done).toMatchObject({ status: 'completed', progressPct: 100 });
    const zip = await request(api.http)
      .get(pathOf(done.downloadUrl!))
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = await unzip(zip.body as Buffer);

    // Every row of the user, table by table, counted independently.
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const actual: Record<string, number> = {};
    for (const entry of EXPORT_REGISTRY) {
      const rows = JSON.parse(files.get(`data/${entry.file}.json`)!.toString()) as unknown[];
      actual[entry.file] = rows.length;
      const schema = JSON.parse(
        readFileSync(join(SCHEMA_DIR, `${entry.file}.schema.json`), 'utf8'),
      );
      const validate = ajv.compile(schema);
      expect({ file: entry.file, valid: validate(rows), errors: validate.errors ?? null }).toEqual({
        file: entry.file,
        valid: true,
        errors: null,
      });
    }
    expect(actual).toEqual(expected);
    // "Data in every area": no exported file is empty for this user.
    expect(Object.entries(expected).filter(([, n]) => n === 0)).toEqual([]);
    const profile = JSON.parse(files.get('data/profile.json')!.toString());
    expect(profile[0]).not.toHaveProperty('password_hash');
    expect(profile[0]).toMatchObject({ id: user.id, bio: 'Lifter' });

    const manifest = JSON.parse(files.get('manifest.json')!.toString());
    const manifestSchema = JSON.parse(
      readFileSync(join(SCHEMA_DIR, 'manifest.schema.json'), 'utf8'),
    );
    expect(ajv.validate(manifestSchema, manifest)).toBe(true);
    expect(done.rowCounts!['data/workout-sets.json']).toBe(expected['workout-sets']);

    // CSV: one row per set, one per body reading.
    const sets = parse(files.get('csv/workouts.csv')!, { columns: true }) as Record<
      string,
      string
    >[];
    expect(sets).toHaveLength(expected['workout-sets']);
    expect(sets[0]).toMatchObject({ set_type: 'normal', completed: 'true' });
    expect(Number(sets[0].weight_kg)).toBeGreaterThan(0);
    const readings = parse(files.get('csv/body-metrics.csv')!, { columns: true }) as unknown[];
    expect(readings).toHaveLength(expected['body-metrics']);

    // The avatar files, byte for byte WebP.
    for (const size of ['small', 'medium', 'large']) {
      const file = files.get(`files/avatar-${size}.webp`);
      expect(file && (await sharp(file).metadata()).format).toBe('webp');
    }

    // The report's PDF, byte for byte.
    const [report] = await db.query('SELECT id FROM reports WHERE user_id = $1', [user.id]);
    expect(files.get(`files/reports/${report.id}.pdf`)?.toString()).toBe(pdf.toString());

    // The user is told: in-app and by email.
    const notification = await eventually(async () => {
      const list = await client.get('/notifications').expect(200);
      return (list.body.items as { type: string }[]).find(
        (n) => n.type === 'account.data-export-ready',
      );
    }, 20_000);
    expect(notification).toBeDefined();
    await smtp.waitFor(user.email, /data export is ready/i, 20_000);
  }, 120_000);

  it('hands out download links that expire, and refuses forged ones', async () => {
    const user = await registerUser(api.http);
    const client = apiClient(api.http, user);
    const accepted = await client.get('/users/data-export').expect(202);
    const done = await finishedExport(client, accepted.body.id);
    const path = pathOf(done.downloadUrl!);
    expect(new Date(done.downloadExpiresAt!).getTime()).toBeLessThanOrEqual(
      Date.now() + LINK_TTL_SECONDS * 1000 + 1000,
    );
    await request(api.http).get(path).expect(200);
    await request(api.http)
      .get(path.replace(/signature=./, 'signature=A'))
      .expect(404);
    const url = new URL(done.downloadUrl!);
    url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    await request(api.http)
      .get(url.pathname + url.search)
      .expect(404);
    // Once past its expiry the same link is gone (410); a fresh status read signs a new one.
    const expired = await eventually(
      async () => {
        const res = await request(api.http).get(path);
        return res.status === 410 ? res : undefined;
      },
      (LINK_TTL_SECONDS + 10) * 1000,
      250,
    );
    expect(expired.body.type).toMatch(/download-link-expired$/);
    const fresh = await client.get(`/users/data-export/${accepted.body.id}`).expect(200);
    await request(api.http).get(pathOf(fresh.body.downloadUrl)).expect(200);
    // Another user's export is not found.
    const stranger = apiClient(api.http, await registerUser(api.http));
    await stranger.get(`/users/data-export/${accepted.body.id}`).expect(404);
  }, 120_000);

  it('covers every table with a user reference: exported, or excluded with a reason', async () => {
    const columns: { ref: string }[] = await db.query(
      `SELECT DISTINCT kcu.table_name || '.' || kcu.column_name AS ref
         FROM information_schema.referential_constraints rc
         JOIN information_schema.key_column_usage kcu
           ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
         JOIN information_schema.constraint_column_usage ccu
           ON ccu.constraint_name = rc.unique_constraint_name AND ccu.constraint_schema = rc.unique_constraint_schema
        WHERE ccu.table_name = 'users' AND ccu.column_name = 'id' AND kcu.table_schema = current_schema()
       UNION
       SELECT table_name || '.' || column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_name LIKE '%user\\_id'
       ORDER BY 1`,
    );
    const covered = new Set(EXPORT_REGISTRY.flatMap((e) => e.covers.map((c) => `${e.table}.${c}`)));
    const uncovered = columns
      .map((c) => c.ref)
      .filter((ref) => !covered.has(ref) && !EXCLUDED_USER_COLUMNS[ref]);
    expect(uncovered).toEqual([]);
    expect(columns.length).toBeGreaterThan(30);
    for (const reason of Object.values(EXCLUDED_USER_COLUMNS))
      expect(reason.length).toBeGreaterThan(10);
  });

  it('publishes schemas that match the tables (regenerate with scripts/export-schemas.ts)', async () => {
    const schemas = await buildExportSchemas(db);
    const published = readdirSync(SCHEMA_DIR).sort();
    expect(published).toEqual(Object.keys(schemas).sort());
    for (const [name, schema] of Object.entries(schemas)) {
      expect(JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8'))).toEqual(schema);
    }
  });
});
