import {
  CreateSecretCommand,
  GetSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { FeedbackKeyVault } from '#ports/communication/feedbackKeys.ts';

/** The months' feedback keys as secrets `<prefix>/<month>`, made by the first function that needs one. */
export function secretsManagerKeyVault(
  prefix: string,
  client = new SecretsManagerClient({}),
): FeedbackKeyVault {
  const name = (epoch: string) => `${prefix}/${epoch}`;
  return {
    async read(epoch) {
      try {
        const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: name(epoch) }));
        return SecretString;
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
      }
    },
    async create(epoch, privateKeyPem) {
      try {
        await client.send(
          new CreateSecretCommand({
            Name: name(epoch),
            Description: `Signs the anonymous-feedback tokens of ${epoch} (RFC 9474 blind RSA)`,
            SecretString: privateKeyPem,
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ResourceExistsException) return false;
        throw error;
      }
    },
  };
}
