import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { EmailsModule } from '../emails/emails.module';
import { UsersModule } from '../users/users.module';
import { UserIdentity } from './entities/user-identity.entity';
import { OAuthController } from './oauth.controller';
import { OAuthFlowStore } from './oauth-flow-store.service';
import { OAuthService } from './oauth.service';
import { GitHubProvider } from './providers/github.provider';
import { GoogleProvider } from './providers/google.provider';
import { UserIdentitiesRepository } from './user-identities.repository';

/**
 * Social sign-in (Google, GitHub) on top of AuthModule: the provider proves the identity,
 * AuthService.signIn issues the FitAI session. See docs/social-sign-in.md.
 */
@Module({
  imports: [TypeOrmModule.forFeature([UserIdentity]), UsersModule, EmailsModule, AuthModule],
  controllers: [OAuthController],
  providers: [
    OAuthService,
    OAuthFlowStore,
    UserIdentitiesRepository,
    GoogleProvider,
    GitHubProvider,
  ],
})
export class OAuthModule {}
