import { createHmac } from 'node:crypto';
import { Signer } from './signer';

describe('Signer', () => {
  const signer = Signer.forPurpose('secret', 'fitai:test');

  it('verifies its own signature and nothing else', () => {
    const signature = signer.sign('payload');
    expect(signature).toMatch(/^[\w-]{43}$/);
    expect(signer.verify('payload', signature)).toBe(true);
    expect(signer.verify('payloae', signature)).toBe(false);
    expect(signer.verify('payload', signature.slice(1))).toBe(false);
    expect(signer.verify('payload', `${signature.slice(0, -1)}A`)).toBe(signature.endsWith('A'));
  });

  it('keeps purposes apart, and derives the key as HMAC(secret, purpose) (links already sent)', () => {
    const other = Signer.forPurpose('secret', 'fitai:other');
    expect(other.verify('payload', signer.sign('payload'))).toBe(false);
    const key = createHmac('sha256', 'secret').update('fitai:test').digest();
    expect(signer.sign('payload')).toBe(
      createHmac('sha256', key).update('payload').digest('base64url'),
    );
  });
});
