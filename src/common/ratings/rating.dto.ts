import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import {
  BayesianPrior,
  bayesianAverage,
  MAX_SCORE,
  MIN_SCORE,
  RatingTally,
} from './bayesian-average';

/** Body of every `POST …/:id/rate` route. Rating again replaces the caller's earlier vote. */
export class RateDto {
  @ApiProperty({ type: 'integer', minimum: MIN_SCORE, maximum: MAX_SCORE, example: 4 })
  @IsInt()
  @Min(MIN_SCORE)
  @Max(MAX_SCORE)
  score: number;
}

/** What a subject's ratings add up to, as shown to one caller. */
export class RatingSummaryDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 12, description: 'Number of votes' })
  count: number;

  @ApiProperty({
    type: 'number',
    example: 4.25,
    nullable: true,
    description: 'Plain mean of the votes, two decimals; null without votes',
  })
  average: number | null;

  @ApiProperty({
    type: 'number',
    example: 4.02,
    description:
      'Bayesian average used for ranking: the votes plus imaginary votes at the mean of all ratings of this kind, two decimals',
  })
  weightedAverage: number;

  @ApiProperty({
    type: 'integer',
    minimum: MIN_SCORE,
    maximum: MAX_SCORE,
    example: 5,
    nullable: true,
    description: "The caller's own vote, if any",
  })
  yourScore: number | null;

  static from(
    tally: RatingTally,
    prior: BayesianPrior,
    yourScore: number | null,
  ): RatingSummaryDto {
    return {
      count: tally.count,
      average: tally.count > 0 ? round2(tally.sum / tally.count) : null,
      weightedAverage: round2(bayesianAverage(tally, prior)),
      yourScore,
    };
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
