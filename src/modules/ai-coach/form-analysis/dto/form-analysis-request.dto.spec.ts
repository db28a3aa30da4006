import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '../../../../common/errors/validation';
import { syntheticSet } from '../testing/kinematic-model';
import { MAX_FRAMES } from '../limits';
import { FormAnalysisRequestDto } from './form-analysis-request.dto';
import { FORM_ANALYSIS_REQUEST_EXAMPLE } from './form-analysis.examples';

const REP = { depth: 1, eccentricS: 1, pauseS: 0, concentricS: 1 };
const body = () =>
  JSON.parse(
    JSON.stringify(
      syntheticSet({ exercise: 'squat', view: 'side', skeleton: 'coco17', fps: 30, reps: [REP] }),
    ),
  ) as Record<string, unknown> & { frames: { t: number; keypoints: unknown[] }[] };

async function errors(plain: object) {
  const dto = plainToInstance(FormAnalysisRequestDto, plain);
  return flattenValidationErrors(
    await validate(dto, { whitelist: true, forbidNonWhitelisted: true }),
  );
}

describe('FormAnalysisRequestDto', () => {
  it('accepts a generated set and the documented example', async () => {
    expect(await errors(body())).toEqual([]);
    expect(await errors(FORM_ANALYSIS_REQUEST_EXAMPLE)).toEqual([]);
  });

  it('names the frames whose keypoint count does not fit the skeleton', async () => {
    const plain = body();
    plain.frames[4].keypoints = plain.frames[4].keypoints.slice(0, 48);
    const found = await errors({ ...plain, skeleton: 'coco17' });
    expect(found).toEqual([
      {
        field: 'frames',
        messages: [expect.stringContaining('frames.4.keypoints has 48')],
      },
      // Fewer than any skeleton has: the frame's own rule names it too.
      { field: 'frames.4.keypoints', messages: ['keypoints must contain at least 51 elements'] },
    ]);
    // 51 numbers are not a BlazePose-33 frame either.
    const blaze = await errors({ ...body(), skeleton: 'blazepose33' });
    expect(blaze[0].messages[0]).toMatch(/every frame needs 99 numbers .* and \d+ more/);
  });

  it('refuses null (a serialised NaN), strings and out-of-range values, per frame', async () => {
    const plain = body();
    plain.frames[2].keypoints[7] = null;
    plain.frames[3].keypoints[0] = 'NaN';
    plain.frames[5].keypoints[2] = 1.5;
    const found = await errors(plain);
    expect(found.map((e) => e.field)).toEqual([
      'frames.2.keypoints',
      'frames.3.keypoints',
      'frames.5.keypoints',
    ]);
    expect(found[0].messages[0]).toMatch(/item 7 must be a finite number \(got null\)/);
    expect(found[2].messages[0]).toMatch(/visibility/);
  });

  it('refuses frames out of order or repeated', async () => {
    const plain = body();
    [plain.frames[6].t, plain.frames[7].t] = [plain.frames[7].t, plain.frames[6].t];
    const found = await errors(plain);
    expect(found).toEqual([
      {
        field: 'frames',
        messages: [expect.stringMatching(/frames\.7\.t \(\d+\) is not after frames\.6\.t/)],
      },
    ]);
  });

  it('refuses more than the frame cap, too few frames, and a bad frame rate', async () => {
    const plain = body();
    const many = Array.from({ length: MAX_FRAMES + 1 }, (_, i) => ({
      t: i * 33,
      keypoints: plain.frames[0].keypoints,
    }));
    expect((await errors({ ...plain, frames: many })).map((e) => e.field)).toEqual(['frames']);
    expect(
      (await errors({ ...plain, frames: plain.frames.slice(0, 3) })).map((e) => e.field),
    ).toEqual(['frames']);
    expect((await errors({ ...plain, frameRate: 0 })).map((e) => e.field)).toEqual(['frameRate']);
  });
});
