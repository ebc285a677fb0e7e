import { benchStack } from './localStack.ts';
import { table } from './stats.ts';

/**
 * Imports as jobs: a CSV of 10,000 and of 50,000 employees sent to POST /v1/employees/imports, timed
 * until its job says completed (the job checks every row, then writes chunk by chunk); the process's
 * peak memory (the job runs in it) sampled every 50 ms. Target: 50,000 rows in ≤ 60 s, memory flat.
 */
const sizes = (process.env.BENCH_IMPORT_ROWS ?? '10000,50000').split(',').map(Number);
const header =
  'id,name,workEmail,phone,departmentId,position,managerId,hireDate,hireChannel,referrerId,site,timeZone,locale,keyPosition,roles';

function staff(n: number, firstId: number): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const manager = i === 0 ? 'E1020' : `E${firstId + Math.floor((i - 1) / 10)}`;
    return `E${firstId + i},员工${i},s${firstId + i}@hongtu.example,+86 138 0000 0000,D03,Engineer,${manager},2024-03-01,campus,,Shanghai,Asia/Shanghai,zh-CN,false,employee`;
  });
  return `${header}\n${rows.join('\n')}\n`;
}

export async function importsReport(): Promise<string> {
  const stack = await benchStack();
  try {
    const hr = await stack.tokenFor('E1041');
    const rows: string[][] = [
      [
        'rows',
        'file',
        'accepted (ms)',
        'checked (s)',
        'job done (s)',
        'rows/s',
        'peak RSS',
        'RSS before',
        'peak heap',
        'heap before',
        'peak heap checking',
        'peak heap writing',
      ],
    ];
    let firstId = 100_000;
    for (const n of sizes) {
      const csv = staff(n, firstId);
      firstId += n + 1000;
      global.gc?.();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakHeap = before.heapUsed;
      // The peak heap in each phase of the job (as its last polled status says), to see which one grows.
      let phase = 'queued';
      const phasePeak: Record<string, number> = {};
      const sampler = setInterval(() => {
        const now = process.memoryUsage();
        peakRss = Math.max(peakRss, now.rss);
        peakHeap = Math.max(peakHeap, now.heapUsed);
        phasePeak[phase] = Math.max(phasePeak[phase] ?? 0, now.heapUsed);
      }, 50);
      const started = performance.now();
      // Larger than a request may carry (5 MiB): uploaded through a pre-signed link, then imported.
      const auth = { authorization: `Bearer ${hr}` };
      const link = (await (
        await fetch(`${stack.runtime.url}/v1/employees/imports/uploads`, { method: 'POST', headers: auth })
      ).json()) as { uploadId: string; url: string };
      const put = await fetch(link.url, {
        method: 'PUT',
        headers: { 'content-type': 'text/csv' },
        body: csv,
      });
      if (!put.ok) throw new Error(`The upload answered ${put.status}`);
      const response = await fetch(`${stack.runtime.url}/v1/employees/imports/uploads/${link.uploadId}`, {
        method: 'POST',
        headers: auth,
      });
      const acceptedMs = performance.now() - started;
      const { id } = (await response.json()) as { id: string };
      if (response.status !== 202) throw new Error(`POST answered ${response.status}`);
      let status = 'queued';
      let checkedS = 0;
      let last: { status: string } | undefined;
      while (!['completed', 'refused', 'failed'].includes(status)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const job = await fetch(`${stack.runtime.url}/v1/employees/imports/${id}`, {
          headers: { authorization: `Bearer ${hr}` },
        });
        last = (await job.json()) as { status: string };
        status = last.status;
        phase = status === 'validating' ? 'queued' : status;
        if (status === 'importing' && !checkedS) checkedS = (performance.now() - started) / 1000;
      }
      const doneS = (performance.now() - started) / 1000;
      clearInterval(sampler);
      if (status !== 'completed') throw new Error(`The job ended ${status}: ${JSON.stringify(last)}`);
      await stack.runtime.catchUp(); // the identities that follow, before the next size
      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
      rows.push([
        n.toLocaleString('en'),
        mb(Buffer.byteLength(csv)),
        acceptedMs.toFixed(0),
        checkedS.toFixed(1),
        doneS.toFixed(1),
        (n / doneS).toFixed(0),
        mb(peakRss),
        mb(before.rss),
        mb(peakHeap),
        mb(before.heapUsed),
        mb(phasePeak.queued ?? 0),
        mb(phasePeak.importing ?? 0),
      ]);
    }
    return table(rows);
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) console.log(await importsReport());
