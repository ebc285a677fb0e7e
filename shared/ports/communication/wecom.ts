/** A card as WeCom shows it in the app's conversation: a title, a text and where its button leads. */
export interface WeComCard {
  title: string;
  description: string;
  url: string;
  /** A button whose press comes back through the callback with its key (an acknowledgement). */
  button?: { key: string; text: string };
}

/** What became of one sending, as recorded: WeCom's msgid and refusals, and who it never reached. */
export interface WeComOutcome {
  /** WeCom's answer: 0 when it took the message (some members may still be invalid). */
  errcode: number;
  msgid?: string;
  /** Members WeCom took the message for. */
  delivered: string[];
  /** Members it did not reach: unknown to WeCom, over the per-member rate, or all of them on an error. */
  undelivered: string[];
}

/** Application messages through WeCom (企业微信): one sending per idempotency key, however often asked. */
export interface WeComChannel {
  sendCard(userIds: readonly string[], card: WeComCard, idempotencyKey: string): Promise<WeComOutcome>;
}

/** WeCom as the messenger uses it: the channel, and the address a card's link opens. */
export interface WeComDelivery {
  channel: WeComChannel;
  cardUrl(link: string | undefined): string;
}

/** The callback's cryptography (WeCom's scheme: SHA-1 signatures, AES-256-CBC with the corp id). */
export interface WeComCallbackCrypto {
  /** Whether `msg_signature` is the signature of the encrypted text under the callback token. */
  verify(signature: string, timestamp: string, nonce: string, encrypted: string): Promise<boolean>;
  /** The plain text, when it was encrypted for this company; undefined otherwise. */
  decrypt(encrypted: string): Promise<string | undefined>;
}
