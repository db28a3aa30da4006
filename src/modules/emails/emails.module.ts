import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { EmailDeliveriesRepository } from './email-deliveries.repository';
import { EmailsService } from './emails.service';
import { EmailDelivery } from './entities/email-delivery.entity';

@Module({
  imports: [TypeOrmModule.forFeature([EmailDelivery]), UsersModule],
  providers: [EmailsService, EmailDeliveriesRepository],
  exports: [EmailsService],
})
export class EmailsModule {}
