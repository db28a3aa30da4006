import { Module } from '@nestjs/common';
import { AiModule } from '../ai/ai.module';
import { FormAnalysisController } from './form-analysis/form-analysis.controller';
import { FormAnalysisService } from './form-analysis/form-analysis.service';

/** The AI coach (PRODUCT.md section 10). So far: form analysis from pose keypoints. */
@Module({
  imports: [AiModule],
  controllers: [FormAnalysisController],
  providers: [FormAnalysisService],
})
export class AiCoachModule {}
