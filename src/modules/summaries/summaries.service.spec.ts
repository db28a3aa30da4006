import type { AppConfig } from '../../config/app-config';
import type { JobQueue } from '../../infrastructure/queues/job-queue.service';
import type { AiQuotaService } from '../ai/ai-quota.service';
import type { AiService } from '../ai/ai.service';
import type { SummariesRepository } from './summaries.repository';
import { SummariesService } from './summaries.service';
import type { SummaryCache } from './summary-cache';

describe('SummariesService.process when the claim and reading fail', () => {
  function serviceWith(summaries: Partial<SummariesRepository>) {
    return new SummariesService(
      summaries as SummariesRepository,
      {} as SummaryCache,
      {} as AiQuotaService,
      {} as JobQueue,
      {} as AiService,
      {} as AppConfig,
    );
  }

  it('marks the summary failed on the last attempt (the claim was undone with the reading)', async () => {
    const fail = jest.fn().mockResolvedValue(undefined);
    const service = serviceWith({
      claimAndRead: jest.fn().mockRejectedValue(new Error('canceling statement due to timeout')),
      fail,
    });
    await expect(service.process('s-1', { number: 3, of: 3 })).rejects.toThrow(/timeout/);
    expect(fail).toHaveBeenCalledWith('s-1', 'canceling statement due to timeout');
  });

  it('leaves it for the retry before the last attempt', async () => {
    const fail = jest.fn().mockResolvedValue(undefined);
    const service = serviceWith({
      claimAndRead: jest.fn().mockRejectedValue(new Error('connection lost')),
      fail,
    });
    await expect(service.process('s-1', { number: 1, of: 3 })).rejects.toThrow('connection lost');
    expect(fail).not.toHaveBeenCalled();
  });
});
