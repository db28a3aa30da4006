import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The problems of reports (docs/reports.md). */
export const ReportProblems = {
  notReady: new ProblemType({
    slug: 'report-not-ready',
    status: HttpStatus.CONFLICT,
    title: 'The report is not ready',
    description: 'Downloading a report that is still pending or processing, or that failed',
    exampleDetail: 'This report is processing (40 %); download it once its status is completed.',
  }),
  alreadyScheduled: new ProblemType({
    slug: 'report-already-scheduled',
    status: HttpStatus.CONFLICT,
    title: 'Already scheduled',
    description: 'A schedule of this kind and frequency exists; delete it first to change it',
    exampleDetail:
      'You already receive a weekly progress report; delete that schedule to change it.',
  }),
} as const;
