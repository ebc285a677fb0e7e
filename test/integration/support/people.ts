/**
 * A new employee's body for POST /v1/employees: a sales person in Shanghai hired in 2022, named after
 * the last digit of the id (Latin letters, so nameLatin is valid), with what a test changes.
 */
export const newEmployee = (
  id: string,
  fields: { departmentId: string; managerId: string; label: string } & Record<string, unknown>,
) => {
  const { label, ...rest } = fields;
  const name = `${label} ${'LABCDEFGHI'[Number(id.slice(-1))]}`;
  return {
    id,
    name,
    nameLatin: name,
    workEmail: `${id.toLowerCase()}@hongtu.example`,
    phone: '+86 138 0000 0000',
    position: '销售 Sales',
    hireDate: '2022-03-01',
    hireChannel: 'campus',
    site: '上海 Shanghai',
    timeZone: 'Asia/Shanghai',
    ...rest,
  };
};
