import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { makeAccessStore } from '#adapters/aws/people/accessStore.ts';
import { secretsManagerCursorKey } from '#adapters/aws/platform/cursorKey.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { config } from '#adapters/config.ts';
import { logger } from '#adapters/logger.ts';
import { clock, resolvePort } from '#adapters/runtimePorts.ts';
import { makePermissions } from '#app/people/permissions.ts';
import { makeCursorCodec } from '#http/cursor.ts';
import { httpApi } from '#http/httpApi.ts';
import { pageRequest, pageResponse } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { listEvidenceRoute } from './routes.ts';

const access = makeAccessStore(dynamo, config('hrTable'));
const permissions = makePermissions({
  access,
  evidence: makeEvidenceLog(dynamo, config('evidenceTable'), clock),
  clock,
});
const cursors = makeCursorCodec(
  resolvePort('cursorKey', () => secretsManagerCursorKey(config('cursorSecret'))),
);

export const handler = httpApi(
  [
    bindRoute(listEvidenceRoute, async ({ principal, query }) => {
      const { limit, cursor, ...filter } = query;
      const scope = `listEvidence ${principal.employeeId} ${JSON.stringify(filter)}`;
      const result = await permissions.evidence(
        principal,
        filter,
        await pageRequest(cursors, { limit, cursor }, scope),
      );
      return { status: 200, body: await pageResponse(cursors, result, scope) };
    }),
  ],
  { logger, accessStore: access },
);
