import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { BodyMetricsController } from './body-metrics.controller';
import { BodyMetricsRepository } from './body-metrics.repository';
import { BodyMetricsService } from './body-metrics.service';
import { BodyTrendsService } from './body-trends.service';
import { BodyMetric } from './entities/body-metric.entity';

@Module({
  imports: [TypeOrmModule.forFeature([BodyMetric]), UsersModule],
  controllers: [BodyMetricsController],
  providers: [BodyMetricsRepository, BodyMetricsService, BodyTrendsService],
  exports: [BodyTrendsService],
})
export class BodyMetricsModule {}
