import { ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { FailOpenThrottlerStorage } from './fail-open-storage';

const record = { totalHits: 3, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 };

function storageWith(increment: jest.Mock) {
  return new FailOpenThrottlerStorage({ increment } as unknown as ThrottlerStorage);
}

describe('FailOpenThrottlerStorage', () => {
  it('answers with the counters while they can be read', async () => {
    const storage = storageWith(jest.fn().mockResolvedValue(record));
    await expect(storage.increment('k', 60_000, 300, 0, 'default')).resolves.toBe(record);
  });

  it('lets a request through the general limit when Redis cannot answer', async () => {
    const storage = storageWith(jest.fn().mockRejectedValue(new Error('Connection is closed.')));
    await expect(storage.increment('k', 60_000, 300, 0, 'default')).resolves.toMatchObject({
      isBlocked: false,
      totalHits: 0,
    });
  });

  it('refuses the sign-in routes (password guessing) when Redis cannot answer', async () => {
    const storage = storageWith(jest.fn().mockRejectedValue(new Error('Connection is closed.')));
    await expect(storage.increment('k', 60_000, 10, 0, 'auth')).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
  });
});
