import { dirname } from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import {
  historyFromJSON as sdkHistoryFromJSON,
  historyToJSON as sdkHistoryToJSON,
  type History,
} from '@temporalio/common/lib/proto-utils';

/**
 * History files in the JSON form Temporal's tools write (proto3 JSON, as `temporal workflow show -o json`).
 *
 * The SDK's own `historyToJSON` / `historyFromJSON` (@temporalio/common) are used when they work. In this
 * install npm left two copies of protobufjs 8 (one under @temporalio/common, one under @temporalio/proto),
 * and protobufjs' JSON codec refuses a message type built by the other copy ("type must be a Type"). The
 * fallback uses the codec of the very protobufjs that built Temporal's proto root, so the pair always
 * matches, deduplicated or not.
 */
type ProtoJson = {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: unknown): unknown;
};
const codec = (): ProtoJson =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(
    require.resolve('protobufjs/ext/protojson', { paths: [dirname(require.resolve('@temporalio/proto'))] }),
  ) as ProtoJson;
const historyType = () =>
  (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType(
    'temporal.api.history.v1.History',
  );

export function historyToJSON(history: History): string {
  try {
    return sdkHistoryToJSON(history);
  } catch (err) {
    if (!isCodecMismatch(err)) throw err;
    const message = proto.temporal.api.history.v1.History.fromObject(history);
    return JSON.stringify(codec().toJson(historyType(), message), null, 2);
  }
}

export function historyFromJSON(json: unknown): History {
  try {
    return sdkHistoryFromJSON(json);
  } catch (err) {
    if (!isCodecMismatch(err)) throw err;
    return codec().fromJson(historyType(), json, { ignoreUnknownFields: true }) as History;
  }
}

function isCodecMismatch(err: unknown): boolean {
  return err instanceof TypeError && /must be a Type/.test(err.message);
}
