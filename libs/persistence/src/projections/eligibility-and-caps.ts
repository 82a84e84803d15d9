import type { EntityManager } from 'typeorm';
import type { CaseEvent, CaseState } from '../../../domain/src';
import { setCapUsageStatus } from '../money/aid-records';

/**
 * Issue 10, in the append's transaction: a case's use of its person's annual caps follows its events
 * (proposed → approved → paid; released when the case ends without payment), and every review that
 * concluded against the rules lands in `eligibility_overrides` for the supervisors.
 */
export async function projectEligibilityAndCaps(
  tx: EntityManager,
  caseId: string,
  sequence: number,
  event: CaseEvent,
  after: CaseState,
): Promise<void> {
  switch (event.type) {
    case 'DistrictReviewRecorded':
    case 'ReInvestigationRecorded': {
      const positive = event.type === 'DistrictReviewRecorded' ? event.data.eligible : event.data.approve;
      if (positive && event.data.breakdownRef)
        await setCapUsageStatus(tx, caseId, 'PROPOSED', event.data.breakdownRef);
      return;
    }
    case 'ApplicationApproved':
      return setCapUsageStatus(tx, caseId, 'APPROVED');
    case 'AidDisbursed':
      return setCapUsageStatus(tx, caseId, 'PAID');
    case 'ApplicationRejected':
    case 'Withdrawn':
    case 'CaseTerminated':
      // The room the case held is free again for the person's other cases (never once paid).
      await tx.query(
        `UPDATE aid_cap_usage SET status = 'RELEASED', updated_at = now() WHERE case_id = $1 AND status <> 'PAID'`,
        [caseId],
      );
      return;
    case 'EligibilityOverridden':
      await tx.query(
        `INSERT INTO eligibility_overrides (case_id, sequence, step, town, assessed_eligible, concluded_eligible,
           reason, by_id, by_role, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
        [
          caseId,
          sequence,
          event.data.step,
          after.town,
          event.data.assessedEligible,
          event.data.concludedEligible,
          event.data.reason,
          event.actor.id,
          event.actor.role,
          event.at,
        ],
      );
      return;
    default:
      return;
  }
}
