import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UsersService } from '../../src/modules/users/users.service';
import { ApiClient, apiClient } from './api-client';
import { registerUser, TestApi, TestUser } from './test-app';

/** A name no other test's user has: searches and suggestions in a shared database stay exact. */
export function uniqueName(prefix = 'Member'): string {
  return `${prefix} ${randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

export interface Member {
  user: TestUser;
  client: ApiClient;
  name: string;
}

/**
 * A fresh account with a verified email (community writes need one), signed in again so its
 * access token carries the claim.
 */
export async function verifiedMember(api: TestApi, name = uniqueName()): Promise<Member> {
  const user = await registerUser(api.http, { displayName: name });
  await api.app.get(UsersService).markEmailVerified(user.id);
  const login = await request(api.http)
    .post('/api/v1/auth/login')
    .send({ email: user.email, password: user.password })
    .expect(200);
  const signedIn = { ...user, accessToken: login.body.accessToken };
  return { user: signedIn, client: apiClient(api.http, signedIn), name };
}

/** `count` verified members, registered a few at a time (each costs password hashes). */
export async function verifiedMembers(api: TestApi, count: number): Promise<Member[]> {
  const members: Member[] = [];
  while (members.length < count) {
    const batch = Math.min(8, count - members.length);
    members.push(...(await Promise.all(Array.from({ length: batch }, () => verifiedMember(api)))));
  }
  return members;
}

/** Makes `a` and `b` friends through the API (a asks, b accepts). */
export async function befriend(a: Member, b: Member): Promise<void> {
  await a.client.post('/users/friends/request', { userId: b.user.id }).expect(200);
  const accepted = await b.client
    .put(`/users/friends/${a.user.id}`, { action: 'accept' })
    .expect(200);
  if (accepted.body.status !== 'friends') throw new Error('not friends after accepting');
}

/** Accounts that exist and nothing more (targets of requests), straight into PostgreSQL. */
export async function bareAccounts(db: DataSource, count: number): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `INSERT INTO users (email, display_name)
     SELECT 'bare-' || gen_random_uuid() || '@test.fitai.dev', 'Bare ' || n
       FROM generate_series(1, $1) AS n
     RETURNING id`,
    [count],
  );
  return rows.map((row) => row.id);
}
