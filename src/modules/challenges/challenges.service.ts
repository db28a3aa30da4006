import { Injectable, NotFoundException } from '@nestjs/common';
import { assertValid } from '../../common/errors/domain-errors';
import { FieldError } from '../../common/errors/problem-details';
import { offsetOf, PageQueryDto } from '../../common/pagination/page-query.dto';
import { Page, toPage } from '../../common/pagination/page';
import { daysBetween, localDate } from '../../common/time/local-date';
import { ExerciseStatus } from '../exercises/exercise.vocabulary';
import { ExercisesService } from '../exercises/exercises.service';
import { UsersService } from '../users/users.service';
import { ChallengeProblems } from './challenge-problems';
import { ChallengesRepository } from './challenges.repository';
import { ChallengeKind, ChallengeStatus } from './challenges.vocabulary';
import { ChallengeDto, ChallengeLeaderboardDto, ChallengeStandingDto } from './dto/challenge.dto';
import {
  CreateChallengeDto,
  InviteToChallengeDto,
  ListChallengesQueryDto,
  MAX_CHALLENGE_DAYS,
} from './dto/challenge-input.dto';

/** Minutes after a challenge's end before it closes: a session ended just before midnight and logged soon after still counts. */
export const CLOSE_GRACE_MINUTES = 60;
/** Challenges one close tick closes at most (the next tick takes the rest). */
export const CLOSE_BATCH = 50;

const NOT_FOUND = 'No such challenge.';

/**
 * Challenges (docs/challenges.md): creation in the creator's zone, visibility (a challenge you
 * may not see is a 404 on every route), joining and leaving, standings, and the close.
 */
@Injectable()
export class ChallengesService {
  constructor(
    private readonly challenges: ChallengesRepository,
    private readonly users: UsersService,
    private readonly exercises: ExercisesService,
  ) {}

  async create(creatorId: string, dto: CreateChallengeDto): Promise<ChallengeDto> {
    const { timeZone } = await this.users.preferencesOf(creatorId);
    assertValid(await this.creationErrors(creatorId, dto, localDate(timeZone)));
    const id = await this.challenges.create({
      creatorId,
      title: dto.title,
      description: dto.description ?? null,
      kind: dto.kind,
      exerciseId: dto.exerciseId ?? null,
      sessionsPerWeek: dto.sessionsPerWeek ?? null,
      visibility: dto.visibility,
      timeZone,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn,
      inviteeIds: dto.inviteeIds ?? [],
    });
    return this.get(creatorId, id);
  }

  async get(viewerId: string, id: string): Promise<ChallengeDto> {
    const row = await this.challenges.findVisible(viewerId, id);
    if (!row) throw new NotFoundException(NOT_FOUND);
    return ChallengeDto.of(row);
  }

  async list(viewerId: string, query: ListChallengesQueryDto): Promise<Page<ChallengeDto>> {
    const { items, total } = await this.challenges.list(
      viewerId,
      query.filter,
      offsetOf(query),
      query.limit,
    );
    return toPage(items.map(ChallengeDto.of), total, query);
  }

  /** Joining twice is a no-op; a challenge you may not see is a 404, one that ended a 409. */
  async join(userId: string, id: string): Promise<ChallengeDto> {
    if (!(await this.challenges.join(userId, id))) {
      const challenge = await this.get(userId, id);
      if (challenge.status === ChallengeStatus.Closed || new Date(challenge.endsAt) <= new Date()) {
        throw ChallengeProblems.challengeClosed.exception(
          'This challenge has ended: it can no longer be joined.',
        );
      }
      throw new NotFoundException(NOT_FOUND);
    }
    return this.get(userId, id);
  }

  async leave(userId: string, id: string): Promise<void> {
    if (await this.challenges.leave(userId, id)) return;
    const challenge = await this.get(userId, id);
    if (challenge.joined) {
      throw ChallengeProblems.challengeClosed.exception(
        'This challenge has closed: its results are final.',
      );
    }
    throw new NotFoundException('You do not take part in this challenge.');
  }

  async participants(
    viewerId: string,
    id: string,
    query: PageQueryDto,
  ): Promise<Page<ChallengeStandingDto>> {
    await this.get(viewerId, id);
    const { items, total } = await this.challenges.standings(
      viewerId,
      id,
      offsetOf(query),
      query.limit,
      'joined',
    );
    return toPage(items.map(ChallengeStandingDto.of), total, query);
  }

