import { makeInbox } from '#adapters/aws/communication/inbox.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { makeMessenger } from '#app/communication/messenger.ts';
import { makeNotifications } from '#app/communication/notifications.ts';
import { once } from './once.ts';
import { employeeStore } from './people.ts';
import { clock, mailer, table } from './platform.ts';

/** Communication: the in-app inboxes, and telling people in their language, in the app and by mail. */
export const inbox = /* @__PURE__ */ once(() => makeInbox(dynamo, table(), clock));

export const messenger = /* @__PURE__ */ once(() =>
  makeMessenger({ notifier: inbox(), mailer: mailer(), employees: employeeStore() }),
);

export const notificationsApi = () => makeNotifications({ inbox: inbox(), clock });
