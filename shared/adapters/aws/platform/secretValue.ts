import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** A secret's string, read on first use and kept; a failed read is tried again by the next caller. */
export function secretsManagerSecret(secretArn: string, client = new SecretsManagerClient({})) {
  let value: Promise<string> | undefined;
  return () => {
    value ??= client
      .send(new GetSecretValueCommand({ SecretId: secretArn }))
      .then((r) => {
        if (!r.SecretString) throw new Error(`The secret ${secretArn} has no value`);
        return r.SecretString;
      })
      .catch((error: unknown) => {
        value = undefined;
        throw error;
      });
    return value;
  };
}
