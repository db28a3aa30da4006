import type { AiService } from '../../ai/ai.service';
import { FormAnalysisService } from './form-analysis.service';
import { syntheticSet } from './testing/kinematic-model';
import { RULES_VERSION } from './thresholds';

describe('FormAnalysisService', () => {
  it('answers the analysis and meters it once as form_analysis with its duration', async () => {
    const meterLocalAnalysis = jest.fn().mockResolvedValue(undefined);
    const service = new FormAnalysisService({ meterLocalAnalysis } as unknown as AiService);
    const set = syntheticSet({
      exercise: 'push_up',
      view: 'side',
      skeleton: 'coco17',
      fps: 30,
      reps: [{ depth: 1, eccentricS: 1, pauseS: 0, concentricS: 1 }],
    });

    const analysis = await service.analyse('user-1', set);

    expect(analysis.repCount).toBe(1);
    expect(meterLocalAnalysis).toHaveBeenCalledTimes(1);
    expect(meterLocalAnalysis).toHaveBeenCalledWith(
      'user-1',
      'form_analysis',
      RULES_VERSION,
      expect.any(Number),
    );
    expect(meterLocalAnalysis.mock.calls[0][3]).toBeGreaterThanOrEqual(0);
  });

  it('fails when metering fails (the ledger is not optional)', async () => {
    const service = new FormAnalysisService({
      meterLocalAnalysis: jest.fn().mockRejectedValue(new Error('database down')),
    } as unknown as AiService);
    const set = syntheticSet({
      exercise: 'squat',
      view: 'front',
      skeleton: 'coco17',
      fps: 30,
      reps: [],
    });
    await expect(service.analyse('user-1', set)).rejects.toThrow('database down');
  });
});
