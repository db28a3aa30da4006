import { boardActionOf } from './queue-board';

describe('boardActionOf (what the audit log says of a board request)', () => {
  it('names the action by the route, apart from the queue and the job', () => {
    expect(
      boardActionOf('/api/queues/:queueName/:jobId/retry', { queueName: 'emails', jobId: '42' }),
    ).toEqual({
      name: 'retry',
      queue: 'emails',
      jobId: '42',
    });
    expect(
      boardActionOf('/api/queues/:queueName/retry/:queueStatus', {
        queueName: 'emails',
        queueStatus: 'failed',
      }),
    ).toEqual({ name: 'retry failed', queue: 'emails', jobId: null });
    expect(
      boardActionOf('/api/queues/:queueName/job-schedulers/:schedulerId/remove', {
        queueName: 'reports',
        schedulerId: 'nightly',
      }),
    ).toEqual({ name: 'job-schedulers nightly remove', queue: 'reports', jobId: null });
  });

  it('says "every queue" actions have no queue', () => {
    expect(boardActionOf('/api/queues/pause', {})).toEqual({
      name: 'pause',
      queue: null,
      jobId: null,
    });
    expect(boardActionOf('/api/metrics/history/purge', {})).toEqual({
      name: 'metrics history purge',
      queue: null,
      jobId: null,
    });
  });
});
