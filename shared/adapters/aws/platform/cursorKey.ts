import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CursorKeySource } from '#ports/platform/cursorKey.ts';

/** Reads the cursor key once per container, on the first list request, then keeps it. */
export function secretsManagerCursorKey(
  secretArn: string,
  client = new SecretsManagerClient({}),
): CursorKeySource {
  let key: Promise<Buffer> | undefined;
  return {
    key() {
      key ??= client
        .send(new GetSecretValueCommand({ SecretId: secretArn }))
        .then((r) => {
          if (!r.SecretString) throw new Error('The cursor secret has no value');
          return Buffer.from(r.SecretString, 'utf8');
        })
        .catch((error: unknown) => {
          key = undefined; // a failed read is retried by the next request, not cached
          throw error;
        });
      return key;
    },
  };
}
