import { ApplicationFailure } from '@temporalio/activity';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ApprovalAuthority } from '../../../../libs/domain/src';
import { RulesError, calculate, selectPolicy } from '../../../../libs/rules/src';

/** The amount the district fixes (Art. 9–13, 17, 19, 21), computed by libs/rules and kept with its explanation. */
export function createRulesActivities(deps: { dataSource: DataSource }) {
  return {
    async calculateAid(input: {
      caseId: string;
      category: string;
      applicationDate: string;
      calculation: unknown;
    }) {
      const policy = selectPolicy(input.applicationDate);
      let result;
      try {
        result = calculate(input.calculation, policy);
      } catch (err) {
        if (err instanceof RulesError)
          throw ApplicationFailure.nonRetryable(err.messageEn, 'RulesValidationError', err.toJSON());
        throw err;
      }
      if (result.category !== input.category) {
        throw ApplicationFailure.nonRetryable(
          `the calculation is for category ${result.category} but the case is ${input.category}`,
          'RulesValidationError',
          {
            field: 'calculation.category',
            messageZh: '计算所用类别与案件类别不一致。',
            messageEn: 'The calculation category differs from the case category.',
          },
        );
      }
      const approvalAuthority: ApprovalAuthority =
        result.approval.authority === 'DISTRICT_LEADER' ? 'DISTRICT_LEADER' : 'DISTRICT_BUREAU';
      const calculationId = randomUUID();
      await deps.dataSource.query(
        `INSERT INTO aid_calculations (id, case_id, policy_id, total, approval_authority, input, result)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          calculationId,
          input.caseId,
          policy.id,
          result.total,
          approvalAuthority,
          JSON.stringify(input.calculation),
          JSON.stringify(result),
        ],
      );
      return { total: result.total, approvalAuthority, calculationId, explanation: result.explanation };
    },
  };
}
