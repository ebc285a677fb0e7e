import type { Customer, Deal, Interaction } from '#domain/customers/index.ts';
import type { AssetSnapshot } from '#domain/offboarding/index.ts';
import type { Department, Employee } from '#domain/people/index.ts';
import type { Role } from '#kernel/principal.ts';
import { salesHistory } from './salesHistory.ts';

/**
 * 宏图贸易 (Hongtu Trading): the demo company. About fifty people, with the ones of SCENARIOS.md:
 * 王芳 (Wang Fang) leads a sales team of ten, six of whom she referred; she owns 40 customers, five of
 * them key accounts worth 40% of revenue. 李雷 (Li Lei) is in her team and becomes her successor.
 * Generated deterministically: the same data on every machine.
 */
export interface DemoPerson extends Employee {
  roles: Role[];
}

export interface DemoCompany {
  departments: Department[];
  people: DemoPerson[];
  customers: Customer[];
  /** Two years of the sales book: deals won, lost and open, and who followed up with whom. */
  deals: Deal[];
  interactions: Interaction[];
  /** What the admin office handed out: everyone has a laptop; Wang Fang also keys and business cards. */
  assets: { employeeId: string; asset: AssetSnapshot }[];
  /** Who to try the API as, with why. */
  featured: { id: string; why: string }[];
}

const domain = 'hongtu.example';

// [Chinese name, pinyin] pairs for the generated staff.
const names: [string, string][] = [
  ['刘伟', 'liu.wei'],
  ['陈洁', 'chen.jie'],
  ['杨帆', 'yang.fan'],
  ['黄磊', 'huang.lei'],
  ['赵丽', 'zhao.li'],
  ['吴刚', 'wu.gang'],
  ['周敏', 'zhou.min'],
  ['徐静', 'xu.jing'],
  ['孙涛', 'sun.tao'],
  ['马超', 'ma.chao'],
  ['朱琳', 'zhu.lin'],
  ['胡军', 'hu.jun'],
  ['郭芳', 'guo.fang'],
  ['何平', 'he.ping'],
  ['高原', 'gao.yuan'],
  ['林峰', 'lin.feng'],
  ['罗燕', 'luo.yan'],
  ['郑浩', 'zheng.hao'],
  ['梁宇', 'liang.yu'],
  ['谢婷', 'xie.ting'],
  ['宋佳', 'song.jia'],
  ['唐凯', 'tang.kai'],
  ['许晴', 'xu.qing'],
  ['韩冰', 'han.bing'],
  ['冯雪', 'feng.xue'],
  ['邓超', 'deng.chao'],
  ['曹阳', 'cao.yang'],
  ['彭丹', 'peng.dan'],
  ['曾毅', 'zeng.yi'],
  ['肖红', 'xiao.hong'],
  ['田野', 'tian.ye'],
  ['董亮', 'dong.liang'],
  ['袁媛', 'yuan.yuan'],
  ['潘明', 'pan.ming'],
  ['蒋雯', 'jiang.wen'],
  ['蔡坤', 'cai.kun'],
  ['余欢', 'yu.huan'],
  ['杜鹃', 'du.juan'],
];

const industries = ['manufacturing', 'retail', 'logistics', 'healthcare', 'education', 'energy'] as const;
const regions = [
  '华东 East China',
  '华南 South China',
  '华北 North China',
  '西南 Southwest',
  '海外 Overseas',
];
const companyWords = [
  '华盛',
  '东方',
  '金源',
  '远景',
  '恒通',
  '瑞达',
  '新航',
  '明德',
  '天成',
  '长江',
  '海川',
  '嘉禾',
];
const companyKinds = ['科技有限公司', '实业有限公司', '贸易有限公司', '集团', '物流有限公司'];

