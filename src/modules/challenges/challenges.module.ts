import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExercisesModule } from '../exercises/exercises.module';
import { UsersModule } from '../users/users.module';
import { ChallengesController } from './challenges.controller';
import { ChallengesRepository } from './challenges.repository';
import { ChallengesService } from './challenges.service';
import { ChallengesSubscribers } from './challenges.subscribers';
import { ChallengeInvitation } from './entities/challenge-invitation.entity';
import { ChallengeParticipant } from './entities/challenge-participant.entity';
import { Challenge } from './entities/challenge.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Challenge, ChallengeParticipant, ChallengeInvitation]),
    UsersModule,
    ExercisesModule,
  ],
  controllers: [ChallengesController],
  providers: [ChallengesRepository, ChallengesService, ChallengesSubscribers],
  exports: [ChallengesService],
})
export class ChallengesModule {}
