import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CasesService } from './cases.service';

@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  constructor(private readonly cases: CasesService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview an aid calculation with its explanation by article (libs/rules); changes nothing.',
  })
  preview(@Body() body: unknown) {
    return this.cases.preview(body);
  }
}
