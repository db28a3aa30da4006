import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailsModule } from '../emails/emails.module';
import { UsersModule } from '../users/users.module';
import { AccessTokenKey } from './access-token-key';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RefreshToken } from './entities/refresh-token.entity';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations.service';
import { JwtStrategy } from './strategies/jwt.strategy';
import { TokenService } from './token.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([RefreshToken]),
    PassportModule,
    JwtModule.register({}),
    UsersModule,
    EmailsModule,
  ],
  controllers: [AuthController],
  providers: [
    AccessTokenKey,
    AuthService,
    PasswordHasher,
    TokenService,
    RefreshTokensRepository,
    SessionRevocations,
    JwtStrategy,
  ],
  exports: [AuthService],
})
export class AuthModule {}
