import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeaderboardBoardState } from './entities/leaderboard-board.entity';
import { LeaderboardEntry } from './entities/leaderboard-entry.entity';
import { LeaderboardRank } from './entities/leaderboard-rank.entity';
import { LeaderboardSnapshot } from './entities/leaderboard-snapshot.entity';
import { LeaderboardSnapshotsRepository } from './leaderboard-snapshots.repository';
import { LeaderboardsController } from './leaderboards.controller';
import { LeaderboardsRepository } from './leaderboards.repository';
import { LeaderboardsService } from './leaderboards.service';
import { LeaderboardsSubscribers } from './leaderboards.subscribers';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      LeaderboardEntry,
      LeaderboardBoardState,
      LeaderboardSnapshot,
      LeaderboardRank,
    ]),
  ],
  controllers: [LeaderboardsController],
  providers: [
    LeaderboardsRepository,
    LeaderboardSnapshotsRepository,
    LeaderboardsService,
    LeaderboardsSubscribers,
  ],
  exports: [LeaderboardsService],
})
export class LeaderboardsModule {}
