import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeaderboardEntry } from './entities/leaderboard-entry.entity';
import { LeaderboardsController } from './leaderboards.controller';
import { LeaderboardsRepository } from './leaderboards.repository';
import { LeaderboardsService } from './leaderboards.service';
import { LeaderboardsSubscribers } from './leaderboards.subscribers';

@Module({
  imports: [TypeOrmModule.forFeature([LeaderboardEntry])],
  controllers: [LeaderboardsController],
  providers: [LeaderboardsRepository, LeaderboardsService, LeaderboardsSubscribers],
  exports: [LeaderboardsService],
})
export class LeaderboardsModule {}
