import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/auth.decorators';
import { MetricsService } from '../../infrastructure/metrics/metrics.service';

/** Prometheus scrape endpoint at the root. Keep it off the public internet (see docs). */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: FastifyReply): Promise<void> {
    res.type(this.metrics.contentType).send(await this.metrics.metrics());
  }
}
