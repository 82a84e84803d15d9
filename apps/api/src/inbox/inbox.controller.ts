import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { NotificationStore } from '../../../../libs/persistence/src';
import { CurrentActor, Roles } from '../auth/auth.guard';
import { STAFF_ROLES, type Actor } from '../auth/jwt';
import { ApiError } from '../errors/api-error';

/** The in-app channel of reminders and 催办: each person's inbox (and their role's unit's), with acknowledge. */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller()
export class InboxController {
  private readonly store: NotificationStore;

  constructor(dataSource: DataSource) {
    this.store = new NotificationStore(dataSource);
  }

  @Get('inbox')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'My reminders, 催办 and (for supervisors) escalations, newest first.' })
  inbox(@CurrentActor() actor: Actor) {
    return this.store.inbox(recipients(actor));
  }

  @Post('inbox/:id/acknowledge')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Acknowledge a notification (recorded once, with who and when).' })
  async acknowledge(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const row = await this.store.acknowledge(id, recipients(actor), actor.id);
    if (!row) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'NOTIFICATION_NOT_FOUND',
        '未找到该提醒，或它不属于您。',
        'No such notification in your inbox.',
        'id',
      );
    }
    return row;
  }

  @Get('notifications/failures')
  @Roles('SUPERVISOR', 'ADMINISTRATOR')
  @ApiOperation({
    summary: 'Deliveries that failed for good or are being retried after an error (SMS/webhook gateway).',
  })
  failures() {
    return this.store.failures();
  }
}

function recipients(actor: Actor): string[] {
  // A department liaison also reads what is addressed to their department (issue 15).
  return [actor.id, `role:${actor.role}`, ...(actor.department ? [`department:${actor.department}`] : [])];
}
