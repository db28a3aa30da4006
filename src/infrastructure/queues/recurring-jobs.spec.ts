import { AppConfig } from '../../config/app-config';
import { JobQueue } from './job-queue.service';
import { JobName } from './job-registry';
import { RecurringJobs } from './recurring-jobs';

const config = {
  summaries: { sweepAfterSeconds: 60 },
  queue: { recurringCheckMs: 1_000 },
  notifications: { digestTickMs: 60_000 },
  accountDeletion: { tickMs: 60_000 },
  ai: { coachSweepAfterSeconds: 120 },
  recommendations: { debounceSeconds: 60, tickMs: 15_000 },
  reports: { tickMs: 60_000 },
} as AppConfig;

function recurringWith(
  repeatables: Record<string, { name: string; every: string; key: string }[]>,
) {
  const queues = new Map<
    string,
    { getRepeatableJobs: jest.Mock; removeRepeatableByKey: jest.Mock }
  >();
  const queue = (name: string) => {
    if (!queues.has(name)) {
      queues.set(name, {
        getRepeatableJobs: jest.fn().mockResolvedValue(repeatables[name] ?? []),
        removeRepeatableByKey: jest.fn().mockResolvedValue(undefined),
      });
    }
    return queues.get(name)!;
  };
  const jobs = { queue, schedule: jest.fn().mockResolvedValue(undefined) };
  return { recurring: new RecurringJobs(jobs as unknown as JobQueue, config), jobs, queue };
}

describe('RecurringJobs', () => {
  it('registers every recurring job Redis does not have (after it lost its data)', async () => {
    const { recurring, jobs } = recurringWith({});
    await expect(recurring.ensureAll()).resolves.toEqual([
      JobName.SweepSummaries,
      JobName.PruneDomainEvents,
      JobName.TickNotificationDigests,
      JobName.PruneNotifications,
      JobName.PruneIdempotencyKeys,
      JobName.SweepPlanGenerations,
      JobName.CloseDueChallenges,
      JobName.RefreshLeaderboards,
      JobName.TickRecommendations,
      JobName.TickAccounts,
      JobName.SweepDataRights,
      JobName.TickReports,
    ]);
    expect(jobs.schedule).toHaveBeenCalledWith(JobName.SweepSummaries, {}, 30_000);
    expect(jobs.schedule).toHaveBeenCalledWith(JobName.TickAccounts, {}, 60_000);
    expect(jobs.schedule).toHaveBeenCalledWith(JobName.PruneDomainEvents, {}, 3_600_000);
    expect(jobs.schedule).toHaveBeenCalledWith(JobName.PruneIdempotencyKeys, {}, 3_600_000);
    expect(jobs.schedule).toHaveBeenCalledWith(JobName.TickNotificationDigests, {}, 60_000);
    expect(jobs.schedule).toHaveBeenCalledWith(JobName.SweepPlanGenerations, {}, 60_000);
    expect(jobs.schedule).toHaveBeenCalledWith(JobName.CloseDueChallenges, {}, 60_000);
    expect(jobs.schedule).toHaveBeenCalledWith(JobName.RefreshLeaderboards, {}, 60_000);
    expect(jobs.schedule).toHaveBeenCalledWith(JobName.TickRecommendations, {}, 15_000);
    expect(jobs.schedule).toHaveBeenCalledWith(JobName.TickReports, {}, 60_000);
  });

  it('leaves registered ones alone, and replaces one whose interval changed', async () => {
    const { recurring, jobs, queue } = recurringWith({
      summaries: [{ name: JobName.SweepSummaries, every: '30000', key: 'sweep:30000' }],
      'domain-events': [{ name: JobName.PruneDomainEvents, every: '60000', key: 'prune:60000' }],
      maintenance: [{ name: JobName.PruneIdempotencyKeys, every: '3600000', key: 'keys:3600000' }],
      challenges: [{ name: JobName.CloseDueChallenges, every: '60000', key: 'close:60000' }],
      leaderboards: [{ name: JobName.RefreshLeaderboards, every: '60000', key: 'refresh:60000' }],
      'account-deletion': [{ name: JobName.TickAccounts, every: '60000', key: 'accounts:60000' }],
      'data-rights': [{ name: JobName.SweepDataRights, every: '300000', key: 'sweep:300000' }],
      'ai-coach': [{ name: JobName.SweepPlanGenerations, every: '60000', key: 'plans:60000' }],
      recommendations: [
        { name: JobName.TickRecommendations, every: '15000', key: 'recommendations:15000' },
      ],
      reports: [{ name: JobName.TickReports, every: '60000', key: 'reports:60000' }],
      notifications: [
        { name: JobName.TickNotificationDigests, every: '60000', key: 'tick:60000' },
        { name: JobName.PruneNotifications, every: '3600000', key: 'prune:3600000' },
      ],
    });
    await expect(recurring.ensureAll()).resolves.toEqual([JobName.PruneDomainEvents]);
    expect(queue('domain-events').removeRepeatableByKey).toHaveBeenCalledWith('prune:60000');
    expect(queue('summaries').removeRepeatableByKey).not.toHaveBeenCalled();
    expect(jobs.schedule).toHaveBeenCalledTimes(1);
  });

  it('never throws while Redis is away: the next check registers them', async () => {
    const { recurring, jobs, queue } = recurringWith({});
    queue('summaries').getRepeatableJobs.mockRejectedValue(new Error('Connection is closed.'));
    queue('notifications').getRepeatableJobs.mockRejectedValue(new Error('Connection is closed.'));
    await expect(recurring.ensureAll()).resolves.toEqual([
      JobName.PruneDomainEvents,
      JobName.PruneIdempotencyKeys,
      JobName.SweepPlanGenerations,
      JobName.CloseDueChallenges,
      JobName.RefreshLeaderboards,
      JobName.TickRecommendations,
      JobName.TickAccounts,
      JobName.SweepDataRights,
      JobName.TickReports,
    ]);
    expect(jobs.schedule).toHaveBeenCalledTimes(9);
  });
});
