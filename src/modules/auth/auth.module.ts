import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailsModule } from '../emails/emails.module';
import { UsersModule } from '../users/users.module';
import { AccessTokenKey } from './access-token-key';
import { AccessTokens } from './access-tokens.service';
import { AccountEmailsService } from './account-emails.service';
import { AccountTokensRepository } from './account-tokens.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AccountToken } from './entities/account-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations.service';
import { SessionsController } from './sessions.controller';
import { TokenService } from './token.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([RefreshToken, AccountToken]),
    PassportModule,
    JwtModule.register({}),
    UsersModule,
    EmailsModule,
  ],
  controllers: [AuthController, SessionsController],
  providers: [
    AccessTokenKey,
    AccessTokens,
    AccountEmailsService,
    AccountTokensRepository,
    AuthService,
    PasswordHasher,
    TokenService,
    RefreshTokensRepository,
    SessionRevocations,
  ],
  // The access-token strategy (JwtStrategy) is the API's: ApiModule registers it with these.
  exports: [AuthService, AccountEmailsService, AccessTokenKey, AccessTokens, SessionRevocations],
})
export class AuthModule {}
