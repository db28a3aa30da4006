import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { simpleParser } from 'mailparser';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { RequestContext } from '../src/common/http/request-context';
import { AppConfig } from '../src/config/app-config';
import { MailMessage, MailTransport, SentMail } from '../src/infrastructure/mail/mail-transport';
import { JobHandlerRegistry } from '../src/infrastructure/queues/job-handler-registry';
import { JobQueue } from '../src/infrastructure/queues/job-queue.service';
import { PermanentJobError } from '../src/infrastructure/queues/permanent-job-error';
import { ALL_JOB_NAMES, QueueName } from '../src/infrastructure/queues/job-registry';
import { EmailsService } from '../src/modules/emails/emails.service';
import {
  eventually,
  registerUser,
  startApi,
  startWorker,
  TestApi,
  testConfig,
  uniqueEmail,
} from './support/test-app';

/** A transport double that records what it is asked to send and can fail or stall on demand. */
class RecordingTransport extends MailTransport {
  readonly sent: { message: MailMessage; requestId?: string }[] = [];
  failuresLeft = 0;
  delayMs = 0;
  permanentFailure = false;
  permanentError?: Error;

  async send(message: MailMessage): Promise<SentMail> {
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.permanentError) throw this.permanentError;
    if (this.permanentFailure) throw new Error('550 mailbox unavailable');
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('421 try again later');
    }
    this.sent.push({ message, requestId: RequestContext.requestId() });
    return { messageId: `<${this.sent.length}@test>` };
  }
}

async function deliveriesFor(api: TestApi, userId: string): Promise<number> {
  const [{ count }] = await api.app
    .get(DataSource)
    .query('SELECT count(*)::int AS count FROM email_deliveries WHERE user_id = $1', [userId]);
  return count as number;
}

describe('email delivery with the real worker (e2e)', () => {
  describe('with the development .eml transport', () => {
    let config: AppConfig;
    let api: TestApi;
    let worker: INestApplicationContext;

    beforeAll(async () => {
      config = testConfig();
      api = await startApi(config);
      worker = await startWorker(config);
    });
    afterAll(async () => {
      await worker.close();
      await api.close();
    });

    it('registers every job name with exactly one processor', () => {
      const handled = worker.get(JobHandlerRegistry).discoverHandledJobs();
      expect(handled.map((h) => h.job).sort()).toEqual([...ALL_JOB_NAMES].sort());
    });

    it('sends the verification email of a registration through the worker and writes its .eml file', async () => {
      const user = await registerUser(api.http, { displayName: 'Grace <script>' });
      const mail = await eventually(async () => {
        const files = await readdir(config.mail.dir).catch(() => []);
        for (const name of files) {
          const parsed = await simpleParser(await readFile(join(config.mail.dir, name)));
          if (JSON.stringify(parsed.to ?? '').includes(user.email)) return parsed;
        }
        return undefined;
      });
      expect(mail.subject).toBe('Confirm your email for FitAI');
      expect(mail.from?.value).toEqual([{ name: 'FitAI', address: 'no-reply@fitai.local' }]);
      expect(mail.text).toMatch(
        /http:\/\/localhost:3000\/api\/v1\/auth\/verify-email\?token=[\w-]{43}/,
      );
      expect(mail.html).toContain('Confirm your email, Grace &lt;script&gt;');
      expect(mail.html).not.toContain('Grace <script>');
      expect(
        await eventually(async () =>
          (await deliveriesFor(api, user.id)) === 1 ? true : undefined,
        ),
      ).toBe(true);
    });
  });

  describe('with a transport double', () => {
    let config: AppConfig;
    let api: TestApi;
    let worker: INestApplicationContext;
    let transport: RecordingTransport;

    beforeEach(async () => {
      config = testConfig({ JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '20' });
      transport = new RecordingTransport();
      api = await startApi(config);
      worker = await startWorker(config, { mailTransport: transport });
    });
    afterEach(async () => {
      await worker.close();
      await api.close();
    });

    it('carries the request id from the API into the worker', async () => {
      const res = await request(api.http)
        .post('/api/v1/auth/register')
        .set('x-request-id', 'trace-register-42')
        .send({ email: uniqueEmail(), password: 'correct horse battery' })
        .expect(201);
      const sent = await eventually(async () =>
        transport.sent.find((s) => s.message.to === res.body.user.email),
      );
      expect(sent.requestId).toBe('trace-register-42');
    });

    it('is idempotent: processing the same welcome email again sends nothing', async () => {
      const user = await registerUser(api.http);
      await eventually(async () => ((await deliveriesFor(api, user.id)) === 1 ? true : undefined));
      const emails = worker.get(EmailsService);
      await expect(emails.deliverWelcome(user.id)).resolves.toBe('sent');
      await expect(emails.deliverWelcome(user.id)).resolves.toBe('skipped');
      const welcomes = transport.sent.filter(
        (s) => s.message.subject === 'Welcome to FitAI' && s.message.to === user.email,
      );
      expect(welcomes).toHaveLength(1);
      expect(await deliveriesFor(api, user.id)).toBe(2); // verification + welcome
    });

    it('retries a transient failure with backoff and then delivers', async () => {
      transport.failuresLeft = 2;
      const user = await registerUser(api.http);
      // The sign-up's email gets through after the two refused attempts, recorded once; the
      // record follows the send, so it is polled rather than read when the send is seen.
      await eventually(async () => ((await deliveriesFor(api, user.id)) === 1 ? true : undefined));
      expect(transport.failuresLeft).toBe(0);
      expect(transport.sent.filter((s) => s.message.to === user.email)).toHaveLength(1);
    });

    it('keeps a job that failed every attempt in the dead-letter (failed) set with its reason', async () => {
      transport.permanentFailure = true;
      const user = await registerUser(api.http);
      const queue = api.app.get(JobQueue).queue(QueueName.Accounts);
      const failed = await eventually(async () => {
        const jobs = await queue.getFailed();
        return jobs.find((job) => job.data.userId === user.id && job.attemptsMade === 3);
      });
      expect(failed.failedReason).toBe('550 mailbox unavailable');
      expect(await deliveriesFor(api, user.id)).toBe(0);
    });

    it('does not retry a permanent failure: one attempt, then the dead-letter set', async () => {
      transport.permanentError = new PermanentJobError('SMTP 550: no such mailbox');
      const user = await registerUser(api.http);
      const queue = api.app.get(JobQueue).queue(QueueName.Accounts);
      const failed = await eventually(async () =>
        (await queue.getFailed()).find((job) => job.data.userId === user.id),
      );
      expect(failed.attemptsMade).toBe(1);
      expect(failed.failedReason).toBe('SMTP 550: no such mailbox');
    });

    it('finishes the job in progress when the worker shuts down', async () => {
      transport.delayMs = 1_000;
      const user = await registerUser(api.http);
      const queue = api.app.get(JobQueue).queue(QueueName.Accounts);
      await eventually(async () => ((await queue.getActiveCount()) === 1 ? true : undefined));

      await worker.close();

      expect(transport.sent.map((s) => s.message.to)).toContain(user.email);
      expect(await deliveriesFor(api, user.id)).toBe(1);
      // Restart so afterEach can close a live context.
      worker = await startWorker(config, { mailTransport: transport });
    });
  });
});
