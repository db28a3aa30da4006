import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';
import { WorkoutDto } from './dto/workout.dto';
import { WorkoutAction, WorkoutStatus } from './workout-state';

/** The workout as it is now, for the client to reconcile with. */
const CURRENT = {
  type: () => WorkoutDto,
  required: true,
  description: 'The workout as it is now',
} as const;

/** The conflicts of workouts, their exercises and sets (docs/workouts.md). */
export const WorkoutProblems = {
  versionConflict: new ProblemType<{ current: WorkoutDto }>({
    slug: 'version-conflict',
    schemaName: 'WorkoutVersionConflictProblem',
    status: HttpStatus.CONFLICT,
    title: 'Version conflict',
    description: 'The edit was based on a stale `version` of the workout',
    exampleDetail:
      'The workout is at version 5; this change was based on version 4. Reconcile with `current` and retry.',
    members: { current: CURRENT },
  }),
  illegalTransition: new ProblemType<{
    workoutStatus: WorkoutStatus;
    action: WorkoutAction;
    allowedActions: WorkoutAction[];
    current: WorkoutDto;
  }>({
    slug: 'illegal-transition',
    status: HttpStatus.CONFLICT,
    title: 'Illegal state transition',
    description: "The workout's status does not allow the action",
    exampleDetail: 'Cannot start a workout that is completed.',
    members: {
      workoutStatus: {
        enum: WorkoutStatus,
        enumName: 'WorkoutStatus',
        example: WorkoutStatus.Completed,
        required: true,
        description: 'The status that forbids the action',
      },
      action: {
        enum: WorkoutAction,
        enumName: 'WorkoutAction',
        example: WorkoutAction.Start,
        required: true,
        description: 'The action asked for',
      },
      allowedActions: {
        enum: WorkoutAction,
        enumName: 'WorkoutAction',
        isArray: true,
        required: true,
        example: [],
        description: 'What the status allows instead (none once completed or abandoned)',
      },
      current: CURRENT,
    },
  }),
  workoutClosed: new ProblemType<{ current: WorkoutDto }>({
    slug: 'workout-closed',
    status: HttpStatus.CONFLICT,
    title: 'Workout closed',
    description: 'The workout is completed or abandoned: its exercises and sets no longer change',
    exampleDetail: 'The workout is completed: its exercises and sets no longer change.',
    members: { current: CURRENT },
  }),
  exerciseAlreadyInWorkout: new ProblemType({
    slug: 'exercise-already-in-workout',
    status: HttpStatus.CONFLICT,
    title: 'Exercise already in the workout',
    description: 'A workout holds an exercise once',
    exampleDetail: 'A workout holds an exercise once: add sets to it instead.',
  }),
  limitReached: new ProblemType({
    slug: 'workout-limit-reached',
    status: HttpStatus.CONFLICT,
    title: 'Limit reached',
    description: 'The workout holds the most exercises, or the exercise the most sets, allowed',
    exampleDetail: 'A workout holds at most 30 exercises.',
  }),
} as const;
