import { ConflictException, Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '../../common/auth/roles';
import { Page } from '../../common/pagination/page';
import { AuthService } from '../auth/auth.service';
import { ModerationService } from '../moderation/moderation.service';
import { AuditAction, AuditTarget } from '../moderation/moderation.vocabulary';
import { UserStatus } from '../users/user.vocabulary';
import { UsersService } from '../users/users.service';
import { AdminUsersQueryDto } from './dto/admin-users-query.dto';
import { AdminUserDto, UpdateUserStatusDto } from './dto/user-status.dto';

/** Accounts as admins manage them (docs/admin.md). */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly moderation: ModerationService,
  ) {}

  async list(query: AdminUsersQueryDto): Promise<Page<AdminUserDto>> {
    const { search, status, role, createdFrom, createdTo } = query;
    const page = await this.users.search({ search, status, role, createdFrom, createdTo }, query);
    return { items: page.items.map((user) => AdminUserDto.fromAccount(user)), meta: page.meta };
  }

  /**
   * Suspends or reactivates an account, audited. A suspension ends every session at once:
   * refresh tokens revoked, access tokens refused by every replica, sockets closed.
   */
  async setStatus(
    caller: AuthenticatedUser,
    id: string,
    dto: UpdateUserStatusDto,
  ): Promise<AdminUserDto> {
    if (id === caller.id) throw new ConflictException('Admins cannot change their own status.');
    const suspend = dto.status === UserStatus.Suspended;
    const until = suspend ? (dto.until ?? null) : null;
    const reason = suspend ? (dto.reason ?? null) : null;
    const user = await this.users.setStatus(id, dto.status, reason, until);
    if (suspend) await this.auth.revokeAllSessions(id);
    await this.moderation.recordAdminAction({
      actorId: caller.id,
      action: suspend ? AuditAction.SuspendAccount : AuditAction.ReactivateAccount,
      targetType: AuditTarget.User,
      targetId: id,
      targetOwnerId: id,
      note: reason,
      restrictedUntil: until,
    });
    return AdminUserDto.fromAccount(user);
  }
}
