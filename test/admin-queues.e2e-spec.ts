import { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '../src/config/app-config';
import { MailMessage, MailTransport, SentMail } from '../src/infrastructure/mail/mail-transport';
import { PermanentJobError } from '../src/infrastructure/queues/permanent-job-error';
import { apiClient } from './support/api-client';
import {
  eventually,
  registerAdmin,
  registerUser,
  startApi,
  startWorker,
  TestApi,
  testConfig,
  TestUser,
} from './support/test-app';

/** Refuses everything until `accept` is set, like a mail server with a bad configuration. */
class SwitchableTransport extends MailTransport {
  accept = false;
  readonly sent: MailMessage[] = [];

  async send(message: MailMessage): Promise<SentMail> {
    if (!this.accept) throw new PermanentJobError('SMTP 550: relay not permitted');
    this.sent.push(message);
    return { messageId: `<${this.sent.length}@test>` };
  }
}

describe('admin: queues and dead letters (e2e)', () => {
  let config: AppConfig;
  let api: TestApi;
  let transport: SwitchableTransport;
  let admin: TestUser;

  // The starts are kept as promises: when a slow machine makes beforeAll time out, afterAll
  // still closes what finishes starting afterwards (else its Redis clients and queue
  // processors keep the Jest worker alive: "a worker process has failed to exit gracefully").
  let starting: Promise<[TestApi, INestApplicationContext]> | undefined;
  beforeAll(async () => {
    config = testConfig();
    transport = new SwitchableTransport();
    starting = Promise.all([startApi(config), startWorker(config, { mailTransport: transport })]);
    [api] = await starting;
    admin = await registerAdmin(api);
  }, 60_000);
  afterAll(async () => {
    const started = await starting?.catch(() => undefined);
    await started?.[1].close();
    await started?.[0].close();
  });

  const asAdmin = () => apiClient(api.http, admin);

  it('lists failed jobs with their reason and redrives one to success', async () => {
    const user = await registerUser(api.http);
    const failedPage = await eventually(async () => {
      const res = await asAdmin().get('/admin/queues/accounts/failed').expect(200);
      const job = res.body.items.find(
        (j: { data: { userId?: string } }) => j.data.userId === user.id,
      );
      return job ? res.body : undefined;
    });
    const job = failedPage.items.find(
      (j: { data: { userId?: string } }) => j.data.userId === user.id,
    );
    expect(job).toMatchObject({
      name: 'send-verification-email',
      failedReason: 'SMTP 550: relay not permitted',
      attemptsMade: 1,
    });
    expect(failedPage.meta.total).toBeGreaterThanOrEqual(1);

    const queues = await asAdmin().get('/admin/queues').expect(200);
    expect(queues.body.items.map((q: { name: string }) => q.name)).toEqual([
      'emails',
      'accounts',
      'summaries',
      'domain-events',
      'notifications',
      'maintenance',
      'ai-coach',
      'challenges',
      'leaderboards',
      'recommendations',
      'account-deletion',
      'data-rights',
      'reports',
    ]);
    expect(
      queues.body.items.find((q: { name: string }) => q.name === 'accounts').failed,
    ).toBeGreaterThanOrEqual(1);

    transport.accept = true;
    await asAdmin().post(`/admin/queues/accounts/failed/${job.id}/retry`).expect(202);
    await eventually(async () =>
      transport.sent.some((m) => m.to === user.email) ? true : undefined,
    );
    await asAdmin().post(`/admin/queues/accounts/failed/${job.id}/retry`).expect(404);
  });

  it('validates the queue name and is for admins only', async () => {
    const res = await asAdmin().get('/admin/queues/nope/failed').expect(400);
    expect(res.body.errors[0].field).toBe('queue');
    const user = await registerUser(api.http);
    await apiClient(api.http, user).get('/admin/queues').expect(403);
  });
});
