import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountToken, AccountTokenPurpose } from './entities/account-token.entity';

@Injectable()
export class AccountTokensRepository {
  constructor(@InjectRepository(AccountToken) private readonly tokens: Repository<AccountToken>) {}

  async insert(
    token: Pick<AccountToken, 'userId' | 'purpose' | 'tokenHash' | 'expiresAt'>,
  ): Promise<void> {
    await this.tokens.insert(token);
  }

  /**
   * Uses a token once: marks it used if it exists for that purpose, is unused and has not
   * expired (UQ_account_tokens_token_hash), atomically. Returns its user, or null.
   */
  async claim(tokenHash: string, purpose: AccountTokenPurpose): Promise<string | null> {
    const rows: { user_id: string }[][] = await this.tokens.query(
      `UPDATE account_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [tokenHash, purpose],
    );
    return rows[0]?.[0]?.user_id ?? null;
  }

  /** A new reset link makes the older unused ones of the user useless (IDX_account_tokens_user_purpose). */
  async expireUnused(userId: string, purpose: AccountTokenPurpose): Promise<void> {
    await this.tokens.query(
      `UPDATE account_tokens SET expires_at = now()
        WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
      [userId, purpose],
    );
  }
}
