import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** One ISO week (local) of a user with training: the sum of its session rollups. */
@Entity('analytics_week_rollups')
export class WeekRollup {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  /** The week's Monday. */
  @PrimaryColumn({ type: 'date' })
  weekStart: string;

  /** Completed workouts (with or without counted sets). */
  @Column({ type: 'int' })
  workouts: number;

  @Column({ type: 'int' })
  sets: number;

  @Column({ type: 'numeric' })
  volumeKg: string;
}
