import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseVerificationController, LiaisonVerificationController } from './verification.controller';
import { VerificationService } from './verification.service';

@Module({
  imports: [CasesModule],
  controllers: [CaseVerificationController, LiaisonVerificationController],
  providers: [VerificationService],
})
export class VerificationModule {}
