import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../../common/auth/auth.decorators';
import { ProblemException } from '../../common/errors/domain-errors';
import { HealthService } from './health.service';

/**
 * Probes for orchestrators, served at the root (outside /api/v1). Excluded from the
 * public API document; see docs/operations.md.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    const { ready, result } = await this.health.readiness();
    if (!ready) {
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'not-ready',
        'Not ready',
        'A dependency is unavailable.',
        { checks: result.details },
      );
    }
    return result;
  }
}
