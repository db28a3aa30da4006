import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AiModule } from '../ai/ai.module';
import { Summary } from './entities/summary.entity';
import { SummariesController } from './summaries.controller';
import { SummariesRepository } from './summaries.repository';
import { SummariesService } from './summaries.service';
import { SummariesSubscribers } from './summaries.subscribers';
import { SummaryCache } from './summary-cache';

@Module({
  imports: [TypeOrmModule.forFeature([Summary]), AiModule],
  controllers: [SummariesController],
  providers: [SummariesRepository, SummariesService, SummariesSubscribers, SummaryCache],
  exports: [SummariesService],
})
export class SummariesModule {}
