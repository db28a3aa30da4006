import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The problems of reports and moderation (docs/moderation.md). */
export const ModerationProblems = {
  alreadyReported: new ProblemType<{ reportId: string }>({
    slug: 'already-reported',
    status: HttpStatus.CONFLICT,
    title: 'Already reported',
    description: 'The caller has an open report of the same target: moderators will see it',
    exampleDetail: 'You reported this already; a moderator will look at it.',
    members: {
      reportId: {
        type: 'string',
        format: 'uuid',
        example: '0b9c4f1e-7d1a-4c55-9a0e-9a3c1f1f2b10',
        required: true,
        description: 'The open report',
      },
    },
  }),
  reportResolved: new ProblemType({
    slug: 'report-resolved',
    status: HttpStatus.CONFLICT,
    title: 'The report is resolved',
    description: 'Resolving a report that is resolved already (by this or another moderator)',
    exampleDetail: 'This report was resolved already.',
  }),
  actionNotApplicable: new ProblemType({
    slug: 'action-not-applicable',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'The action does not apply to this report',
    description:
      'remove_content on a profile (it has no content to remove), or on content already gone',
    exampleDetail: 'A profile has no content to remove: warn or suspend its owner.',
  }),
} as const;
