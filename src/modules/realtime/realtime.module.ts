import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RealtimeGateway } from './realtime.gateway';

/**
 * The socket.io gateway of the API (the worker builds it too but serves no sockets: an
 * application context has no HTTP server). Emitting is RealtimeEmitter's (infrastructure).
 */
@Module({
  imports: [AuthModule],
  providers: [RealtimeGateway],
  exports: [RealtimeGateway],
})
export class RealtimeModule {}
