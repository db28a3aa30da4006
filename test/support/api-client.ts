import request from 'supertest';
import type { App } from 'supertest/types';
import { registerUser, TestUser } from './test-app';

/** Query string parameters as the specs send them. */
export type Query = Record<string, string | number | boolean>;

/**
 * One signed-in user, or one device of theirs: requests to paths below /api/v1 (`/goals`),
 * each carrying the access token. Bodies default to `{}`.
 */
export interface ApiClient {
  get(path: string, query?: Query): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body: object): request.Test;
  patch(path: string, body: object): request.Test;
  delete(path: string): request.Test;
}

export function apiClient(http: App, session: { accessToken: string }): ApiClient {
  const call = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) =>
    request(http)[method](`/api/v1${path}`).auth(session.accessToken, { type: 'bearer' });
  return {
    get: (path, query = {}) => call('get', path).query(query),
    post: (path, body = {}) => call('post', path).send(body),
    put: (path, body) => call('put', path).send(body),
    patch: (path, body) => call('patch', path).send(body),
    delete: (path) => call('delete', path),
  };
}

/** A fresh account, and a client signed in as it. */
export async function registerClient(http: App): Promise<{ user: TestUser; client: ApiClient }> {
  const user = await registerUser(http);
  return { user, client: apiClient(http, user) };
}
