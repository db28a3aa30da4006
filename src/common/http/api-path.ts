/** The root of the versioned API: every product route is served below it (configureHttpApp). */
export const API_PREFIX = 'api/v1';

/** The path clients call for a route below the API root: `goals/42` is `/api/v1/goals/42`. */
export function apiPath(relative: string): string {
  return `/${API_PREFIX}/${relative}`;
}
