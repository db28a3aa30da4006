import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations.service';

const config = {
  auth: { accessTtlSeconds: 900, revocationsPollMs: 1_000 },
  queue: { prefix: 'test' },
} as AppConfig;

function revocationsWith(revokedSince: jest.Mock) {
  const tokens = {
    databaseNow: jest.fn().mockResolvedValue(new Date('2026-12-01T12:00:00Z')),
    revokedSince,
  };
  const redis = { publish: jest.fn().mockResolvedValue(1) };
  const revocations = new SessionRevocations(
    tokens as unknown as RefreshTokensRepository,
    redis as unknown as Redis,
    config,
    'worker', // no subscriber, no timer: the test drives sync() itself
  );
  return { revocations, tokens, redis };
}

describe('SessionRevocations', () => {
  it('knows nothing before its first sync, and fails closed', () => {
    const { revocations } = revocationsWith(jest.fn());
    expect(revocations.state('s1')).toBe('unknown');
  });

  it('loads the sessions revoked within an access token’s lifetime from PostgreSQL', async () => {
    const revokedSince = jest.fn().mockResolvedValue([{ sessionId: 's1', revokedAt: new Date() }]);
    const { revocations } = revocationsWith(revokedSince);
    await revocations.sync();
    expect(revokedSince).toHaveBeenCalledWith(
      new Date(Date.parse('2026-12-01T12:00:00Z') - 900_000 - 60_000),
    );
    expect(revocations.state('s1')).toBe('revoked');
    expect(revocations.state('s2')).toBe('active');
  });

  it('reads on from a watermark a little before the previous read (late commits are not missed)', async () => {
    const revokedSince = jest.fn().mockResolvedValue([]);
    const { revocations } = revocationsWith(revokedSince);
    await revocations.sync();
    await revocations.sync();
    expect(revokedSince).toHaveBeenLastCalledWith(
      new Date(Date.parse('2026-12-01T12:00:00Z') - 10_000),
    );
  });

  it('knows its own revocations at once and tells the other replicas', async () => {
    const { revocations, redis } = revocationsWith(jest.fn().mockResolvedValue([]));
    await revocations.sync();
    await revocations.announce(['s3']);
    expect(revocations.state('s3')).toBe('revoked');
    expect(redis.publish).toHaveBeenCalledWith(
      'test:app:session-revoked',
      expect.stringContaining('"sessionId":"s3"'),
    );
  });

  it('still revokes locally when the broadcast fails (the replicas poll it)', async () => {
    const { revocations, redis } = revocationsWith(jest.fn().mockResolvedValue([]));
    redis.publish.mockRejectedValue(new Error('Connection is closed.'));
    await revocations.sync();
    await expect(revocations.announce(['s4'])).resolves.toBeUndefined();
    expect(revocations.state('s4')).toBe('revoked');
  });

  it('turns unknown when PostgreSQL could not be read for a while', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T12:00:00Z') });
    try {
      const revokedSince = jest.fn().mockResolvedValue([]);
      const { revocations } = revocationsWith(revokedSince);
      await revocations.sync();
      expect(revocations.state('s5')).toBe('active');
      revokedSince.mockRejectedValue(new Error('connection refused'));
      jest.advanceTimersByTime(11_000);
      await expect(revocations.sync()).rejects.toThrow('connection refused');
      expect(revocations.state('s5')).toBe('unknown');
    } finally {
      jest.useRealTimers();
    }
  });
});
