import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { OAuth2Server } from 'oauth2-mock-server';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UsersService } from '../src/modules/users/users.service';
import { PROBLEM } from './support/problem';
import { registerUser, startApi, TestApi, testConfig, uniqueEmail } from './support/test-app';

/** APP_URL of the API: where the providers send the browser back (never actually dialled). */
const API_URL = 'http://api.fitai.test';
const WEB_REDIRECT = 'https://app.example.test/auth/done';

type Provider = 'google' | 'github';

interface GitHubAccount {
  user: { id: number; login: string; name: string | null; email: string | null };
  emails: { email: string; primary: boolean; verified: boolean; visibility: string | null }[];
}

/** A stand-in for api.github.com: `GET /user` and `GET /user/emails` behind a bearer token. */
function startGitHubApi(account: () => GitHubAccount): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
      return send(401, { message: 'Requires authentication' });
    }
    if (req.url === '/user') return send(200, account().user);
    if (req.url === '/user/emails') return send(200, account().emails);
    return send(404, { message: 'Not Found' });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('social sign-in (e2e)', () => {
  let oauthServer: OAuth2Server;
  let oauthUrl: string;
  let githubApi: Server;
  let api: TestApi;
  let googleUser: Record<string, unknown>;
  let githubAccount: GitHubAccount;

  beforeAll(async () => {
    oauthServer = new OAuth2Server();
    await oauthServer.issuer.keys.generate('RS256');
    await oauthServer.start(0, '127.0.0.1');
    oauthUrl = `http://127.0.0.1:${oauthServer.address().port}`;
    // Google's userinfo (OpenID Connect) for whoever "consents" next.
    oauthServer.service.on('beforeUserinfo', (response: { body: unknown }) => {
      response.body = googleUser;
    });
    githubApi = await startGitHubApi(() => githubAccount);
    const githubApiUrl = `http://127.0.0.1:${(githubApi.address() as AddressInfo).port}`;

    api = await startApi(
      testConfig({
        APP_URL: API_URL,
        OAUTH_REDIRECT_ALLOWLIST: 'https://app.example.test/auth,fitai://auth',
        GOOGLE_CLIENT_ID: 'test-client',
        GOOGLE_CLIENT_SECRET: 'test-secret',
        GOOGLE_AUTHORIZATION_URL: `${oauthUrl}/authorize`,
        GOOGLE_TOKEN_URL: `${oauthUrl}/token`,
        GOOGLE_USERINFO_URL: `${oauthUrl}/userinfo`,
        GITHUB_CLIENT_ID: 'gh-client',
        GITHUB_CLIENT_SECRET: 'gh-secret',
        // The mock server plays GitHub's authorization and token endpoints too.
        GITHUB_AUTHORIZATION_URL: `${oauthUrl}/authorize`,
        GITHUB_TOKEN_URL: `${oauthUrl}/token`,
        GITHUB_API_URL: githubApiUrl,
      }),
    );
  });

  afterAll(async () => {
    await api?.close();
    await oauthServer?.stop();
    await new Promise((resolve) => githubApi?.close(resolve));
  });

  /** `GET /auth/{provider}`: the 302 to the provider, with the state it carries. */
  async function start(
    provider: Provider,
    query: Record<string, string> = { redirect_uri: WEB_REDIRECT },
  ): Promise<{ authorize: URL; state: string }> {
    const res = await request(api.http).get(`/api/v1/auth/${provider}`).query(query).expect(302);
    const authorize = new URL(res.headers.location);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${oauthUrl}/authorize`);
    const state = authorize.searchParams.get('state');
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return { authorize, state: state! };
  }

  /** The user consents at the provider, which redirects the browser to the API's callback. */
  async function consent(authorize: URL): Promise<string> {
    const res = await request(oauthUrl)
      .get(authorize.pathname + authorize.search)
      .expect(302);
    const callback = new URL(res.headers.location);
    expect(callback.origin).toBe(API_URL);
    return callback.pathname + callback.search;
  }

  /** Start → provider → callback; returns where the API finally sends the browser. */
  async function signIn(
    provider: Provider,
    query?: Record<string, string>,
  ): Promise<{ location: URL; callbackPath: string }> {
    const { authorize } = await start(provider, query);
    const callbackPath = await consent(authorize);
    const res = await request(api.http).get(callbackPath).expect(302);
    expect(res.headers['cache-control']).toBe('no-store');
    return { location: new URL(res.headers.location), callbackPath };
  }

  function exchange(code: string, codeVerifier?: string) {
    return request(api.http)
      .post('/api/v1/auth/exchange')
      .send({ code, ...(codeVerifier ? { codeVerifier } : {}) });
  }

  /** Asserts the redirect carries a code (and nothing else), exchanges it, returns the tokens. */
  async function redeem(location: URL, base = WEB_REDIRECT) {
    expect(`${location.origin}${location.pathname}`).toBe(new URL(base).href);
    expect([...location.searchParams.keys()]).toEqual(['code']);
    const res = await exchange(location.searchParams.get('code')!).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
    // Tokens travel in the POST answer only, never in a URL.
    expect(location.href).not.toContain(res.body.accessToken);
    return res.body as { accessToken: string; refreshToken: string; user: { id: string } };
  }

  function profileOf(accessToken: string) {
    return request(api.http).get('/api/v1/users/profile').auth(accessToken, { type: 'bearer' });
  }

  function newGoogleUser(email = uniqueEmail('google'), verified: boolean | string = true) {
    googleUser = {
      sub: `g-${randomUUID()}`,
      email,
      email_verified: verified,
      name: 'Grace Hopper',
    };
    return googleUser;
  }

  describe('Google', () => {
    it('creates a verified account, and the one-time code works exactly once', async () => {
      const { email } = newGoogleUser(uniqueEmail('Grace'));
      const { authorize } = await start('google');
      expect(authorize.searchParams.get('client_id')).toBe('test-client');
      expect(authorize.searchParams.get('scope')).toBe('openid email profile');
      expect(authorize.searchParams.get('response_type')).toBe('code');
      expect(authorize.searchParams.get('redirect_uri')).toBe(
        `${API_URL}/api/v1/auth/google/callback`,
      );
      // Google adds parameters of its own to the callback; they are not validation errors.
      const res = await request(api.http)
        .get(`${await consent(authorize)}&authuser=0&prompt=consent&scope=email%20openid`)
        .expect(302);
      const location = new URL(res.headers.location);
      const code = location.searchParams.get('code')!;
      const tokens = await redeem(location);

      const profile = await profileOf(tokens.accessToken).expect(200);
      expect(profile.body).toMatchObject({
        email: (email as string).toLowerCase(),
        displayName: 'Grace Hopper',
        emailVerified: true,
      });

      const again = await exchange(code).expect(400);
      expect(again.headers['content-type']).toMatch(PROBLEM);
      expect(again.body).toMatchObject({ type: 'urn:fitai:problem:invalid-code', status: 400 });

      // Signing in again with the same Google account finds it by identity, even with a
      // changed email.
      googleUser = { ...googleUser, email: uniqueEmail('renamed') };
      const second = await redeem((await signIn('google')).location);
      expect(second.user.id).toBe(tokens.user.id);
    });

    it('links to an existing account whose email is verified', async () => {
      const existing = await registerUser(api.http);
      await api.app.get(UsersService).markEmailVerified(existing.id);
      newGoogleUser(existing.email.toUpperCase());

      const tokens = await redeem((await signIn('google')).location);
      expect(tokens.user.id).toBe(existing.id);
      // The password still works: linking added a way in, it replaced nothing.
      await request(api.http)
        .post('/api/v1/auth/login')
        .send({ email: existing.email, password: existing.password })
        .expect(200);
    });

    it('refuses to link to an account whose email is not verified', async () => {
      const existing = await registerUser(api.http);
      newGoogleUser(existing.email);
      const { location } = await signIn('google');
      expect(location.href).toBe(`${WEB_REDIRECT}?error=account_exists_unverified`);
    });

    it('refuses an email Google has not verified', async () => {
      newGoogleUser(uniqueEmail('unverified'), false);
      const { location } = await signIn('google');
      expect(location.href).toBe(`${WEB_REDIRECT}?error=email_unverified`);
    });

    it('sends a suspended account back with account_suspended', async () => {
      const { email } = newGoogleUser();
      await redeem((await signIn('google')).location);
      await api.app
        .get(DataSource)
        .query(`UPDATE users SET status = 'suspended' WHERE email = $1`, [email]);
      const { location } = await signIn('google');
      expect(location.href).toBe(`${WEB_REDIRECT}?error=account_suspended`);
    });

    it('lets a suspension whose end passed sign in, not one that ends tomorrow', async () => {
      const { email } = newGoogleUser();
      await redeem((await signIn('google')).location);
      // Set in the database: the worker's tick that tidies ended suspensions is not running.
      const suspend = (until: string) =>
        api.app
          .get(DataSource)
          .query(
            `UPDATE users SET status = 'suspended', suspended_until = now() + $2::interval WHERE email = $1`,
            [email, until],
          );
      await suspend('-1 day');
      await redeem((await signIn('google')).location);
      await suspend('1 day');
      const { location } = await signIn('google');
      expect(location.href).toBe(`${WEB_REDIRECT}?error=account_suspended`);
    });

    it('rejects a forged, missing or reused state with 400', async () => {
      newGoogleUser();
      const { authorize } = await start('google');
      const callbackPath = await consent(authorize);
      const forged = callbackPath.replace(
        /state=[^&]+/,
        `state=${randomBytes(32).toString('base64url')}`,
      );
      const missing = callbackPath.replace(/&?state=[^&]+/, '');

      for (const path of [forged, missing]) {
        const res = await request(api.http).get(path).expect(400);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body).toMatchObject({ type: 'urn:fitai:problem:invalid-state' });
      }
      // The genuine state still works once (a failed guess does not burn it)...
      await request(api.http).get(callbackPath).expect(302);
      // ...and only once.
      const reused = await request(api.http).get(callbackPath).expect(400);
      expect(reused.body).toMatchObject({ type: 'urn:fitai:problem:invalid-state' });
    });

    it("rejects GitHub's state on Google's callback", async () => {
      const { state } = await start('github');
      await request(api.http)
        .get('/api/v1/auth/google/callback')
        .query({ state, code: 'whatever' })
        .expect(400);
    });

    it('redirects back with access_denied when the user declines', async () => {
      const { state } = await start('google');
      const res = await request(api.http)
        .get('/api/v1/auth/google/callback')
        .query({ error: 'access_denied', state })
        .expect(302);
      expect(res.headers.location).toBe(`${WEB_REDIRECT}?error=access_denied`);
    });

    it('accepts only redirect URIs under the allowlist, defaulting to its first entry', async () => {
      for (const redirect of [
        'https://evil.example/auth',
        'https://app.example.test.evil.example/auth',
        'https://app.example.test/authz',
        'http://app.example.test/auth',
        'https://user@app.example.test/auth',
        'fitai://authority',
        'not a url',
      ]) {
        const res = await request(api.http)
          .get('/api/v1/auth/google')
          .query({ redirect_uri: redirect })
          .expect(400);
        expect(res.body).toMatchObject({ type: 'urn:fitai:problem:redirect-uri-not-allowed' });
      }

      newGoogleUser();
      const { location } = await signIn('google', {});
      await redeem(location, 'https://app.example.test/auth');
    });

    it('serves a mobile app on fitai://auth with a PKCE-bound code', async () => {
      newGoogleUser();
      const pkce = pkcePair();
      const query = { redirect_uri: 'fitai://auth', code_challenge: pkce.challenge };

      const first = (await signIn('google', query)).location;
      expect(first.protocol).toBe('fitai:');
      // Without (or with the wrong) verifier the code is refused and burnt.
      await exchange(first.searchParams.get('code')!).expect(400);
      await exchange(first.searchParams.get('code')!, pkce.verifier).expect(400);

      const second = (await signIn('google', query)).location;
      await exchange(second.searchParams.get('code')!, pkcePair().verifier).expect(400);

      const third = (await signIn('google', query)).location;
      const res = await exchange(third.searchParams.get('code')!, pkce.verifier).expect(200);
      expect(res.body.user).toMatchObject({ emailVerified: true });
    });
  });

  describe('GitHub', () => {
    function newGitHubAccount(email = uniqueEmail('octo'), verified = true): GitHubAccount {
      githubAccount = {
        user: { id: Math.floor(Math.random() * 1e9), login: 'octocat', name: null, email: null },
        emails: [
          {
            email: 'noreply@users.noreply.github.test',
            primary: false,
            verified: true,
            visibility: null,
          },
          { email, primary: true, verified, visibility: 'private' },
        ],
      };
      return githubAccount;
    }

    it('creates a verified account from the primary verified email', async () => {
      const account = newGitHubAccount();
      const { authorize } = await start('github');
      expect(authorize.searchParams.get('scope')).toBe('read:user,user:email');
      expect(authorize.searchParams.get('client_id')).toBe('gh-client');
      const res = await request(api.http)
        .get(await consent(authorize))
        .expect(302);
      const tokens = await redeem(new URL(res.headers.location));
      const profile = await profileOf(tokens.accessToken).expect(200);
      expect(profile.body).toMatchObject({
        email: account.emails[1].email.toLowerCase(),
        displayName: 'octocat',
        emailVerified: true,
      });
    });

    it('links to an existing verified account', async () => {
      const existing = await registerUser(api.http);
      await api.app.get(UsersService).markEmailVerified(existing.id);
      newGitHubAccount(existing.email);
      const tokens = await redeem((await signIn('github')).location);
      expect(tokens.user.id).toBe(existing.id);
    });

    it('refuses an unverified primary email', async () => {
      newGitHubAccount(uniqueEmail('octo'), false);
      const { location } = await signIn('github');
      expect(location.href).toBe(`${WEB_REDIRECT}?error=email_unverified`);
    });

    it('rejects a forged state', async () => {
      const res = await request(api.http)
        .get('/api/v1/auth/github/callback')
        .query({ code: 'abc', state: 'forged' })
        .expect(400);
      expect(res.body).toMatchObject({ type: 'urn:fitai:problem:invalid-state' });
    });
  });

  it('answers 404 when a provider is not configured', async () => {
    const bare = await startApi(testConfig());
    try {
      const res = await request(bare.http).get('/api/v1/auth/google').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({
        type: 'urn:fitai:problem:provider-not-configured',
        title: 'Provider not configured',
      });
    } finally {
      await bare.close();
    }
  });
});
