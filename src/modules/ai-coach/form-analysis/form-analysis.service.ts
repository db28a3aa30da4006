import { Injectable } from '@nestjs/common';
import { AiService } from '../../ai/ai.service';
import { analyseSet } from './analyse-set';
import type { FormAnalysis, PoseSet } from './form-analysis.types';
import { RULES_VERSION } from './thresholds';

/**
 * Form analysis in the request: a set of 3,600 frames (the cap) is analysed in tens of
 * milliseconds on one core (bench figure 8), less than a queue round trip would add, so it is
 * not sent to the worker. Each analysis is metered in ai_usage as `form_analysis`.
 */
@Injectable()
export class FormAnalysisService {
  constructor(private readonly ai: AiService) {}

  async analyse(userId: string, set: PoseSet): Promise<FormAnalysis> {
    const started = performance.now();
    const analysis = analyseSet(set);
    const latencyMs = Math.round(performance.now() - started);
    await this.ai.meterLocalAnalysis(userId, 'form_analysis', RULES_VERSION, latencyMs);
    return analysis;
  }
}
