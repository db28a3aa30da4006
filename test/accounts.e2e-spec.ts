import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { AppConfig } from '../src/config/app-config';
import { JobQueue } from '../src/infrastructure/queues/job-queue.service';
import { QueueName } from '../src/infrastructure/queues/job-registry';
import { UsersService } from '../src/modules/users/users.service';
import {
  eventually,
  registerUser,
  startApi,
  startWorker,
  TestApi,
  testConfig,
  uniqueEmail,
} from './support/test-app';
import { jobsSettled } from './support/queues';
import { SmtpTestServer, tokenFrom } from './support/smtp-test-server';

const VERIFY = /^Confirm your email/;
const RESET = /^Reset your FitAI password/;
const CHANGED = /^Your FitAI password was changed/;

describe('accounts over real SMTP with the real worker (e2e)', () => {
  let smtp: SmtpTestServer;
  let config: AppConfig;
  let api: TestApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    smtp = new SmtpTestServer();
    const smtpUrl = await smtp.start();
    config = testConfig({
      SMTP_URL: smtpUrl,
      JOB_ATTEMPTS: '3',
      JOB_BACKOFF_MS: '50',
      ACCOUNT_EMAILS_PER_HOUR: '3',
    });
    api = await startApi(config);
    worker = await startWorker(config);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.stop();
  });

  const profile = (accessToken: string) =>
    request(api.http).get('/api/v1/users/profile').auth(accessToken, { type: 'bearer' });

  it('sends a verification link that verifies the account once, then the welcome email', async () => {
    const user = await registerUser(api.http);
    expect((await profile(user.accessToken).expect(200)).body.emailVerified).toBe(false);

    const mail = await smtp.waitFor(user.email, VERIFY);
    const link = new URL(mail.text!.match(/https?:\/\/\S+verify-email\?token=[\w-]+/)![0]);
    expect(link.pathname).toBe('/api/v1/auth/verify-email');

    await request(api.http)
      .get(link.pathname)
      .query({ token: link.searchParams.get('token') })
      .expect(200, { emailVerified: true });
    const again = await request(api.http)
      .get(link.pathname)
      .query({ token: link.searchParams.get('token') })
      .expect(400);
    expect(again.body.type).toBe('urn:fitai:problem:invalid-token');

    expect((await profile(user.accessToken).expect(200)).body.emailVerified).toBe(true);
    await smtp.waitFor(user.email, /^Welcome to FitAI/);
    // The new state reaches the token at the next refresh.
    const refreshed = await request(api.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    const [, payload] = refreshed.body.accessToken.split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString()).ev).toBe(true);
  });

  it('resends the verification email, answering the same for unknown addresses', async () => {
    const user = await registerUser(api.http);
    await smtp.waitFor(user.email, VERIFY);
    const known = await request(api.http)
      .post('/api/v1/auth/resend-verification')
      .send({ email: user.email })
      .expect(202);
    const unknown = await request(api.http)
      .post('/api/v1/auth/resend-verification')
      .send({ email: uniqueEmail('nobody') })
      .expect(202);
    expect(known.body).toEqual(unknown.body);
    await eventually(async () => (smtp.count(user.email, VERIFY) === 2 ? true : undefined));
  });

  it('resets a password once with the emailed token, ends every session, and confirms by email', async () => {
    const user = await registerUser(api.http);
    const known = await request(api.http)
      .post('/api/v1/auth/forgot-password')
      .send({ email: user.email.toUpperCase() })
      .expect(202);
    const unknown = await request(api.http)
      .post('/api/v1/auth/forgot-password')
      .send({ email: uniqueEmail('nobody') })
      .expect(202);
    expect(known.body).toEqual(unknown.body);
    expect(known.body).toEqual({
      message: 'If an account exists for this address, an email is on its way.',
    });

    const mail = await smtp.waitFor(user.email, RESET);
    expect(mail.text).toContain('http://localhost:5173/reset-password?token=');
    const token = tokenFrom(mail);

    await request(api.http)
      .post('/api/v1/auth/reset-password')
      .send({ token, newPassword: 'a brand new passphrase' })
      .expect(204);
    const reuse = await request(api.http)
      .post('/api/v1/auth/reset-password')
      .send({ token, newPassword: 'yet another passphrase' })
      .expect(400);
    expect(reuse.body.type).toBe('urn:fitai:problem:invalid-token');

    await request(api.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(401);
    await profile(user.accessToken).expect(401);
    await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(401);
    const login = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'a brand new passphrase' })
      .expect(200);
    expect(login.body.user.emailVerified).toBe(true);
    await smtp.waitFor(user.email, CHANGED);
  });

  it('lets an account without a password (social sign-in) set one through the reset', async () => {
    const email = uniqueEmail('social');
    await api.app.get(UsersService).createVerified({ email, displayName: 'Social' });
    await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email, password: 'whatever123' })
      .expect(401);
    await request(api.http).post('/api/v1/auth/forgot-password').send({ email }).expect(202);
    const token = tokenFrom(await smtp.waitFor(email, RESET));
    await request(api.http)
      .post('/api/v1/auth/reset-password')
      .send({ token, newPassword: 'my first password' })
      .expect(204);
    await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email, password: 'my first password' })
      .expect(200);
  });

  it('only the newest reset link works, and reset emails are capped per address', async () => {
    const user = await registerUser(api.http);
    for (let i = 0; i < 4; i += 1) {
      await request(api.http)
        .post('/api/v1/auth/forgot-password')
        .send({ email: user.email })
        .expect(202);
    }
    await eventually(async () => (smtp.count(user.email, RESET) === 3 ? true : undefined));
    const tokens = smtp.received
      .filter((m) => JSON.stringify(m.to).includes(user.email) && RESET.test(m.subject ?? ''))
      .map(tokenFrom);
    // Once the worker has processed the fourth (capped) request too: still three.
    await jobsSettled(api.app, QueueName.Accounts);
    expect(smtp.count(user.email, RESET)).toBe(3);
    await request(api.http)
      .post('/api/v1/auth/reset-password')
      .send({ token: tokens[0], newPassword: 'older link here' })
      .expect(400);
  });

  it('dead-letters a message the SMTP server refuses, with its reason, without retrying', async () => {
    const email = uniqueEmail('refused');
    smtp.refuse(email, 550);
    const user = await registerUser(api.http, { email });
    const queue = api.app.get(JobQueue).queue(QueueName.Accounts);
    const failed = await eventually(async () =>
      (await queue.getFailed()).find((job) => job.data.userId === user.id),
    );
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/^SMTP 550: .*mailbox unavailable/);
  });

  it('retries a transient SMTP failure and delivers', async () => {
    smtp.failNext(1);
    const user = await registerUser(api.http);
    await smtp.waitFor(user.email, VERIFY);
    expect(smtp.count(user.email, VERIFY)).toBe(1);
  });

  it('changes the password with the current one, keeping this session and ending the others', async () => {
    const user = await registerUser(api.http);
    const other = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);

    const wrong = await request(api.http)
      .post('/api/v1/auth/change-password')
      .auth(user.accessToken, { type: 'bearer' })
      .send({ currentPassword: 'not it at all', newPassword: 'another fine passphrase' })
      .expect(400);
    expect(wrong.body.errors[0].field).toBe('currentPassword');

    await request(api.http)
      .post('/api/v1/auth/change-password')
      .auth(user.accessToken, { type: 'bearer' })
      .send({ currentPassword: user.password, newPassword: 'another fine passphrase' })
      .expect(204);
    await profile(user.accessToken).expect(200);
    await profile(other.body.accessToken).expect(401);
    await request(api.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: other.body.refreshToken })
      .expect(401);
    await smtp.waitFor(user.email, CHANGED);
  });

  it('lists the sessions and signs one out', async () => {
    const user = await registerUser(api.http);
    const phone = await request(api.http)
      .post('/api/v1/auth/login')
      .set('user-agent', 'FitAI/2.3 (iPhone)')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const list = await request(api.http)
      .get('/api/v1/auth/sessions')
      .auth(user.accessToken, { type: 'bearer' })
      .expect(200);
    expect(list.body.meta.total).toBe(2);
    const current = list.body.items.find((s: { current: boolean }) => s.current);
    const phoneSession = list.body.items.find(
      (s: { userAgent: string }) => s.userAgent === 'FitAI/2.3 (iPhone)',
    );
    expect(current).toBeDefined();
    expect(phoneSession.current).toBe(false);

    await request(api.http)
      .delete(`/api/v1/auth/sessions/${phoneSession.id}`)
      .auth(user.accessToken, { type: 'bearer' })
      .expect(204);
    await profile(phone.body.accessToken).expect(401);
    const after = await request(api.http)
      .get('/api/v1/auth/sessions')
      .auth(user.accessToken, { type: 'bearer' })
      .expect(200);
    expect(after.body.items.map((s: { id: string }) => s.id)).toEqual([current.id]);

    const stranger = await registerUser(api.http);
    await request(api.http)
      .delete(`/api/v1/auth/sessions/${current.id}`)
      .auth(stranger.accessToken, { type: 'bearer' })
      .expect(404);
  });
});
