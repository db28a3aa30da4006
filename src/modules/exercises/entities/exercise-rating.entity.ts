import { Check, Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { Exercise } from './exercise.entity';

/** One user's vote on an exercise; voting again replaces it. */
@Entity('exercise_ratings')
@Index('UQ_exercise_ratings_exercise_user', ['exerciseId', 'userId'], { unique: true })
@Check('CHK_exercise_ratings_score', 'score BETWEEN 1 AND 5')
export class ExerciseRating extends BaseEntity {
  @Column({ type: 'uuid' })
  exerciseId: string;

  @ManyToOne(() => Exercise, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'exercise_id' })
  exercise?: Exercise;

  @Index('IDX_exercise_ratings_user')
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'smallint' })
  score: number;
}
