import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './entities/user.entity';
import { AvatarsController } from './avatars.controller';
import { AvatarsService } from './avatars.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [UsersController, AvatarsController],
  providers: [UsersRepository, UsersService, AvatarsService],
  exports: [UsersService],
})
export class UsersModule {}
