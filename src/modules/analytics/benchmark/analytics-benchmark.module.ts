import { Module } from '@nestjs/common';
import { ExercisesModule } from '../../exercises/exercises.module';
import { UsersModule } from '../../users/users.module';
import { AnalyticsBenchmarkController } from './benchmark.controller';
import { BenchmarkRepository } from './benchmark.repository';
import { AnalyticsBenchmarkService } from './benchmark.service';

/** Benchmark against similar users (GET /analytics/benchmark, docs/insights.md). */
@Module({
  imports: [UsersModule, ExercisesModule],
  controllers: [AnalyticsBenchmarkController],
  providers: [BenchmarkRepository, AnalyticsBenchmarkService],
  exports: [AnalyticsBenchmarkService],
})
export class AnalyticsBenchmarkModule {}
