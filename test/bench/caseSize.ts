import { createHash } from 'node:crypto';
import { addCustomers } from '../integration/support/books.ts';
import { benchStack } from './localStack.ts';
import { table } from './stats.ts';

/**
 * How large the answers of a handover get as the leaver's book grows: a sales rep with 200 and one
 * with 2,000 customers resign; the successor accepts them 500 at a time; the case closes. Every
 * response of the story is measured: the case view, pages of items, acceptances, the report.
 * Lambda answers at most 6 MB; the target is a case view ≤ 200 KB and every response ≤ 1 MB.
 */
const books: [leaver: string, customers: number][] = [
  ['E1014', 200],
  ['E1016', 2000],
];

export async function caseSizeReport(): Promise<string> {
  const stack = await benchStack();
  try {
    const { runtime } = stack;
    const sizes: { path: string; bytes: number }[] = [];
    let linkedBytes = 0;
    const call = async (method: string, path: string, as: string, body?: unknown, headers = {}) => {
      const response = await fetch(`${runtime.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await stack.tokenFor(as)}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        redirect: 'manual',
      });
      const text = await response.text();
      if (response.status === 303) {
        // A large report: the API links to it in the bucket; its own size is reported apart.
        const linked = Buffer.from(
          await (await fetch(response.headers.get('location') as string)).arrayBuffer(),
        );
        if (createHash('sha256').update(linked).digest('hex') !== response.headers.get('x-report-sha256'))
          throw new Error(`${path}: the linked report does not match its X-Report-Sha256`);
        linkedBytes = Math.max(linkedBytes, linked.byteLength);
      } else if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      sizes.push({ path: `${method} ${path.split('?')[0]}`, bytes: Buffer.byteLength(text) });
      const json = response.headers.get('content-type')?.includes('json');
      return { body: (json ? JSON.parse(text) : {}) as Record<string, unknown>, headers: response.headers };
    };

    const rows: string[][] = [];
    for (const [leaver, target] of books) {
      let owned = 0;
      for (let cursor: string | undefined, first = true; first || cursor; first = false) {
        const page = await call(
          'GET',
          `/v1/customers?ownerId=${leaver}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          'E1041',
        );
        owned += (page.body.items as unknown[]).length;
        cursor = page.body.nextCursor as string | undefined;
      }
      await addCustomers(runtime.clients.dynamo, runtime.names.tables.hr, {
        ownerId: leaver,
        count: target - owned,
        idPrefix: `C${leaver.slice(1)}`,
        at: stack.clock.now().toISOString(),
      });

      sizes.length = 0;
      linkedBytes = 0;
      const submitted = await call('POST', `/v1/employees/${leaver}/resignation`, 'E1041', {
        lastWorkingDay: '2026-11-27',
        reason: 'Bench',
        successorIds: ['E1015'],
      });
      const caseId = String(submitted.body.id);
      await runtime.catchUp();
      type Page = { total: number; items: { id: string; sha256: string }[]; nextCursor?: string };
      const opened = await call('GET', `/v1/offboarding/${caseId}`, 'E1015');
      const openedBytes = sizes.at(-1)?.bytes ?? 0;
      const first = (opened.body.items as { customers: Page }).customers;
      const customers = [...first.items];
      for (let cursor = first.nextCursor; cursor; ) {
        const next = await call(
          'GET',
          `/v1/offboarding/${caseId}/items?node=customers&limit=100&cursor=${encodeURIComponent(cursor)}`,
          'E1015',
        );
        customers.push(...(next.body.items as Page['items']));
        cursor = next.body.nextCursor as string | undefined;
      }
      if (customers.length !== target) throw new Error(`${customers.length} customers read, not ${target}`);
      for (let i = 0; i < customers.length; i += 500)
        await call('POST', `/v1/offboarding/${caseId}/customers/accept`, 'E1015', {
          items: customers.slice(i, i + 500).map((c) => ({ customerId: c.id, sha256: c.sha256 })),
        });

      // The rest of the case, so that it completes and its report can be read.
      const entry = [{ title: 'Bench', details: '—' }];
      const c = await call('GET', `/v1/offboarding/${caseId}`, 'E1041');
      const items = c.body.items as { workReport?: { version: number }; assets?: Page };
      if (items.workReport) {
        await call(
          'PUT',
          `/v1/offboarding/${caseId}/work-report`,
          leaver,
          {
            sections: {
              openProjects: entry,
              pendingTasks: entry,
              documentLocations: entry,
              accountsToHandOver: entry,
            },
          },
          { 'if-match': `"v${items.workReport.version}"` },
        );
        await call('POST', `/v1/offboarding/${caseId}/work-report/submit`, leaver);
        await call('POST', `/v1/offboarding/${caseId}/work-report/approve`, 'E1013', {});
      }
      for (const asset of items.assets?.items ?? [])
        await call('POST', `/v1/offboarding/${caseId}/assets/${asset.id}/confirm`, 'E1050', {
          status: 'returned',
        });
      await runtime.catchUp();
      const closed = await call('GET', `/v1/offboarding/${caseId}`, 'E1041');
      const closedBytes = sizes.at(-1)?.bytes ?? 0;
      if (closed.body.status !== 'completed') throw new Error(`The case is ${String(closed.body.status)}`);
      await call('GET', `/v1/offboarding/${caseId}/report`, 'E1041');
      await call('GET', `/v1/offboarding/${caseId}/report?format=html`, 'E1041');
      const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
      rows.push([
        String(target),
        kb(openedBytes),
        kb(closedBytes),
        kb(largest.bytes),
        largest.path.replace(caseId, '{caseId}'),
        String(sizes.length),
        linkedBytes ? kb(linkedBytes) : '—',
      ]);
    }
    return table([
      [
        'customers',
        'case view, open',
        'case view, completed',
        'largest response',
        'which',
        'responses',
        'linked report',
      ],
      ...rows,
    ]);
  } finally {
    await stack.stop();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.main) console.log(await caseSizeReport());
