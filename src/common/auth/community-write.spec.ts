import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../errors/domain-errors';
import { AccountStanding, AccountStandingGuard, CommunityWrite } from './community-write';
import { REQUIRES_VERIFIED_EMAIL } from './verified-email.guard';

class Routes {
  @CommunityWrite()
  post(): void {}

  read(): void {}
}

function contextFor(handler: keyof Routes, userId = 'u1'): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ user: { id: userId } }) }),
  } as unknown as ExecutionContext;
}

/** Suspended: the ids in the set. Counts the lookups. */
class FakeStanding extends AccountStanding {
  lookups = 0;
  constructor(private readonly suspended: Set<string>) {
    super();
  }
  isSuspended(userId: string): Promise<boolean> {
    this.lookups += 1;
    return Promise.resolve(this.suspended.has(userId));
  }
}

describe('AccountStandingGuard', () => {
  const standing = new FakeStanding(new Set(['banned']));
  const guard = new AccountStandingGuard(new Reflector(), standing);

  it('asks for a verified email as well', () => {
    expect(Reflect.getMetadata(REQUIRES_VERIFIED_EMAIL, Routes.prototype.post)).toBe(true);
  });

  it('does not look accounts up on routes that are no community write', async () => {
    const before = standing.lookups;
    await expect(guard.canActivate(contextFor('read', 'banned'))).resolves.toBe(true);
    expect(standing.lookups).toBe(before);
  });

  it('lets an account in good standing write', async () => {
    await expect(guard.canActivate(contextFor('post', 'ok'))).resolves.toBe(true);
  });

  it('refuses a suspended account with a 403 account-suspended problem', async () => {
    const thrown = await guard.canActivate(contextFor('post', 'banned')).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ProblemException);
    expect(thrown).toMatchObject({ problemType: 'account-suspended' });
    expect((thrown as ProblemException).getStatus()).toBe(403);
  });
});
