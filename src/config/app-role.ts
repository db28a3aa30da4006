/** Which entrypoint booted this process; labels logs and metrics. */
export type AppRole = 'api' | 'worker';
export const APP_ROLE = Symbol('APP_ROLE');
