import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { APP_ROLE, AppRole } from './app-role';

/** Makes the validated AppConfig (injected by its class) and the process role available everywhere. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig, role: AppRole): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_ROLE, useValue: role },
      ],
      exports: [AppConfig, APP_ROLE],
    };
  }
}
