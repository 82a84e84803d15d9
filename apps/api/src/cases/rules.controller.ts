import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PolicyStore } from '../../../../libs/persistence/src';
import { RulesError, calculate, eligibility, type PolicyVersion } from '../../../../libs/rules/src';
import { rulesPreviewError } from './case-errors';

@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  constructor(private readonly policies: PolicyStore) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview an aid calculation with its explanation by article (libs/rules); changes nothing.',
  })
  preview(@Body() body: unknown) {
    return this.underPolicyInForce(body, calculate);
  }

  @Post('preview/eligibility')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Preview an eligibility decision (Art. 5, 6, 7, 11) with each criterion and its article (libs/rules); changes nothing.',
  })
  previewEligibility(@Body() body: unknown) {
    return this.underPolicyInForce(body, eligibility);
  }

  /**
   * Runs a rules entry point under the published version in force on the input's application date
   * (policy_versions); a bad date is left to the rules to report with its field. A typed rules error is a 422
   * naming the field and the article.
   */
  private async underPolicyInForce<T>(body: unknown, rules: (raw: unknown, policy?: PolicyVersion) => T) {
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
      return rules(body, policy);
    } catch (err) {
      if (err instanceof RulesError) throw rulesPreviewError(err);
      throw err;
    }
  }
}
