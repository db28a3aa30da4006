import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../errors/domain-errors';
import { AuthenticatedUser, Role } from './roles';
import { RequireVerifiedEmail, VerifiedEmailGuard } from './verified-email.guard';

class Routes {
  @RequireVerifiedEmail()
  post(): void {}

  ownData(): void {}
}

function contextFor(handler: keyof Routes, user?: Partial<AuthenticatedUser>): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

describe('VerifiedEmailGuard', () => {
  const guard = new VerifiedEmailGuard(new Reflector());
  const base = { id: 'u1', role: Role.User, sessionId: 's1' };

  it('lets unverified accounts use routes that do not ask for it', () => {
    expect(guard.canActivate(contextFor('ownData', { ...base, emailVerified: false }))).toBe(true);
  });

  it('lets verified accounts use community routes', () => {
    expect(guard.canActivate(contextFor('post', { ...base, emailVerified: true }))).toBe(true);
  });

  it('refuses unverified accounts on community routes with a 403 problem', () => {
    let thrown: unknown;
    try {
      guard.canActivate(contextFor('post', { ...base, emailVerified: false }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    expect(thrown).toMatchObject({
      problemType: 'email-not-verified',
      title: 'Email not verified',
    });
    expect((thrown as ProblemException).getStatus()).toBe(403);
  });
});
