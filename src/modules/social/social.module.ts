import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FriendRequest } from './entities/friend-request.entity';
import { Friendship } from './entities/friendship.entity';
import { UserBlock } from './entities/user-block.entity';
import { SocialController } from './social.controller';
import { SocialRepository } from './social.repository';
import { SocialService } from './social.service';

@Module({
  imports: [TypeOrmModule.forFeature([FriendRequest, Friendship, UserBlock])],
  controllers: [SocialController],
  providers: [SocialRepository, SocialService],
  exports: [SocialService],
})
export class SocialModule {}
