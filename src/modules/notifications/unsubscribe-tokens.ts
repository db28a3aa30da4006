import { Injectable } from '@nestjs/common';
import { Signer } from '../../common/crypto/signer';
import { AppConfig } from '../../config/app-config';
import { ALL_NOTIFICATION_TYPES, NotificationType } from './notification-types';

/** What an unsubscribe link stops: one type's emails, or the daily digest. */
export type UnsubscribeScope = NotificationType | 'digest';

/**
 * Signed unsubscribe links (no sign-in needed, RFC 8058): `<payload>.<signature>`, the payload
 * naming the user and the scope, the signature an HMAC under a key derived from
 * JWT_REFRESH_SECRET. They do not expire: a link in an old email must still work.
 */
@Injectable()
export class UnsubscribeTokens {
  private readonly signer: Signer;

  constructor(config: AppConfig) {
    this.signer = Signer.forPurpose(config.auth.refreshSecret, 'fitai:notifications:unsubscribe');
  }

  sign(userId: string, scope: UnsubscribeScope): string {
    const payload = Buffer.from(JSON.stringify([userId, scope])).toString('base64url');
    return `${payload}.${this.signer.sign(payload)}`;
  }

  /** The user and scope a token names, or null when it is not one of ours. */
  verify(token: string): { userId: string; scope: UnsubscribeScope } | null {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    if (!this.signer.verify(payload, signature)) return null;
    try {
      const [userId, scope] = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown[];
      const known =
        scope === 'digest' || ALL_NOTIFICATION_TYPES.includes(scope as NotificationType);
      return typeof userId === 'string' && known
        ? { userId, scope: scope as UnsubscribeScope }
        : null;
    } catch {
      return null;
    }
  }
}