/** A small seeded generator: the demo is the same everywhere. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export function demoCompany(): DemoCompany {
  const next = random(2018);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;

  const departments: Department[] = [
    { id: 'D01', name: '总经办', nameEn: 'Executive Office', headId: 'E1000' },
    { id: 'D02', name: '销售部', nameEn: 'Sales', parentId: 'D01', headId: 'E1001' },
    { id: 'D03', name: '研发部', nameEn: 'Engineering', parentId: 'D01', headId: 'E1020' },
    { id: 'D04', name: '人力资源部', nameEn: 'Human Resources', parentId: 'D01', headId: 'E1040' },
    { id: 'D05', name: '行政部', nameEn: 'Administration', parentId: 'D01', headId: 'E1050' },
    { id: 'D06', name: '信息技术部', nameEn: 'IT', parentId: 'D01', headId: 'E1060' },
    { id: 'D07', name: '财务部', nameEn: 'Finance', parentId: 'D01', headId: 'E1070' },
    { id: 'D08', name: '销售二部', nameEn: 'Sales Team 2', parentId: 'D02', headId: 'E1013' },
  ];

  const people: DemoPerson[] = [];
  const person = (
    p: Partial<DemoPerson> & Pick<DemoPerson, 'id' | 'name' | 'departmentId' | 'position' | 'roles'>,
    pinyin: string,
  ) =>
    people.push({
      // Wang Fang for wang.fang: what English notices and lists show beside 王芳.
      nameLatin: pinyin
        .split('.')
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join(' '),
      workEmail: `${pinyin}@${domain}`,
      wecomUserId: pinyin.replace(/\./g, ''),
      phone: `+86 138 ${p.id.slice(1).padStart(4, '0')} ${String(Math.floor(next() * 9000) + 1000)}`,
      hireDate: '2020-07-01',
      hireChannel: 'experienced_hire',
      site: '上海 Shanghai',
      timeZone: 'Asia/Shanghai',
      locale: 'zh-CN',
      keyPosition: false,
      status: 'active',
      ...p,
    });
  let nameIndex = 0;
  const generated = (
    id: string,
    departmentId: string,
    position: string,
    managerId: string,
    extra: Partial<DemoPerson> = {},
  ) => {
    const [name, pinyin] = names[nameIndex++ % names.length] as [string, string];
    const year = 2016 + Math.floor(next() * 9);
    const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
    person(
      {
        id,
        name,
        departmentId,
        position,
        managerId,
        roles: ['employee'],
        hireDate: `${year}-${month}-01`,
        ...extra,
      },
      pinyin,
    );
  };

  person(
    {
      id: 'E1000',
      name: '周强',
      departmentId: 'D01',
      position: '总经理 General Manager',
      roles: ['employee', 'manager'],
      hireDate: '2012-01-09',
      keyPosition: true,
    },
    'zhou.qiang',
  );
  person(
    {
      id: 'E1001',
      name: '张伟',
      departmentId: 'D02',
      position: '销售总监 Sales Director',
      managerId: 'E1000',
      roles: ['employee', 'manager'],
      hireDate: '2014-05-12',
      keyPosition: true,
    },
    'zhang.wei',
  );
  person(
    {
      id: 'E1002',
      name: '王芳',
      departmentId: 'D02',
      position: '销售经理 Sales Team Lead',
      managerId: 'E1001',
      roles: ['employee', 'manager'],
      hireDate: '2018-03-05',
      keyPosition: true,
    },
    'wang.fang',
  );
  person(
    {
      id: 'E1003',
      name: '李雷',
      departmentId: 'D02',
      position: '高级销售 Senior Sales',
      managerId: 'E1002',
      roles: ['employee'],
      hireDate: '2019-09-02',
    },
    'li.lei',
  );
  // The rest of Wang Fang's team: nine more, six of them referred by her.
  for (let n = 0; n < 9; n++) {
    generated(
      `E${1004 + n}`,
      'D02',
      '销售 Sales Representative',
      'E1002',
      n < 6 ? { hireChannel: 'internal_referral', referrerId: 'E1002' } : {},
    );
  }
  person(
    {
      id: 'E1013',
      name: '韩梅梅',
      departmentId: 'D08',
      position: '销售经理 Sales Team Lead',
      managerId: 'E1001',
      roles: ['employee', 'manager'],
      hireDate: '2017-04-10',
    },
    'han.meimei',
  );
  for (let n = 0; n < 6; n++) generated(`E${1014 + n}`, 'D08', '销售 Sales Representative', 'E1013');

  person(
    {
      id: 'E1020',
      name: '吴磊',
      departmentId: 'D03',
      position: '研发总监 Engineering Director',
      managerId: 'E1000',
      roles: ['employee', 'manager'],
      hireDate: '2015-08-17',
      keyPosition: true,
    },
    'wu.lei',
  );
  for (let n = 0; n < 14; n++)
    generated(
      `E${1021 + n}`,
      'D03',
      n < 3 ? '高级工程师 Senior Engineer' : '工程师 Engineer',
      'E1020',
      n === 0 ? { hireChannel: 'campus' } : {},
    );

  person(
    {
      id: 'E1040',
      name: '陈静',
      departmentId: 'D04',
      position: '人力资源总监 HR Director',
      managerId: 'E1000',
      roles: ['employee', 'manager', 'hr_admin'],
      hireDate: '2016-02-15',
    },
    'chen.jing',
  );
  person(
    {
      id: 'E1041',
      name: '刘洋',
      departmentId: 'D04',
      position: '人事专员 HR Specialist',
      managerId: 'E1040',
      roles: ['employee', 'hr'],
      hireDate: '2021-03-01',
    },
    'liu.yang',
  );
  generated('E1042', 'D04', '招聘专员 Recruiter', 'E1040', { roles: ['employee', 'hr'] });
  person(
    {
      id: 'E1050',
      name: '赵敏',
      departmentId: 'D05',
      position: '行政主管 Office Manager',
      managerId: 'E1000',
      roles: ['employee', 'admin_office'],
      hireDate: '2017-11-20',
    },
    'zhao.min',
  );
  generated('E1051', 'D05', '行政助理 Office Assistant', 'E1050', { roles: ['employee', 'admin_office'] });
  person(
    {
      id: 'E1060',
      name: '孙浩',
      departmentId: 'D06',
      position: 'IT 主管 IT Lead',
      managerId: 'E1000',
      roles: ['employee', 'it_admin'],
      hireDate: '2018-06-04',
      locale: 'en',
    },
    'sun.hao',
  );
  generated('E1061', 'D06', '系统管理员 Systems Administrator', 'E1060', { roles: ['employee', 'it_admin'] });
  person(
    {
      id: 'E1070',
      name: '郑洁',
      departmentId: 'D07',
      position: '财务经理 Finance Manager',
      managerId: 'E1000',
      roles: ['employee', 'manager'],
      hireDate: '2016-09-12',
    },
    'zheng.jie',
  );
  for (let n = 0; n < 4; n++) generated(`E${1071 + n}`, 'D07', '会计 Accountant', 'E1070');
  // The accountants are not on WeCom: what they are sent goes by e-mail only.
  for (const accountant of people.filter((p) => p.position.startsWith('会计'))) delete accountant.wecomUserId;

  const customers: Customer[] = [];
  const annualYuan = new Map<string, number>();
  let customerNumber = 1;
  const customer = (ownerId: string, tier: 'key' | 'standard', dealYuan: number) => {
    const id = `C${String(customerNumber++).padStart(5, '0')}`;
    annualYuan.set(id, dealYuan);
    const name = `${pick(companyWords)}${pick(companyWords)}${pick(companyKinds)}`;
    customers.push({
      id,
      name,
      industry: pick(industries),
      region: pick(regions),
      tier,
      ownerId,
      contacts: [
        {
          name: `${pick(names)[0]}`,
          role: '采购经理 Purchasing Manager',
          phone: `+86 139 ${id.slice(-4)} 0000`,
          wechatId: `wx_${id.toLowerCase()}`,
        },
      ],
      preferences: tier === 'key' ? '季度回访；价格敏感 Quarterly visits; price-sensitive' : '',
      followUps: [
        { date: '2026-10-15', channel: 'wechat', summary: '确认下季度订单 Confirmed next quarter order' },
      ],
      tags: tier === 'key' ? ['key-account'] : [],
    });
  };
  // Revenue: Wang Fang's five key accounts carry 40% of the company's 50,000,000 yuan.
  for (let n = 0; n < 5; n++) customer('E1002', 'key', 4_000_000);
  for (let n = 0; n < 35; n++) customer('E1002', 'standard', 200_000);
  const otherSales = people.filter(
    (p) => ['D02', 'D08'].includes(p.departmentId) && p.id !== 'E1002' && p.id !== 'E1001',
  );
  // The other 23,000,000 yuan, spread over everyone else in sales.
  for (const seller of otherSales)
    for (let n = 0; n < 5; n++)
      customer(seller.id, 'standard', Math.round(23_000_000 / (otherSales.length * 5)));

  const assets: DemoCompany['assets'] = people.map((p, n) => ({
    employeeId: p.id,
    asset: {
      id: `A${String(n + 1).padStart(4, '0')}laptop`,
      kind: 'laptop',
      name: '笔记本电脑 ThinkPad X1',
      serial: `PF${100000 + n}`,
    },
  }));
  assets.push(
    { employeeId: 'E1002', asset: { id: 'A1002keys', kind: 'keys', name: '办公室钥匙 Office keys (2)' } },
    { employeeId: 'E1002', asset: { id: 'A1002cards', kind: 'business-cards', name: '名片 Business cards' } },
  );

  const { deals, interactions } = salesHistory(customers, people, annualYuan);
  return {
    departments,
    people,
    customers,
    deals,
    interactions,
    assets,
    featured: [
      { id: 'E1002', why: '王芳 Wang Fang — the sales veteran who resigns (employee, manager)' },
      { id: 'E1003', why: '李雷 Li Lei — her successor (employee)' },
      { id: 'E1001', why: '张伟 Zhang Wei — her manager (manager)' },
      { id: 'E1040', why: '陈静 Chen Jing — HR director (hr_admin)' },
      { id: 'E1041', why: '刘洋 Liu Yang — HR (hr)' },
      { id: 'E1050', why: '赵敏 Zhao Min — admin office (admin_office)' },
      { id: 'E1060', why: '孙浩 Sun Hao — IT (it_admin)' },
    ],
  };
}
