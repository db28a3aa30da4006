import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeaderboardEntry } from './entities/leaderboard-entry.entity';

@Module({
  imports: [TypeOrmModule.forFeature([LeaderboardEntry])],
})
export class LeaderboardsModule {}
