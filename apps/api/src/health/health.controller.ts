import { Controller, Get, HttpCode, Inject, Post, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src';
import { ProbeRunEntity } from '../../../../libs/persistence/src';
import type { stackProbeWorkflow } from '../../../../workflows/src';
import { Public } from '../auth/auth.guard';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../infrastructure/tokens';

type Check = { status: 'up' | 'down'; latencyMs: number; error?: string };

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the API process is running.' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Temporal (our namespace) are reachable. 503 otherwise.',
  })
  async ready() {
    const [database, temporal] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() =>
        this.temporal.connection.workflowService.describeNamespace({
          namespace: this.config.temporal.namespace,
        }),
      ),
    ]);
    const body = {
      status: database.status === 'up' && temporal.status === 'up' ? 'ok' : 'unavailable',
      database,
      temporal,
    };
    if (body.status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }

  @Post('probe')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'End-to-end probe: starts a workflow whose activity writes to PostgreSQL, then reads the row back.',
  })
  async probe() {
    const started = Date.now();
    const probeId = randomUUID();
    const workflowId = `probe-${probeId}`;
    const result = await this.temporal.workflow.execute<typeof stackProbeWorkflow>('stackProbeWorkflow', {
      workflowId,
      taskQueue: this.config.temporal.taskQueue,
      args: [probeId],
      workflowExecutionTimeout: '1 minute',
    });
    const row = await this.dataSource.getRepository(ProbeRunEntity).findOneBy({ id: probeId });
    if (!row)
      throw new ServiceUnavailableException({
        status: 'unavailable',
        error: 'probe row not found after the workflow',
      });
    return {
      status: 'ok',
      probeId,
      workflowId,
      workerIdentity: result.workerIdentity,
      recordedAt: row.recordedAt.toISOString(),
      roundTripMs: Date.now() - started,
    };
  }
}

async function check(fn: () => Promise<unknown>): Promise<Check> {
  const started = Date.now();
  try {
    await withTimeout(fn(), 3_000);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (err) {
    return { status: 'down', latencyMs: Date.now() - started, error: (err as Error).message };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}