  async leaderboard(
    viewerId: string,
    id: string,
    query: PageQueryDto,
  ): Promise<ChallengeLeaderboardDto> {
    const challenge = await this.get(viewerId, id);
    const { items, total, me } = await this.challenges.standings(
      viewerId,
      id,
      offsetOf(query),
      query.limit,
    );
    return {
      ...toPage(items.map(ChallengeStandingDto.of), total, query),
      me: me && ChallengeStandingDto.of(me),
      status: challenge.status,
    };
  }

  /**
   * The creator invites more users (any user; see ChallengesRepository.insertInvitations for
   * who is left out silently). Not visible: 404; visible but not theirs: 403; ended: 409.
   */
  async invite(creatorId: string, id: string, dto: InviteToChallengeDto): Promise<void> {
    if (await this.challenges.invite(creatorId, id, dto.userIds)) return;
    const challenge = await this.get(creatorId, id);
    if (challenge.creator.id !== creatorId) {
      throw ChallengeProblems.notChallengeCreator.exception(
        'Only the creator of this challenge can invite to it.',
      );
    }
    throw ChallengeProblems.challengeClosed.exception(
      'This challenge has ended: nobody can be invited any more.',
    );
  }

  /** The invitee declines their pending invitation; none pending: 404. */
  async decline(userId: string, id: string): Promise<void> {
    if (!(await this.challenges.decline(userId, id))) {
      throw new NotFoundException('You hold no pending invitation to this challenge.');
    }
  }

  /** For the invitation's notification: the title while the invitation is pending, else null. */
  invitationTitle(userId: string, id: string): Promise<string | null> {
    return this.challenges.invitationTitle(userId, id);
  }

  /** Worker: a workout of `userId` completed, moved or deleted: their open challenges' progress. */
  recomputeFor(userId: string): Promise<number> {
    return this.challenges.recomputeForUser(userId);
  }

  /** Worker (the recurring tick): closes the challenges due; answers those it closed. */
  async closeDue(): Promise<string[]> {
    const closed: string[] = [];
    for (const id of await this.challenges.dueForClosing(CLOSE_GRACE_MINUTES, CLOSE_BATCH)) {
      if (await this.challenges.close(id)) closed.push(id);
    }
    return closed;
  }

  /** Closes one challenge, once (idempotent: a second call closes nothing and announces nothing). */
  close(id: string): Promise<boolean> {
    return this.challenges.close(id);
  }

  private async creationErrors(
    creatorId: string,
    dto: CreateChallengeDto,
    today: string,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const error = (field: string, message: string) => errors.push({ field, messages: [message] });
    if (dto.kind === ChallengeKind.ExerciseReps) {
      if (!dto.exerciseId) error('exerciseId', 'exerciseId is required for exercise_reps');
      else {
        // One the creator may use, as in their templates and workouts: not someone's hidden one.
        const exercise = (await this.exercises.findUsable(creatorId, [dto.exerciseId])).get(
          dto.exerciseId,
        );
        if (!exercise) {
          error('exerciseId', 'exerciseId must name an exercise of the library');
        } else if (exercise.status !== ExerciseStatus.Approved) {
          // And one everyone may log: every challenge is open to others (public, friends, or
          // invitations, which the creator may send at any time while it is open), and only
          // its creator can log an exercise that is not in the library.
          error(
            'exerciseId',
            'exerciseId names your own exercise, which is not in the library: nobody else ' +
              'could log it, so a challenge takes a library exercise',
          );
        }
      }
    } else if (dto.exerciseId !== undefined) {
      error('exerciseId', 'exerciseId is only for exercise_reps challenges');
    }
    if (dto.kind === ChallengeKind.Consistency) {
      if (dto.sessionsPerWeek === undefined) {
        error('sessionsPerWeek', 'sessionsPerWeek is required for consistency');
      }
    } else if (dto.sessionsPerWeek !== undefined) {
      error('sessionsPerWeek', 'sessionsPerWeek is only for consistency challenges');
    }
    const days = daysBetween(dto.startsOn, dto.endsOn);
    if (days < 0) error('endsOn', 'endsOn must not be before startsOn');
    else if (days >= MAX_CHALLENGE_DAYS) {
      error('endsOn', `a challenge lasts at most ${MAX_CHALLENGE_DAYS} days`);
    }
    if (daysBetween(today, dto.endsOn) < 0) error('endsOn', 'endsOn must not be in the past');
    return errors;
  }
}
