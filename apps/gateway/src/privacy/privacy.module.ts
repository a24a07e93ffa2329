import { Module } from '@nestjs/common';
import { ExportRepository } from './export.repository';
import { ExportService } from './export.service';
import { PrivacyController } from './privacy.controller';

/** Members' rights over their data: subject access. */
@Module({
  controllers: [PrivacyController],
  providers: [ExportService, ExportRepository],
  exports: [ExportService],
})
export class PrivacyModule {}
