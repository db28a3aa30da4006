import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The problems of summaries (docs/journal-and-summaries.md). */
export const SummaryProblems = {
  quotaExceeded: new ProblemType<{ quota: number }>({
    slug: 'quota-exceeded',
    status: HttpStatus.TOO_MANY_REQUESTS,
    title: 'Daily summary quota exceeded',
    description:
      'The daily quota of computed summaries is used up; Retry-After counts the seconds to midnight UTC',
    exampleDetail: 'You can request 20 summaries per day. The quota resets at midnight UTC.',
    members: {
      quota: {
        type: 'integer',
        minimum: 0,
        example: 20,
        required: true,
        description: 'Summaries a user may request per day',
      },
    },
  }),
} as const;
