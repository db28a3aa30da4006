import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { Role } from '../../../common/auth/roles';
import { LengthUnit } from '../../../common/units/length-unit';
import { WeightUnit } from '../../../common/units/weight-unit';
import { Equipment, ExerciseLevel } from '../../training/exercise-attributes.vocabulary';
import { Audience } from '../privacy.vocabulary';
import { Sex, UserAccount, UserStatus } from '../user.vocabulary';

@Entity('users')
// Trigram indexes for the admin search (ILIKE '%q%'); created in the migration, which
// TypeORM cannot express, so the schema sync check must leave them alone.
@Index('IDX_users_email_trgm', { synchronize: false })
@Index('IDX_users_display_name_trgm', { synchronize: false })
export class User extends BaseEntity implements UserAccount {
  /** Stored lower-cased and trimmed: uniqueness is case-insensitive by construction. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** argon2id hash; null for accounts that only sign in through a social provider. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 80 })
  displayName: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  bio: string | null;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role', default: Role.User })
  role: Role;

  @Column({ type: 'enum', enum: UserStatus, enumName: 'user_status', default: UserStatus.Active })
  status: UserStatus;

  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  /**
   * Until when moderation keeps the account from writing to the community (posts, shares,
   * likes, comments, friend requests); it can still sign in, read and export. Null or past:
   * not restricted. Lifts by itself: every check compares it with now().
   */
  @Column({ type: 'timestamptz', nullable: true })
  communityRestrictedUntil: Date | null;

  /**
   * Names the current avatar's files (`avatars/<id>/<digest>-<pixels>.webp` in Storage, see
   * AvatarsService); null: no avatar.
   */
  @Column({ type: 'varchar', length: 32, nullable: true })
  avatarDigest: string | null;

  // Preferences (GET|PUT /users/preferences).

  /** The unit the user sends and reads weights in; they are stored in kilograms. */
  @Column({ type: 'enum', enum: WeightUnit, enumName: 'weight_unit', default: WeightUnit.Kilogram })
  weightUnit: WeightUnit;

  /** The unit for body measurements; they are stored in centimetres. */
  @Column({
    type: 'enum',
    enum: LengthUnit,
    enumName: 'length_unit',
    default: LengthUnit.Centimetre,
  })
  lengthUnit: LengthUnit;

  /** IANA time zone: days, weeks and streaks are counted in it. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timeZone: string;

  /** Self-assessed level, for recommendations; null until the user says. */
  @Column({ type: 'enum', enum: ExerciseLevel, enumName: 'exercise_level', nullable: true })
  trainingLevel: ExerciseLevel | null;

  /** Equipment the user has, for recommendations; null means not said (no restriction). */
  @Column({ type: 'enum', enum: Equipment, enumName: 'equipment', array: true, nullable: true })
  equipment: Equipment[] | null;

  /** Stated sex, for DOTS and benchmark cohorts only; null: not said. */
  @Column({ type: 'enum', enum: Sex, enumName: 'sex', nullable: true })
  sex: Sex | null;

  /** Year of birth, for age bands in benchmark cohorts only; null: not said. */
  @Column({ type: 'smallint', nullable: true })
  birthYear: number | null;

  // Privacy (GET|PUT /users/preferences; docs/social.md, "Visibility").

  /** Found by search and suggested to others; friends find them either way. */
  @Column({ type: 'boolean', default: true })
  profileDiscoverable: boolean;

  /** The widest audience of the activities made from their workouts, records and goals. */
  @Column({ type: 'enum', enum: Audience, enumName: 'audience', default: Audience.Friends })
  activityVisibility: Audience;

  /** Whether others see the weights and reps of their personal records. */
  @Column({ type: 'boolean', default: true })
  showRecordNumbers: boolean;

  /** Left out of others' leaderboards (they still see their own result; docs/challenges.md). */
  @Column({ type: 'boolean', default: false })
  leaderboardOptOut: boolean;
}
