import type { EntityManager } from 'typeorm';
import type { CaseEvent } from '../../../domain/src';
import { STEP_DEFINITIONS } from '../../../domain/src';
import type { Projector, StoredEvent } from '../event-store/event-store';

export type Channel = 'INBOX' | 'WEBHOOK' | 'LOG';

/** Supervisors as a unit receive escalations and flags (督查督办). */
export const SUPERVISORS = 'role:SUPERVISOR';

interface Message {
  recipientId: string;
  titleZh: string;
  bodyZh: string;
}

/**
 * Turns reminders, 催办, escalations and flags into outbox rows, one per channel, in the append's
 * transaction: a reminder is never lost, and (case, sequence, channel) is unique, so a retried append or a
 * replay never queues it twice. The in-app inbox is delivered by being written; other channels wait for
 * the dispatcher. Not a read model: a projection rebuild must not send anything again.
 */
export class NotificationOutboxProjector implements Projector {
  readonly name = 'notifications';

  constructor(private readonly channels: Channel[] = ['INBOX', 'LOG']) {}

  async apply(tx: EntityManager, events: StoredEvent[]): Promise<void> {
    const params: unknown[] = [];
    const rows: string[] = [];
    const dueDates = verificationDueDates(events);
    for (const stored of events) {
      const event = { type: stored.type, data: stored.data } as CaseEvent;
      const message = messageFor(stored.caseId, event, dueDates);
      if (!message) continue;
      const town =
        (stored.actor as { town?: string }).town ?? (stored.data as { town?: string }).town ?? null;
      const payload = JSON.stringify({
        caseId: stored.caseId,
        sequence: stored.sequence,
        type: stored.type,
        data: stored.data,
        at: stored.at,
      });
      for (const channel of this.channels) {
        const first = params.length + 1;
        params.push(
          `${stored.caseId}:${stored.sequence}:${channel}`,
          stored.caseId,
          stored.sequence,
          stored.type,
          channel,
          message.recipientId,
          town,
          message.titleZh,
          message.bodyZh,
          payload,
          channel === 'INBOX' ? 'DELIVERED' : 'PENDING',
          channel === 'INBOX' ? new Date() : null,
        );
        rows.push(`(${Array.from({ length: 12 }, (_, i) => `$${first + i}`).join(', ')})`);
      }
    }
    if (rows.length === 0) return;
    // Every message of the append on every channel in one statement (one round trip).
    await tx.query(
      `INSERT INTO notifications (id, case_id, sequence, event_type, channel, recipient_id, town, title_zh, body_zh, payload, status, delivered_at)
       VALUES ${rows.join(', ')}
       ON CONFLICT (case_id, sequence, channel) DO NOTHING`,
      params,
    );
  }
}

/**
 * Issue 15: a request's due date is counted in the same action (`VerificationDueSet` follows it), so the
 * department's first message can name the date, not only the number of working days.
 */
function verificationDueDates(events: StoredEvent[]): Map<string, string> {
  const dates = new Map<string, string>();
  for (const e of events) {
    if (e.type !== 'VerificationDueSet') continue;
    const { requestId, dueDate } = e.data as { requestId: string; dueDate: string };
    dates.set(requestId, dueDate);
  }
  return dates;
}

function messageFor(caseId: string, event: CaseEvent, dueDates: Map<string, string>): Message | null {
  switch (event.type) {
    case 'ReminderIssued': {
      const step = STEP_DEFINITIONS[event.data.step].termZh;
      const what = {
        OPENED: '已开始，请按时办理',
        BEFORE_DUE: '即将到期',
        DUE: '今日到期',
        OVERDUE: '已超期',
      }[event.data.kind];
      return {
        recipientId: event.data.assignee.id,
        titleZh: `【提醒】${caseId} ${step}${what}`,
        bodyZh: `案件 ${caseId} 的“${step}”环节${what}。`,
      };
    }
    case 'UrgeIssued': {
      const step = STEP_DEFINITIONS[event.data.step].termZh;
      return {
        recipientId: event.data.assignee.id,
        titleZh: `【催办】${caseId} ${step}已超期（第${event.data.countForStep}次）`,
        bodyZh: `案件 ${caseId} 的“${step}”环节已超过办理时限，请立即办理。本环节第${event.data.countForStep}次催办，您累计被催办${event.data.countForAssignee}次。`,
      };
    }
    case 'EscalatedToSupervisor': {
      const step = STEP_DEFINITIONS[event.data.step].termZh;
      return {
        recipientId: SUPERVISORS,
        titleZh: `【督办】${event.data.town} ${caseId} ${step}超期`,
        bodyZh: `${event.data.town}案件 ${caseId} 的“${step}”环节已超期，经办人 ${event.data.assignee.id}，已催办${event.data.countForStep}次。`,
      };
    }
    case 'AssigneeFlagged':
      return {
        recipientId: SUPERVISORS,
        titleZh: `【年度考核】${event.data.assignee.id} 被催办${event.data.urgeCount}次`,
        bodyZh: `工作人员 ${event.data.assignee.id} 在案件 ${caseId} 中被催办${event.data.urgeCount}次（达到${event.data.threshold}次），列入年度考核记录。`,
      };
    // Issue 15: the department asked is told of each request, of its due day and of each 催办 (its liaisons'
    // inbox, and the gateway): whom and what to check, never an answer.
    case 'VerificationRequested':
      return {
        recipientId: `department:${event.data.department}`,
        titleZh: `【核对请求】${caseId} ${event.data.memberId} 家庭经济状况核对`,
        bodyZh: `案件 ${caseId} 请求${event.data.departmentName}核对家庭成员 ${event.data.memberId}（${event.data.personRef}）的：${event.data.fields.join('、')}，请在${event.data.dueWorkingDays}个工作日内${dueDates.has(event.data.requestId) ? `（${dueDates.get(event.data.requestId)} 前）` : ''}反馈。依据：${event.data.legalBasis}。`,
      };
    case 'VerificationReminded':
      return {
        recipientId: `department:${event.data.department}`,
        titleZh: `【提醒】${caseId} 核对请求今日到期`,
        bodyZh: `案件 ${caseId} 的核对请求 ${event.data.requestId} 今日（${event.data.dueDate}）到期，请于今日内反馈。`,
      };
    case 'VerificationUrged':
      return {
        recipientId: `department:${event.data.department}`,
        titleZh: `【催办】${caseId} 核对请求已超期（第${event.data.count}次）`,
        bodyZh: `案件 ${caseId} 的核对请求 ${event.data.requestId} 已于 ${event.data.dueDate} 到期，尚未反馈，请立即反馈。第${event.data.count}次催办。`,
      };
    default:
      return null;
  }
}
