import { parseAcknowledgementKey } from '#domain/communication/index.ts';
import { isDomainError, PermissionDeniedError } from '#kernel/errors.ts';
import type { WeComCallbackCrypto } from '#ports/communication/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { makeNotices } from './notices.ts';

export interface WeComCallbackDeps {
  crypto: WeComCallbackCrypto;
  employees: Pick<EmployeeStore, 'findByWeComUser'>;
  notices: Pick<ReturnType<typeof makeNotices>, 'acknowledge'>;
}

export interface CallbackQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

/** One field of WeCom's flat XML (`<Name><![CDATA[value]]></Name>` or `<Name>value</Name>`). */
function field(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return match ? (match[1] ?? match[2] ?? '') : undefined;
}

const refused = () =>
  new PermissionDeniedError('The callback is not signed by this company’s WeCom.', 'wecom_signature_invalid');

/**
 * WeCom's callback: the URL check when an admin sets it, and the events it then sends. Each is signed
 * with the callback token and encrypted for the company; anything else is refused. A press of a
 * notice card's acknowledge button acknowledges, for the member who pressed it, the version the card
 * showed — the same as through the API, evidence and all.
 */
export function makeWeComCallback({ crypto, employees, notices }: WeComCallbackDeps) {
  const open = async (query: CallbackQuery, encrypted: string) => {
    if (!(await crypto.verify(query.msg_signature, query.timestamp, query.nonce, encrypted))) throw refused();
    const plain = await crypto.decrypt(encrypted);
    if (plain === undefined) throw refused();
    return plain;
  };
  return {
    /** The URL check: the decrypted `echostr`, returned as it is. */
    verifyUrl: (query: CallbackQuery & { echostr: string }) => open(query, query.echostr),

    /** An event; what it did, for the log (WeCom only needs an answer). */
    async receive(query: CallbackQuery, body: string): Promise<string> {
      const event = await open(query, field(body, 'Encrypt') ?? '');
      if (field(event, 'MsgType') !== 'event' || field(event, 'Event') !== 'template_card_event')
        return 'ignored';
      const acknowledgement = parseAcknowledgementKey(field(event, 'EventKey') ?? '');
      if (!acknowledgement) return 'ignored';
      const members = await employees.findByWeComUser(field(event, 'FromUserName') ?? '');
      if (members.length !== 1 || !members[0]) return 'unknown member';
      try {
        await notices.acknowledge(
          { employeeId: members[0].id },
          acknowledgement.noticeId,
          acknowledgement.contentHash,
          'wecom',
        );
        return 'acknowledged';
      } catch (error) {
        // A card of an older version, or of a notice they did not get: nothing is acknowledged.
        if (isDomainError(error)) return error.code;
        throw error;
      }
    },
  };
}
