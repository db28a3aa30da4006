import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { EmailDelivery } from './entities/email-delivery.entity';

@Injectable()
export class EmailDeliveriesRepository {
  constructor(
    @InjectRepository(EmailDelivery) private readonly deliveries: Repository<EmailDelivery>,
  ) {}

  /** Uses UQ_email_deliveries_dedupe_key. */
  existsByDedupeKey(dedupeKey: string): Promise<boolean> {
    return this.deliveries.existsBy({ dedupeKey });
  }

  /** ON CONFLICT DO NOTHING: two racing deliveries leave one row. */
  async record(delivery: Omit<EmailDelivery, 'id' | 'sentAt'>): Promise<void> {
    await this.deliveries.createQueryBuilder().insert().values(delivery).orIgnore().execute();
  }
}
