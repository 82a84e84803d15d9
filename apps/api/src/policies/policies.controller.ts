import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { OPEN_CASES_RULES, policyJsonSchema } from '../../../../libs/rules/src';
import { CurrentActor, Roles } from '../auth/auth.guard';
import type { Actor } from '../auth/jwt';
import { PoliciesService } from './policies.service';

/** The body exactly as received: the policy validator reports every problem itself; no pipe may reshape it. */
const UntrustedBody = createParamDecorator((_: unknown, ctx: ExecutionContext): unknown => {
  return ctx.switchToHttp().getRequest<Request>().body as unknown;
});

const READERS = ['ADMINISTRATOR', 'DISTRICT_REVIEWER', 'DISTRICT_LEADER', 'SUPERVISOR'] as const;
const actorOf = (a: Actor) => ({ id: a.id, name: a.name });

@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
@ApiResponse({ status: 401, description: 'No or invalid token' })
@ApiResponse({ status: 403, description: 'Role not permitted' })
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Every policy version, drafts and published, oldest range first (without documents).',
  })
  list() {
    return this.policies.list();
  }

  @Get('schema')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The JSON Schema of a policy document (libs/rules/src/policies/policy.schema.json).',
  })
  schema() {
    return policyJsonSchema();
  }

  @Post('continue')
  @HttpCode(HttpStatus.CREATED)
  @Roles('ADMINISTRATOR')
  @ApiOperation({
    summary:
      '继续执行: a draft with the parameters of a published version, a new range and the document that says so ' +
      '(body: from, id, effectiveFrom, effectiveTo, documentReference). Published like any draft, by a second ' +
      'administrator. 409 when the range overlaps a published version.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['from', 'id', 'effectiveFrom', 'effectiveTo', 'documentReference'],
      properties: {
        from: { type: 'string', example: 'xinhui-2018' },
        id: { type: 'string', example: 'xinhui-2018-continued-2021' },
        effectiveFrom: { type: 'string', format: 'date', example: '2021-10-01' },
        effectiveTo: { type: 'string', format: 'date', example: '2026-12-31' },
        documentReference: {
          type: 'string',
          example: '关于继续执行《新会区困难群众医疗救助实施办法》的通知',
        },
        openCases: {
          type: 'string',
          enum: [...OPEN_CASES_RULES],
          description:
            'Cases still open when it comes into force: KEEP_THEIR_VERSION (default) or ADOPT_FOR_DECISIONS_NOT_YET_MADE (they take it for the eligibility and amount decisions not yet made).',
        },
      },
    },
  })
  continueVersion(@UntrustedBody() body: unknown, @CurrentActor() actor: Actor) {
    return this.policies.continueVersion(body, actorOf(actor));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One version with its document, status, hash, uploader and approver.' })
  get(@Param('id') id: string) {
    return this.policies.get(id);
  }

  @Put(':id')
  @Roles('ADMINISTRATOR')
  @ApiOperation({
    summary:
      'Upload or replace the draft `id` (ADMINISTRATOR). The body is a policy document (GET /policies/schema). ' +
      'An invalid document is refused with 422 listing every problem (path, zh, en) in error.details and nothing ' +
      'is stored; a published version is never replaced (409); a range overlapping a published one: 409.',
  })
  @ApiBody({ schema: { type: 'object', description: 'A policy document (see GET /policies/schema)' } })
  putDraft(@Param('id') id: string, @UntrustedBody() body: unknown, @CurrentActor() actor: Actor) {
    return this.policies.putDraft(id, body, actorOf(actor));
  }

  @Post(':id/preview')
  @HttpCode(HttpStatus.OK)
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Amounts of sample calculation inputs (body `{ inputs: [...] }`, or the worked examples of libs/rules when ' +
      'absent) under the published version in force before the draft and under the draft, with the difference.',
  })
  preview(@Param('id') id: string, @UntrustedBody() body: unknown) {
    return this.policies.preview(id, body);
  }

  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @Roles('ADMINISTRATOR')
  @ApiOperation({
    summary:
      'Publish a draft (ADMINISTRATOR). Four eyes: the administrator who uploaded it cannot approve it (403). ' +
      'Published versions are never changed; 409 when already published or overlapping a published range.',
  })
  approve(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.policies.approve(id, actorOf(actor));
  }
}
