import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AiMetrics } from './ai-metrics';
import { AiQuotaService } from './ai-quota.service';
import { AiUsageRepository } from './ai-usage.repository';
import { AiService } from './ai.service';
import { AiUsage } from './entities/ai-usage.entity';
import { NoteAnalyzer } from './note-analyzer';
import {
  AI_BREAKER_SETTINGS,
  DEFAULT_BREAKER_SETTINGS,
  OpenAiCircuitBreaker,
} from './openai-circuit-breaker';
import { LocalNarrativeProvider } from './providers/local-narrative.provider';
import { OpenAiChatClient } from './providers/openai-chat.client';
import { OpenAiNarrativeProvider } from './providers/openai-narrative.provider';

/**
 * The AI layer shared by every AI feature: `AiService.run` (and `writeSummaryNarrative` on top of
 * it), and `AiService.stream` for free text, behind AI_PROVIDER (local | openai), with retries, a circuit breaker, the local fallback,
 * metering (`ai_usage`, per feature), metrics, and the per-feature daily quota (AiQuotaService).
 * Needs CoreModule (AppConfig, TypeORM, MetricsService).
 */
@Module({
  imports: [TypeOrmModule.forFeature([AiUsage])],
  providers: [
    AiService,
    AiUsageRepository,
    AiMetrics,
    NoteAnalyzer,
    LocalNarrativeProvider,
    OpenAiNarrativeProvider,
    OpenAiChatClient,
    AiQuotaService,
    OpenAiCircuitBreaker,
    { provide: AI_BREAKER_SETTINGS, useValue: DEFAULT_BREAKER_SETTINGS },
  ],
  exports: [AiService, AiQuotaService, AiUsageRepository],
})
export class AiModule {}
