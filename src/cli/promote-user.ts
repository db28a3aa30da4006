/**
 * `npm run user:promote -- someone@example.com [role]`: grants a role (admin by default,
 * moderator, or user to take it back) to an existing account. Boots only what it needs (config + database), not the API or the worker.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Role } from '../common/auth/roles';
import { AppConfigModule } from '../config/config.module';
import { loadConfigOrExit } from '../config/load-config';
import { DatabaseModule } from '../infrastructure/database/database.module';
import { AccountDeletion } from '../modules/users/entities/account-deletion.entity';
import { User } from '../modules/users/entities/user.entity';
import { AccountDeletionsRepository } from '../modules/users/account-deletions.repository';
import { UsersRepository } from '../modules/users/users.repository';
import { UsersService } from '../modules/users/users.service';
import { runInContext } from './run-in-context';

async function main(): Promise<void> {
  const [email, role = Role.Admin] = process.argv.slice(2) as [string?, Role?];
  if (!email || !email.includes('@') || !Object.values(Role).includes(role)) {
    console.error(
      `Usage: npm run user:promote -- someone@example.com [${Object.values(Role).join('|')}]`,
    );
    process.exit(2);
  }
  const config = loadConfigOrExit();

  @Module({
    imports: [
      AppConfigModule.forRoot(config, 'api'),
      DatabaseModule,
      TypeOrmModule.forFeature([User, AccountDeletion]),
    ],
    providers: [UsersRepository, AccountDeletionsRepository, UsersService],
  })
  class PromoteUserModule {}

  await runInContext(PromoteUserModule, async (app) => {
    const user = await app.get(UsersService).grantRole(email, role);
    const named = role === Role.Admin ? 'an admin' : `a ${role}`;
    console.log(`${user.email} is now ${named} (id ${user.id}). New tokens carry the role.`);
  });
}

void main();
