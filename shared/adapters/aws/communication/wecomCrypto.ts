import { decrypt, getSignature } from '@wecom/crypto';
import type { WeComCallbackCrypto } from '#ports/communication/index.ts';

/** WeCom's callback scheme through its own library; the keys come from the WeCom secret. */
export function wecomCallbackCrypto(
  keys: () => Promise<{ corpId: string; callbackToken: string; callbackAesKey: string } | undefined>,
): WeComCallbackCrypto {
  return {
    async verify(signature, timestamp, nonce, encrypted) {
      // Without WeCom configured, nothing is signed by it.
      const found = await keys();
      return (
        Boolean(found && encrypted) &&
        getSignature(found?.callbackToken ?? '', timestamp, nonce, encrypted) === signature
      );
    },
    async decrypt(encrypted) {
      const found = await keys();
      if (!found) return undefined;
      const { corpId, callbackAesKey } = found;
      try {
        const { message, id } = decrypt(callbackAesKey, encrypted);
        return id === corpId ? message : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
