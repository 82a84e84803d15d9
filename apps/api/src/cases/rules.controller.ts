import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RulesError, eligibility } from '../../../../libs/rules/src';
import { ApiError } from '../errors/api-error';
import { PolicyStore } from '../../../../libs/persistence/src';
import { CasesService } from './cases.service';

@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  constructor(
    private readonly cases: CasesService,
    private readonly policies: PolicyStore,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview an aid calculation with its explanation by article (libs/rules); changes nothing.',
  })
  preview(@Body() body: unknown) {
    return this.cases.preview(body);
  }

  @Post('preview/eligibility')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Preview an eligibility decision (Art. 5, 6, 7, 11) with each criterion and its article (libs/rules); changes nothing.',
  })
  async previewEligibility(@Body() body: unknown) {
    // The published version in force on the application date (policy_versions); a bad date is left to
    // eligibility() to report with its field.
    const date =
      body && typeof body === 'object' ? String((body as { applicationDate?: unknown }).applicationDate) : '';
    const policy = await this.policies.forDate(date).then(
      (p) => p.version,
      (err: unknown) => {
        if (err instanceof RulesError) return undefined;
        throw err;
      },
    );
    try {
      return eligibility(body, policy);
    } catch (err) {
      // The same 422 shape as the calculation preview: the typed error names the field and the article.
      if (err instanceof RulesError) {
        throw new ApiError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          err.code,
          err.messageZh,
          err.messageEn,
          err.field,
          err.toJSON(),
        );
      }
      throw err;
    }
  }
}
