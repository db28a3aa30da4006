import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { WorkoutsModule } from '../workouts/workouts.module';
import { DataExportService } from './data-export.service';
import { DataImportService } from './data-import.service';
import { DataRightsController } from './data-rights.controller';
import { DataRightsRepository } from './data-rights.repository';
import { DataExport } from './entities/data-export.entity';
import { DataImportRecord } from './entities/data-import-record.entity';
import { DataImport } from './entities/data-import.entity';

/**
 * Data rights (docs/data-rights.md): the export of everything a user owns (one registry of
 * tables, streamed to storage) and imports of FitAI exports and Strong/Hevy CSV files.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([DataExport, DataImport, DataImportRecord]),
    UsersModule,
    WorkoutsModule,
  ],
  controllers: [DataRightsController],
  providers: [DataRightsRepository, DataExportService, DataImportService],
  exports: [DataExportService, DataImportService],
})
export class DataRightsModule {}
