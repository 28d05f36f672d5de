// The demo accounts, one per persona. The start script and README print this list.
import type { Role } from './types.ts';

export const DEMO_PASSWORD = 'sunshine-demo';

export interface DemoUser {
  username: string;
  role: Role;
  description: { zh: string; en: string };
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'city', role: 'city_regulator',
    description: { zh: '衡阳市市场监督管理局：全市监管', en: 'Hengyang Administration for Market Regulation: the whole city' },
  },
  {
    username: 'district', role: 'district_regulator',
    description: { zh: '蒸湘区市场监督管理局：本区市场', en: 'Zhengxiang District market regulator: the district\'s markets' },
  },
  {
    username: 'market', role: 'market_manager',
    description: { zh: '华新农贸市场管理方', en: 'Manager of Huaxin Farmers\' Market (Zhengxiang)' },
  },
  {
    username: 'inspector', role: 'inspector',
    description: { zh: '蒸湘区计量执法检查员', en: 'Metrology inspector, Zhengxiang District' },
  },
  {
    username: 'bank', role: 'bank_officer',
    description: { zh: '中国建设银行衡阳分行：阳光秤惠民工程', en: 'China Construction Bank Hengyang Branch: the programme\'s bank' },
  },
  {
    username: 'merchant', role: 'merchant',
    description: { zh: '华新农贸市场的一位商户', en: 'A merchant at Huaxin Farmers\' Market (Zhengxiang)' },
  },
  {
    username: 'merchant2', role: 'merchant',
    description: { zh: '石鼓区建设农贸市场的一位商户', en: 'A merchant at Jianshe Farmers\' Market (Shigu), another district' },
  },
];
