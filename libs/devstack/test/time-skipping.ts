import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { caseSearchAttributes } from '../../../workflows/src/search-attributes';
import { testEnvironment } from './stack';

/**
 * Temporal's Java time-skipping server from the tools folder, with our search attributes registered like
 * on a real cluster. Tests advance its clock with `env.sleep('10 days')`.
 */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testEnvironment().testServerPath } },
  });
  const IVT = temporal.api.enums.v1.IndexedValueType;
  const types: Record<string, temporal.api.enums.v1.IndexedValueType> = {
    KEYWORD: IVT.INDEXED_VALUE_TYPE_KEYWORD,
    DATETIME: IVT.INDEXED_VALUE_TYPE_DATETIME,
  };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(caseSearchAttributes.map((k) => [k.name, types[k.type]!])),
  });
  return env;
}
