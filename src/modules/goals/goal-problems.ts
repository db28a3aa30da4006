import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';
import { GoalStatus } from './goal-metrics';

/** The problems of goals (docs/goals.md). */
export const GoalProblems = {
  noBaseline: new ProblemType({
    slug: 'no-baseline',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'No reading to start from',
    description: 'A body goal needs a body reading to start from',
    exampleDetail:
      'Log a body reading with your weight (POST /progress/body) before setting this goal: its direction depends on where you start.',
  }),
  notActive: new ProblemType<{ goalStatus: GoalStatus }>({
    slug: 'goal-not-active',
    status: HttpStatus.CONFLICT,
    title: 'The goal is not active',
    description: 'Completing, or changing the target or status of, a goal that has ended',
    exampleDetail:
      'This goal is achieved: only an active goal can be completed, and an achieved one keeps its target and status.',
    members: {
      goalStatus: {
        enum: GoalStatus,
        enumName: 'GoalStatus',
        example: GoalStatus.Achieved,
        required: true,
        description: "The goal's status",
      },
    },
  }),
} as const;
