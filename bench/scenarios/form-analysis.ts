import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { analyseSet } from '../../src/modules/ai-coach/form-analysis/analyse-set';
import { FormAnalysisRequestDto } from '../../src/modules/ai-coach/form-analysis/dto/form-analysis-request.dto';
import type { PoseSet } from '../../src/modules/ai-coach/form-analysis/form-analysis.types';
import { MAX_FRAMES } from '../../src/modules/ai-coach/form-analysis/limits';
import type { Skeleton } from '../../src/modules/ai-coach/form-analysis/skeletons';
import {
  type Evaluation,
  evaluate,
  randomSpec,
} from '../../src/modules/ai-coach/form-analysis/testing/evaluate';
import { syntheticSet } from '../../src/modules/ai-coach/form-analysis/testing/kinematic-model';
import type { BenchUser, RunningApi } from '../lib/fitai';
import { expectStatus, requestJson } from '../lib/http';
import { distribution, type Distribution, median } from '../lib/stats';

export interface FormAnalysisFigure {
  /** Seeded synthetic sets scored (BENCH_FORM_SETS), and their seed. */
  seed: number;
  evaluation: Evaluation;
  /** In-process analyseSet on a 10-rep set at 30 fps, per skeleton and view. */
  throughput: { label: string; frames: number; ms: number; framesPerSecond: number }[];
  /** The largest set taken (3,600 BlazePose-33 frames): parse + DTO transform + validation, then analysis. */
  largest: {
    frames: number;
    bytes: number;
    parseMs: number;
    validateMs: number;
    analyseMs: number;
  };
  /** POST /ai/form-analysis of one 10-rep COCO-17 set, one request at a time. */
  http: { frames: number; bytes: number; latency: Distribution };
}

const TEN_REPS = Array.from({ length: 10 }, () => ({
  depth: 1,
  eccentricS: 1.5,
  pauseS: 0.3,
  concentricS: 1,
}));

function tenRepSet(skeleton: Skeleton, view: 'side' | 'front'): PoseSet {
  return syntheticSet({
    exercise: 'squat',
    view,
    skeleton,
    fps: 30,
    reps: TEN_REPS,
    noisePx: 2,
    seed: 9,
  });
}

/** Median milliseconds of `fn` over rounds, after a warm-up (the JIT). */
function timeIt(fn: () => void, rounds: number): number {
  for (let k = 0; k < 5; k++) fn();
  const samples: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/**
 * Figure 8: form analysis. Accuracy on synthetic sets from the kinematic model (per-rule
 * precision and recall, rep-count accuracy), in-process throughput, the cost of the largest
 * set, and the route's latency over HTTP.
 */
export async function benchFormAnalysis(
  api: RunningApi,
  user: BenchUser,
  options: { sets: number; seed: number; httpSamples: number },
  log: (message: string) => void,
): Promise<FormAnalysisFigure> {
  log(`figure 8: scoring ${options.sets} synthetic sets`);
  const evaluation = evaluate(
    Array.from({ length: options.sets }, (_, i) => randomSpec(options.seed, i)),
  );

  const throughput = (['coco17', 'blazepose33'] as const).flatMap((skeleton) =>
    (['side', 'front'] as const).map((view) => {
      const set = tenRepSet(skeleton, view);
      const ms = timeIt(() => analyseSet(set), 30);
      return {
        label: `${skeleton}, ${view} view`,
        frames: set.frames.length,
        ms,
        framesPerSecond: (set.frames.length / ms) * 1000,
      };
    }),
  );

  const big = syntheticSet({
    exercise: 'squat',
    view: 'side',
    skeleton: 'blazepose33',
    fps: 30,
    reps: Array.from({ length: 40 }, () => TEN_REPS[0]),
    noisePx: 2,
  });
  big.frames = big.frames.slice(0, MAX_FRAMES);
  const text = JSON.stringify(big);
  const parseMs = timeIt(() => JSON.parse(text), 5);
  const plain = JSON.parse(text) as object;
  const validateStarted: number[] = [];
  for (let k = 0; k < 5; k++) {
    const started = performance.now();
    const errors = await validate(plainToInstance(FormAnalysisRequestDto, plain), {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    if (errors.length > 0) throw new Error('the largest set does not validate');
    validateStarted.push(performance.now() - started);
  }
  const largest = {
    frames: big.frames.length,
    bytes: text.length,
    parseMs,
    validateMs: median(validateStarted),
    analyseMs: timeIt(() => analyseSet(big), 5),
  };

  log(`figure 8: POST /ai/form-analysis × ${options.httpSamples}, one at a time`);
  const body = tenRepSet('coco17', 'side');
  const url = `${api.baseUrl}/api/v1/ai/form-analysis`;
  const samples: number[] = [];
  for (let k = 0; k < options.httpSamples + 5; k++) {
    const res = expectStatus(
      await requestJson('POST', url, { token: user.accessToken, body }),
      200,
      'POST /ai/form-analysis',
    );
    if (k >= 5) samples.push(res.ms);
  }
  return {
    seed: options.seed,
    evaluation,
    throughput,
    largest,
    http: {
      frames: body.frames.length,
      bytes: JSON.stringify(body).length,
      latency: distribution(samples),
    },
  };
}
