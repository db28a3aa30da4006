import { HttpException } from '@nestjs/common';
import { WeightUnit } from '../../common/units/weight-unit';
import { BodyTrendsService } from '../body-metrics/body-trends.service';
import { EntriesService } from '../entries/entries.service';
import { GoalsService } from '../goals/goals.service';
import { UsersService } from '../users/users.service';
import { AnalyticsService, changeBetween } from './analytics.service';
import { TrainingRollupsRepository } from './rollups/training-rollups.repository';
import { TrainingRollupsService } from './training-rollups.service';

describe('changeBetween', () => {
  it('is later − earlier, and % of |earlier| (none from 0 or without a side)', () => {
    expect(changeBetween(12, 10)).toEqual({ absolute: 2, percent: 20 });
    expect(changeBetween(-3, -2)).toEqual({ absolute: -1, percent: -50 });
    expect(changeBetween(5, 0)).toEqual({ absolute: 5, percent: null });
    expect(changeBetween(null, 3)).toEqual({ absolute: null, percent: null });
    expect(changeBetween(80.3333, 81)).toEqual({ absolute: -0.67, percent: -0.8 });
  });
});

describe('AnalyticsService.overview', () => {
  const training = (sessions: number, volumeKg: number) => ({
    sessions,
    sets: sessions * 10,
    volumeKg,
    records: 1,
    activeDays: sessions,
    activeWeeks: 1,
    weekdays: [sessions, 0, 0, 0, 0, 0, 0],
    streaks: { weeks: { current: 2, longest: 5 }, days: { current: sessions, longest: 9 } },
  });
  let reads: Record<string, jest.Mock>;
  let service: AnalyticsService;

  beforeEach(() => {
    reads = {
      periodTraining: jest.fn().mockResolvedValue([training(4, 1000), training(2, 500)]),
    };
    const rollups = {
      ensureFresh: jest.fn().mockResolvedValue({
        timeZone: 'UTC',
        refreshedAt: '2026-12-01T00:00:00.000Z',
        caughtUp: false,
      }),
    };
    const users = {
      preferencesOf: jest.fn().mockResolvedValue({ weightUnit: WeightUnit.Pound, timeZone: 'UTC' }),
    };
    const body = {
      weightByRange: jest.fn().mockResolvedValue([
        { firstKg: 80, lastKg: 79, readings: 3 },
        { firstKg: null, lastKg: null, readings: 0 },
      ]),
    };
    const goals = {
      countsByRange: jest.fn().mockResolvedValue([
        { achieved: 1, active: 2 },
        { achieved: 0, active: 3 },
      ]),
    };
    const entries = {
      moodAndEnergyByRange: jest.fn().mockResolvedValue([
        { mood: 3.666666, moodEntries: 3, energy: null, energyEntries: 0 },
        { mood: 3, moodEntries: 1, energy: 2, energyEntries: 1 },
      ]),
    };
    service = new AnalyticsService(
      rollups as unknown as TrainingRollupsService,
      reads as unknown as TrainingRollupsRepository,
      users as unknown as UsersService,
      body as unknown as BodyTrendsService,
      goals as unknown as GoalsService,
      entries as unknown as EntriesService,
    );
  });

  it('reads the period and the one before it, in the user’s unit, with the changes', async () => {
    const overview = await service.overview('u', { from: '2026-10-01', to: '2026-10-31' });
    expect(reads.periodTraining).toHaveBeenCalledWith('u', [
      { firstDay: '2026-10-01', lastDay: '2026-10-31' },
      { firstDay: '2026-08-31', lastDay: '2026-09-30' },
    ]);
    expect(overview.unit).toBe('lb');
    expect(overview.current).toMatchObject({
      sessions: 4,
      volume: 2204.62,
      bodyWeight: 174.17,
      bodyWeightChange: -2.2,
      goalsActive: 2,
      streakWeeks: 2,
      streakDays: 4,
      mood: 3.67,
      energy: null,
    });
    expect(overview.previous).toMatchObject({ volume: 1102.31, bodyWeight: null, streakDays: 2 });
    expect(overview.change.sessions).toEqual({ absolute: 2, percent: 100 });
    expect(overview.change.bodyWeight).toEqual({ absolute: null, percent: null });
    expect(overview.change.goalsActive).toEqual({ absolute: -1, percent: -33.3 });
  });

  it('refuses an invalid period with field errors, before reading anything', async () => {
    await expect(service.overview('u', { from: '2026-11-01', to: '2026-10-01' })).rejects.toThrow(
      HttpException,
    );
    expect(reads.periodTraining).not.toHaveBeenCalled();
  });
});
