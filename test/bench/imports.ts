import { spawnSync } from 'node:child_process';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchStack } from './localStack.ts';
import { table } from './stats.ts';

/**
 * Imports as jobs: a CSV of 10,000 and of 50,000 employees uploaded and sent to POST
 * /v1/employees/imports, timed until its job says completed (the job checks every row, then writes
 * chunk by chunk). Each size runs in a process of its own, so that one size's garbage is not the
 * next one's baseline. Memory: the peak heap as sampled every 50 ms, and the live heap (the heap right
 * after each full collection V8 makes), which is what the job keeps. Target: 50,000 rows in ≤ 60 s,
 * memory flat.
 */
const sizes = (process.env.BENCH_IMPORT_ROWS ?? '10000,50000').split(',').map(Number);
const targetSeconds = 60;
const header =
  'id,name,workEmail,phone,departmentId,position,managerId,hireDate,hireChannel,referrerId,site,timeZone,locale,keyPosition,roles';

function staff(n: number, firstId: number): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const manager = i === 0 ? 'E1020' : `E${firstId + Math.floor((i - 1) / 10)}`;
    return `E${firstId + i},员工${i},s${firstId + i}@hongtu.example,+86 138 0000 0000,D03,Engineer,${manager},2024-03-01,campus,,Shanghai,Asia/Shanghai,zh-CN,false,employee`;
  });
  return `${header}\n${rows.join('\n')}\n`;
}

interface Measured {
  rows: number;
  fileBytes: number;
  acceptedMs: number;
  checkedS: number;
  doneS: number;
  baseHeap: number;
  peakHeap: number;
  peakLiveHeap: number;
  /** The live heap's peak while the rows are checked, and while they are written. */
  liveChecking: number;
  liveWriting: number;
  peakRss: number;
}

/** One import of `n` rows in a fresh local stack. */
async function measure(n: number): Promise<Measured> {
  const stack = await benchStack();
  try {
    const hr = await stack.tokenFor('E1041');
    const auth = { authorization: `Bearer ${hr}` };
    global.gc?.();
    const baseHeap = process.memoryUsage().heapUsed; // the stack's own, before the file exists
    const csv = staff(n, 100_000);
    let peakHeap = baseHeap;
    let peakLiveHeap = baseHeap;
    const live = { checking: baseHeap, writing: baseHeap };
    let phase: keyof typeof live = 'checking';
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 50);
    // Right after each full collection V8 makes on its own: what is still reachable then.
    const collections = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
          const heap = process.memoryUsage().heapUsed;
          peakLiveHeap = Math.max(peakLiveHeap, heap);
          live[phase] = Math.max(live[phase], heap);
        }
    });
    collections.observe({ entryTypes: ['gc'] });
    const started = performance.now();
    // Larger than a request may carry (5 MiB): uploaded through a pre-signed link, then imported.
    const link = (await (
      await fetch(`${stack.runtime.url}/v1/employees/imports/uploads`, { method: 'POST', headers: auth })
    ).json()) as { uploadId: string; url: string };
    const put = await fetch(link.url, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: csv });
    if (!put.ok) throw new Error(`The upload answered ${put.status}`);
    const response = await fetch(`${stack.runtime.url}/v1/employees/imports/uploads/${link.uploadId}`, {
      method: 'POST',
      headers: auth,
    });
    const acceptedMs = performance.now() - started;
    const { id } = (await response.json()) as { id: string };
    if (response.status !== 202) throw new Error(`POST answered ${response.status}`);
    let last: { status: string } = { status: 'queued' };
    let checkedS = 0;
    while (!['completed', 'refused', 'failed'].includes(last.status)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const job = await fetch(`${stack.runtime.url}/v1/employees/imports/${id}`, { headers: auth });
      last = (await job.json()) as { status: string };
      if (last.status === 'importing' && !checkedS) {
        checkedS = (performance.now() - started) / 1000;
        phase = 'writing';
      }
    }
    const doneS = (performance.now() - started) / 1000;
    clearInterval(sampler);
    collections.disconnect();
    if (last.status !== 'completed') throw new Error(`The job ended ${last.status}: ${JSON.stringify(last)}`);
    await stack.runtime.catchUp(); // the identities that follow, before the stack stops
    return {
      rows: n,
      fileBytes: Buffer.byteLength(csv),
      acceptedMs,
      checkedS,
      doneS,
      baseHeap,
      peakHeap,
      peakLiveHeap,
      liveChecking: live.checking,
      liveWriting: live.writing,
      peakRss,
    };
  } finally {
    await stack.stop();
  }
}

export function importsReport(): string {
  const measured = sizes.map((n) => {
    const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_IMPORT_ONE: String(n) },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
    if (run.status !== 0 || !line) throw new Error(`The import of ${n} rows failed:\n${run.stderr}`);
    return JSON.parse(line) as Measured;
  });
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const smallest = measured[0] as Measured;
  const rows: string[][] = [
    [
      'rows',
      'file',
      'accepted (ms)',
      'checked (s)',
      'job done (s)',
      `vs ${targetSeconds} s target`,
      'rows/s',
      'heap at start',
      'peak heap',
      'peak live heap',
      'live heap checking / writing',
      'peak live heap vs smallest',
      'peak RSS',
    ],
    ...measured.map((m) => [
      m.rows.toLocaleString('en'),
      mb(m.fileBytes),
      m.acceptedMs.toFixed(0),
      m.checkedS.toFixed(1),
      m.doneS.toFixed(1),
      m.rows === 50_000 ? `${((m.doneS / targetSeconds) * 100).toFixed(0)}%` : '',
      (m.rows / m.doneS).toFixed(0),
      mb(m.baseHeap),
      mb(m.peakHeap),
      mb(m.peakLiveHeap),
      `${mb(m.liveChecking)} / ${mb(m.liveWriting)}`,
      `${(m.peakLiveHeap / smallest.peakLiveHeap).toFixed(2)}× for ${(m.rows / smallest.rows).toFixed(0)}× the rows`,
      mb(m.peakRss),
    ]),
  ];
  return table(rows);
}

if (import.meta.main) {
  const one = process.env.BENCH_IMPORT_ONE;
  if (one) console.log(JSON.stringify(await measure(Number(one))));
  else console.log(importsReport());
}
