import { Global, Module } from '@nestjs/common';
import { JsonCache } from './json-cache';

@Global()
@Module({ providers: [JsonCache], exports: [JsonCache] })
export class CacheModule {}
