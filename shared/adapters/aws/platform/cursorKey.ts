import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CursorKeySource } from '#ports/platform/cursorKey.ts';
import { secretsManagerSecret } from './secretValue.ts';

/** Reads the cursor key once per container, on the first list request, then keeps it. */
export function secretsManagerCursorKey(
  secretArn: string,
  client = new SecretsManagerClient({}),
): CursorKeySource {
  const secret = secretsManagerSecret(secretArn, client);
  return { key: async () => Buffer.from(await secret(), 'utf8') };
}
