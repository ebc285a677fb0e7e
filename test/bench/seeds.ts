import type { Employee } from '#domain/people/index.ts';

/** A bench employee E<id>: the fields every seeded person shares, and what this one differs in. */
export const benchEmployee = (
  id: number,
  departmentId: string,
  position: string,
  extra: Partial<Employee> = {},
): Employee => ({
  id: `E${id}`,
  name: `员工${id}`,
  workEmail: `e${id}@bench.example`,
  phone: '+86 138 0000 0000',
  departmentId,
  position,
  hireDate: '2020-01-01',
  hireChannel: 'campus',
  site: '上海 Shanghai',
  timeZone: 'Asia/Shanghai',
  locale: 'zh-CN',
  keyPosition: false,
  status: 'active',
  ...extra,
});
