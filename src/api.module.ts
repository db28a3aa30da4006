import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AccountStandingGuard } from './common/auth/community-write';
import { JwtAuthGuard } from './common/auth/jwt-auth.guard';
import { RolesGuard } from './common/auth/roles.guard';
import { VerifiedEmailGuard } from './common/auth/verified-email.guard';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { createValidationPipe } from './common/errors/validation';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { DOMAIN_MODULES } from './domain-modules';
import { ThrottlingModule } from './infrastructure/throttling/throttling.module';
import { JwtStrategy } from './modules/auth/strategies/jwt.strategy';

/**
 * The HTTP application. Guards run in this order: authentication (sets req.user), roles,
 * verified email and account standing (community writes), then throttling (per user when signed in, per IP otherwise).
 */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(config, 'api'), ThrottlingModule, ...DOMAIN_MODULES],
      providers: [
        // Passport keeps strategies in a process-wide registry: registered here only, so a
        // worker built in the same process (tests) cannot replace the API's.
        JwtStrategy,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_GUARD, useClass: VerifiedEmailGuard },
        { provide: APP_GUARD, useClass: AccountStandingGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
