import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.guard';
import type { Actor } from '../auth/jwt';
import { DecisionsService } from './decisions.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get(':caseId/decisions')
  @ApiOperation({
    summary:
      'Every decision of the case (eligibility, calculation, deadlines) with the policy version it used (id and ' +
      'content hash), its inputs and result, and a recomputation under that same version (`matches` must be true).',
  })
  @ApiResponse({ status: 403, description: "Another town's case" })
  @ApiResponse({ status: 404, description: 'No such case' })
  list(@Param('caseId') caseId: string, @CurrentActor() actor: Actor) {
    return this.decisions.decisions(actor, caseId);
  }
}
