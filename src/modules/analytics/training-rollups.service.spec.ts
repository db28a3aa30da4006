import { TrainingRollupsRepository } from './rollups/training-rollups.repository';
import { REFRESH_MARGIN_MS, TrainingRollupsService } from './training-rollups.service';
import { UsersService } from '../users/users.service';
import { RequestContext } from '../../common/http/request-context';

describe('TrainingRollupsService', () => {
  const refreshedAt = new Date('2026-12-01T10:00:00Z');
  let repository: { freshness: jest.Mock; refresh: jest.Mock };
  let service: TrainingRollupsService;

  beforeEach(() => {
    repository = {
      freshness: jest.fn(),
      refresh: jest.fn().mockResolvedValue({ full: true, historyVersion: '4', refreshedAt }),
    };
    const users = { preferencesOf: jest.fn().mockResolvedValue({ timeZone: 'Europe/Paris' }) };
    service = new TrainingRollupsService(
      repository as unknown as TrainingRollupsRepository,
      users as unknown as UsersService,
    );
  });

  it('answers from the rollups when their history version and time zone match', async () => {
    repository.freshness.mockResolvedValue({ timeZone: 'Europe/Paris', inStep: true, refreshedAt });
    expect(await service.ensureFresh('u', Promise.resolve('Europe/Paris'))).toEqual({
      timeZone: 'Europe/Paris',
      refreshedAt: refreshedAt.toISOString(),
      caughtUp: false,
    });
    expect(repository.refresh).not.toHaveBeenCalled();
  });

  it.each([
    ['the workouts changed', { inStep: false, timeZone: 'Europe/Paris' }],
    ['the user moved', { inStep: true, timeZone: 'Asia/Tokyo' }],
    ['never built', { inStep: false, timeZone: null }],
  ])('rebuilds them in full before answering when %s', async (_why, state) => {
    repository.freshness.mockResolvedValueOnce({
      ...state,
      refreshedAt: state.timeZone ? new Date('2026-11-01T00:00:00Z') : null,
    });
    const freshness = await service.ensureFresh('u', 'Europe/Paris');
    expect(repository.refresh).toHaveBeenCalledWith('u', 'Europe/Paris', null);
    // The state the refresh wrote is the answer: no second read after it.
    expect(repository.freshness).toHaveBeenCalledTimes(1);
    expect(freshness).toEqual({
      timeZone: 'Europe/Paris',
      refreshedAt: refreshedAt.toISOString(),
      caughtUp: true,
    });
  });

  it('checks once per request or job, again for another user or time zone, and after a failure', async () => {
    const fresh = { inStep: true, refreshedAt };
    repository.freshness.mockResolvedValue({ ...fresh, timeZone: 'Europe/Paris' });
    await RequestContext.run({ requestId: 'r1' }, async () => {
      await service.ensureFresh('u', 'Europe/Paris');
      await service.ensureFresh('u', Promise.resolve('Europe/Paris'));
      expect(repository.freshness).toHaveBeenCalledTimes(1);
      await service.ensureFresh('v', 'Europe/Paris');
      expect(repository.freshness).toHaveBeenCalledTimes(2);
      await service.ensureFresh('u', 'Asia/Tokyo');
      expect(repository.refresh).toHaveBeenCalledWith('u', 'Asia/Tokyo', null);
    });
    await RequestContext.run({ requestId: 'r2' }, async () => {
      repository.freshness.mockRejectedValueOnce(new Error('connection lost'));
      await expect(service.ensureFresh('u', 'Europe/Paris')).rejects.toThrow('connection lost');
      await service.ensureFresh('u', 'Europe/Paris');
      await service.ensureFresh('u', 'Europe/Paris');
    });
    expect(repository.freshness).toHaveBeenCalledTimes(5);
    // Outside any request (a script, a test), every call checks.
    await service.ensureFresh('u', 'Europe/Paris');
    await service.ensureFresh('u', 'Europe/Paris');
    expect(repository.freshness).toHaveBeenCalledTimes(7);
  });

  it('refreshes from the earliest instant of an event, minus the margin, in the user’s zone', async () => {
    await service.refreshFrom('u', [
      '2026-10-05T10:00:00.000Z',
      '2026-09-01T08:00:00.000Z',
      '2026-10-05T11:00:00.000Z',
    ]);
    expect(repository.refresh).toHaveBeenCalledWith(
      'u',
      'Europe/Paris',
      new Date(Date.parse('2026-09-01T08:00:00.000Z') - REFRESH_MARGIN_MS),
    );
  });
});
