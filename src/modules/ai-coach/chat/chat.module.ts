import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AiModule } from '../../ai/ai.module';
import { AnalyticsInsightsModule } from '../../analytics/insights/analytics-insights.module';
import { BodyMetricsModule } from '../../body-metrics/body-metrics.module';
import { GoalsModule } from '../../goals/goals.module';
import { ProgressModule } from '../../progress/progress.module';
import { WorkoutsModule } from '../../workouts/workouts.module';
import { ChatFactsService } from './chat-facts.service';
import { ChatController } from './chat.controller';
import { ChatRepository } from './chat.repository';
import { ChatService } from './chat.service';
import { ChatConversation } from './entities/chat-conversation.entity';
import { ChatMessage } from './entities/chat-message.entity';

/**
 * The chat coach (docs/ai-chat.md): POST /ai/chat, GET and DELETE /ai/chat/history. Reads the
 * user's figures through the exported services of progress, workouts, analytics insights,
 * goals and body metrics; answers through the shared AI layer (providers, streaming, metering,
 * quota).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ChatConversation, ChatMessage]),
    AiModule,
    ProgressModule,
    WorkoutsModule,
    AnalyticsInsightsModule,
    GoalsModule,
    BodyMetricsModule,
  ],
  controllers: [ChatController],
  providers: [ChatRepository, ChatFactsService, ChatService],
})
export class ChatModule {}
