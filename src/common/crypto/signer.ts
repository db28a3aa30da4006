import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 signatures of values handed out and checked later without storage (signed
 * links, cookies), under a key of their own: a signature made for one purpose never verifies
 * for another. Verification is constant-time.
 */
export class Signer {
  constructor(private readonly key: Buffer) {}

  /** A signer whose key is HMAC(secret, purpose): one secret serves several purposes apart. */
  static forPurpose(secret: string, purpose: string): Signer {
    return new Signer(createHmac('sha256', secret).update(purpose).digest());
  }

  /** The signature of `payload`, base64url (43 characters). */
  sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  /** Whether `signature` is ours for `payload`. */
  verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
