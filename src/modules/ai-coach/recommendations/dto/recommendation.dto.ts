import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsString, MaxLength } from 'class-validator';
import { Omittable } from '../../../../common/validation/presence';
import { Recommendation } from '../entities/recommendation.entity';
import {
  RecommendationFeedback,
  RecommendationKind,
  RecommendationState,
} from '../recommendation-kinds';

export class RecommendationDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ enum: RecommendationKind, enumName: 'RecommendationKind' })
  kind: RecommendationKind;
  @ApiProperty({
    example: 'hamstrings',
    description:
      'What it is about within its kind: a muscle, a goal id, a template id, `acwr` (training load) or `gap` (consistency)',
  })
  subject: string;
  @ApiProperty({ enum: RecommendationState, enumName: 'RecommendationState' })
  state: RecommendationState;
  @ApiProperty({ example: 'Your hamstrings get little work' }) title: string;
  @ApiProperty({
    example:
      'hamstrings got 1.5 working sets a week over the last 28 days, under the 6–20 sets a week where muscle growth responds to volume (Schoenfeld et al. 2017). Add 5 set(s) a week for them.',
  })
  message: string;
  @ApiProperty({
    type: 'number',
    minimum: 0,
    maximum: 1,
    example: 0.34,
    description: 'Rank in the current list: the rule’s priority × your preference for the kind',
  })
  score: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { muscle: 'hamstrings', weeklySets: 1.5, minWeeklySets: 6, kindWeight: 0.5 },
    description:
      'The numbers that produced it (kindWeight: your preference for the kind, the mean of its Beta prior)',
  })
  features: Record<string, number | string | null>;
  @ApiProperty({ type: [String], description: 'Published sources of the thresholds used' })
  sources: string[];
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    description: 'The instant it was computed for',
  })
  computedAt: string;
  @ApiProperty({
    enum: RecommendationFeedback,
    enumName: 'RecommendationFeedback',
    nullable: true,
  })
  feedback: RecommendationFeedback | null;
  @ApiProperty({ type: 'string', nullable: true }) feedbackReason: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) feedbackAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;

  static from(this: void, r: Recommendation): RecommendationDto {
    return {
      id: r.id,
      kind: r.kind,
      subject: r.subject,
      state: r.state,
      title: r.title,
      message: r.message,
      score: r.score,
      features: r.features,
      sources: r.sources,
      computedAt: r.computedAt.toISOString(),
      feedback: r.feedback,
      feedbackReason: r.feedbackReason,
      feedbackAt: r.feedbackAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    };
  }
}

/** Body of PUT /ai/recommendations/:id/feedback. */
export class RecommendationFeedbackDto {
  @ApiProperty({
    enum: RecommendationFeedback,
    enumName: 'RecommendationFeedback',
    description:
      '`useful` keeps it and shows its kind more; `not_useful` dismisses it (not shown again for 14 days) and shows its kind less; `done` closes it (7 days) and counts as useful',
  })
  @IsEnum(RecommendationFeedback)
  feedback: RecommendationFeedback;

  @ApiPropertyOptional({ maxLength: 500, example: 'I train legs at another gym' })
  @Omittable()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
