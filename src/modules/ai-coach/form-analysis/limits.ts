import { valuesPerFrame } from './skeletons';

/**
 * Input limits. 3,600 frames is two minutes at 30 fps (a minute at 60 fps): longer than any set.
 * The analysis of that many frames takes tens of milliseconds (docs/ai-coach.md), so it runs in
 * the request.
 */
export const MAX_FRAMES = 3600;
/** Fewer frames than this cannot hold a rep (a third of a second at 30 fps). */
export const MIN_FRAMES = 10;
export const MIN_FRAME_RATE = 10;
export const MAX_FRAME_RATE = 120;
/** Two minutes at MAX_FRAMES and 30 fps; timestamps past ten minutes are a client bug. */
export const MAX_TIMESTAMP_MS = 10 * 60 * 1000;
/**
 * Coordinates are normalised to the image; a pose model extrapolates joints just outside it
 * (a foot cut off at the bottom), so up to one image beyond each edge is taken.
 */
export const MIN_COORDINATE = -1;
export const MAX_COORDINATE = 2;
/**
 * The route's body limit: 3,600 BlazePose-33 frames of 99 numbers written with 4 decimals
 * (about 700 bytes a frame) is 2.5 MB; 4 MB leaves room for longer number formatting. The
 * server's default (BODY_LIMIT, 1 MB) holds only about 1,400 such frames.
 */
export const FORM_ANALYSIS_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

export const MAX_VALUES_PER_FRAME = valuesPerFrame('blazepose33');
export const MIN_VALUES_PER_FRAME = valuesPerFrame('coco17');
