import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ModerationAction, ReportTarget } from '../moderation.vocabulary';

/**
 * One moderation action, append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (migration
 * ModerationReports). Ids of people are kept without foreign keys, so the record outlives the
 * accounts it names.
 */
@Entity('moderation_log')
// A user's moderation history, newest first.
@Index('IDX_moderation_log_owner_created', ['targetOwnerId', 'createdAt', 'id'])
// The whole log, newest first.
@Index('IDX_moderation_log_created', ['createdAt', 'id'])
export class ModerationLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid' })
  moderatorId: string;

  @Column({ type: 'enum', enum: ModerationAction, enumName: 'moderation_action' })
  action: ModerationAction;

  @Column({ type: 'enum', enum: ReportTarget, enumName: 'report_target' })
  targetType: ReportTarget;

  @Column({ type: 'uuid' })
  targetId: string;

  @Column({ type: 'uuid', nullable: true })
  targetOwnerId: string | null;

  /** The report the action resolved (with every other open report of the same target). */
  @Column({ type: 'uuid', nullable: true })
  reportId: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  /** Suspensions: until when the owner may not write to the community. */
  @Column({ type: 'timestamptz', nullable: true })
  restrictedUntil: Date | null;
}
