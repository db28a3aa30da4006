import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OAuthProviderName, UserIdentity } from './entities/user-identity.entity';
import { isUniqueViolation } from '../../common/database/unique-violation';

export type NewUserIdentity = Pick<
  UserIdentity,
  'userId' | 'provider' | 'providerUserId' | 'email'
>;

@Injectable()
export class UserIdentitiesRepository {
  constructor(
    @InjectRepository(UserIdentity) private readonly identities: Repository<UserIdentity>,
  ) {}

  /** Uses UQ_user_identities_provider_provider_user_id. */
  findByProviderUserId(
    provider: OAuthProviderName,
    providerUserId: string,
  ): Promise<UserIdentity | null> {
    return this.identities.findOneBy({ provider, providerUserId });
  }

  /** Uses IDX_user_identities_user_id. */
  findByUserId(userId: string): Promise<UserIdentity[]> {
    return this.identities.find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  /**
   * Inserts the link; when a concurrent callback for the same provider account won the race,
   * returns the identity that exists instead.
   */
  async insertOrGet(identity: NewUserIdentity): Promise<UserIdentity> {
    try {
      const created = this.identities.create(identity);
      return await this.identities.save(created);
    } catch (error) {
      if (isUniqueViolation(error)) {
        const existing = await this.findByProviderUserId(
          identity.provider,
          identity.providerUserId,
        );
        if (existing) return existing;
      }
      throw error;
    }
  }
}
