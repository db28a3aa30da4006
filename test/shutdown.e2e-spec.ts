import { AddressInfo } from 'node:net';
import { eventually, startApi, uniqueEmail } from './support/test-app';

describe('graceful shutdown of the API (e2e)', () => {
  it('finishes the requests in flight when it is closed', async () => {
    const api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    const server = api.app.getHttpServer();
    const { port } = server.address() as AddressInfo;
    let received = 0;
    server.on('request', () => (received += 1));

    // Registrations take a password hash and several queries: they are still running
    // when close() starts. (A connection that has not sent its request yet is dropped by
    // close(); that request never started, so the client may retry it.)
    const inFlight = Array.from({ length: 8 }, () =>
      fetch(`http://127.0.0.1:${port}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ email: uniqueEmail('shutdown'), password: 'correct horse battery' }),
      }).then((res) => res.status),
    );
    await eventually(async () => (received === 8 ? true : undefined), 5_000, 1);
    const closed = api.close();

    expect(await Promise.all(inFlight)).toEqual(Array(8).fill(201));
    await closed;
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  });
});
