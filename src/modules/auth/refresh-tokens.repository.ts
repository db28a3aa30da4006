import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { RefreshToken } from './entities/refresh-token.entity';

export type NewRefreshToken = Pick<
  RefreshToken,
  'userId' | 'familyId' | 'tokenHash' | 'expiresAt' | 'userAgent' | 'ip'
>;

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>) {}

  async insert(token: NewRefreshToken): Promise<void> {
    await this.tokens.insert(token);
  }

  /** Uses UQ_refresh_tokens_token_hash. */
  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  /**
   * Atomically claims a token for rotation. Only one of two concurrent refreshes with the
   * same token can win; the loser sees `false` and is treated as a reuse.
   */
  async claim(id: string): Promise<boolean> {
    const { affected } = await this.tokens.update(
      { id, usedAt: IsNull(), revokedAt: IsNull() },
      { usedAt: () => 'now()' },
    );
    return affected === 1;
  }

  /** Uses IDX_refresh_tokens_family_id. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }
}
