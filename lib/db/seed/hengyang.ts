// Reference data of the demo city: Hengyang (衡阳), Hunan. District codes are the real GB/T 2260
// codes; markets, addresses and prices are made up but shaped like the real thing.

export type Category = 'vegetable' | 'meat' | 'aquatic' | 'fruit' | 'egg' | 'grain' | 'oil';

export const CITY = { code: '430400', name: '衡阳市', nameEn: 'Hengyang' } as const;

export const DISTRICTS = [
  { code: '430405', name: '珠晖区', nameEn: 'Zhuhui District' },
  { code: '430406', name: '雁峰区', nameEn: 'Yanfeng District' },
  { code: '430407', name: '石鼓区', nameEn: 'Shigu District' },
  { code: '430408', name: '蒸湘区', nameEn: 'Zhengxiang District' },
  { code: '430412', name: '南岳区', nameEn: 'Nanyue District' },
] as const;

/** What a row of stalls sells: one category, or a mix (dry goods: eggs, grain, oil). */
export type Zone = Category | 'dry' | 'mixed';

export interface MarketSpec {
  code: string;
  districtCode: string;
  name: string;
  nameEn: string;
  address: string;
  /** one zone per lettered stall row (A, B, C …) */
  zones: readonly Zone[];
  stallsPerRow: number;
  /** mean weighings per scale per business day: busier halls sell more */
  activity: number;
}

// Order matters: the first 蒸湘区 market is the demo market manager's and the demo merchant's.
export const MARKETS: readonly MarketSpec[] = [
  {
    code: '430408-01', districtCode: '430408', name: '华新农贸市场', nameEn: 'Huaxin Farmers\' Market',
    address: '衡阳市蒸湘区光辉街12号（华新开发区）',
    zones: ['vegetable', 'vegetable', 'meat', 'aquatic', 'fruit', 'dry', 'vegetable'], stallsPerRow: 13, activity: 52,
  },
  {
    code: '430408-02', districtCode: '430408', name: '立新农贸市场', nameEn: 'Lixin Farmers\' Market',
    address: '衡阳市蒸湘区立新大道86号',
    zones: ['vegetable', 'meat', 'aquatic', 'mixed'], stallsPerRow: 11, activity: 44,
  },
  {
    code: '430407-01', districtCode: '430407', name: '建设农贸市场', nameEn: 'Jianshe Farmers\' Market',
    address: '衡阳市石鼓区人民路157号',
    zones: ['vegetable', 'vegetable', 'meat', 'aquatic', 'fruit', 'dry'], stallsPerRow: 11, activity: 48,
  },
  {
    code: '430406-01', districtCode: '430406', name: '先锋农贸市场', nameEn: 'Xianfeng Farmers\' Market',
    address: '衡阳市雁峰区先锋路98号',
    zones: ['vegetable', 'meat', 'aquatic', 'fruit', 'dry'], stallsPerRow: 11, activity: 47,
  },
  {
    code: '430405-01', districtCode: '430405', name: '东风农贸市场', nameEn: 'Dongfeng Farmers\' Market',
    address: '衡阳市珠晖区东风南路211号',
    zones: ['vegetable', 'vegetable', 'meat', 'aquatic', 'mixed'], stallsPerRow: 10, activity: 45,
  },
  {
    code: '430405-02', districtCode: '430405', name: '酃湖农贸市场', nameEn: 'Linghu Farmers\' Market',
    address: '衡阳市珠晖区酃湖路35号',
    zones: ['vegetable', 'meat', 'mixed'], stallsPerRow: 10, activity: 38,
  },
  {
    code: '430412-01', districtCode: '430412', name: '南岳农贸市场', nameEn: 'Nanyue Farmers\' Market',
    address: '衡阳市南岳区祝融路56号',
    zones: ['vegetable', 'meat', 'mixed'], stallsPerRow: 8, activity: 32,
  },
];

export interface CommoditySpec {
  plu: string;
  name: string;
  nameEn: string;
  category: Category;
  guidePriceFenPerKg: number;
  /** a typical purchase, in grams: net masses are drawn log-uniformly in this range */
  typicalG: readonly [number, number];
  /** how often it is bought relative to others of its category */
  popularity: number;
}

const c = (
  plu: string, name: string, nameEn: string, category: Category, guidePriceFenPerKg: number,
  typicalG: readonly [number, number], popularity = 1,
): CommoditySpec => ({ plu, name, nameEn, category, guidePriceFenPerKg, typicalG, popularity });

export const COMMODITIES: readonly CommoditySpec[] = [
  c('1001', '白菜', 'Chinese cabbage', 'vegetable', 300, [800, 3000], 3),
  c('1002', '上海青', 'Bok choy', 'vegetable', 500, [300, 1500], 3),
  c('1003', '菠菜', 'Spinach', 'vegetable', 800, [300, 1000], 2),
  c('1004', '芹菜', 'Celery', 'vegetable', 600, [300, 1200], 2),
  c('1005', '土豆', 'Potato', 'vegetable', 400, [500, 2500], 3),
  c('1006', '西红柿', 'Tomato', 'vegetable', 700, [400, 2000], 3),
  c('1007', '黄瓜', 'Cucumber', 'vegetable', 600, [400, 1500], 2),
  c('1008', '茄子', 'Eggplant', 'vegetable', 600, [400, 1500], 2),
  c('1009', '螺丝椒', 'Twisted chili pepper', 'vegetable', 1000, [200, 1000], 3),
  c('1010', '白萝卜', 'White radish', 'vegetable', 240, [600, 2500], 2),
  c('1011', '胡萝卜', 'Carrot', 'vegetable', 400, [400, 1500], 1),
  c('1012', '豆角', 'Long beans', 'vegetable', 800, [300, 1200], 2),
  c('1013', '莲藕', 'Lotus root', 'vegetable', 900, [500, 2000], 1),
  c('1014', '生姜', 'Ginger', 'vegetable', 1200, [150, 500], 1),
  c('1015', '大蒜', 'Garlic', 'vegetable', 1000, [150, 500], 1),
  c('1016', '空心菜', 'Water spinach', 'vegetable', 600, [300, 1200], 2),
  c('1017', '香菇', 'Shiitake mushroom', 'vegetable', 1800, [200, 800], 1),
  c('2001', '猪肉(前腿)', 'Pork shoulder', 'meat', 2600, [300, 2000], 4),
  c('2002', '猪肉(五花)', 'Pork belly', 'meat', 3000, [300, 1500], 3),
  c('2003', '猪排骨', 'Pork ribs', 'meat', 3800, [400, 1500], 2),
  c('2004', '牛肉', 'Beef', 'meat', 7600, [300, 1500], 1),
  c('2005', '羊肉', 'Mutton', 'meat', 7000, [300, 1500], 0.5),
  c('2006', '土鸡', 'Free-range chicken', 'meat', 3600, [1000, 2500], 1),
  c('2007', '麻鸭', 'Sheldrake duck', 'meat', 2400, [1200, 2800], 0.6),
  c('3001', '草鱼', 'Grass carp', 'aquatic', 1600, [800, 3000], 4),
  c('3002', '鲫鱼', 'Crucian carp', 'aquatic', 2200, [300, 1000], 3),
  c('3003', '鲢鱼', 'Silver carp', 'aquatic', 1000, [1000, 3000], 1),
  c('3004', '鳙鱼(胖头鱼)', 'Bighead carp', 'aquatic', 1800, [1000, 3500], 2),
  c('3005', '鲈鱼', 'Sea bass', 'aquatic', 3600, [400, 1000], 1),
  c('3006', '黄鳝', 'Rice-field eel', 'aquatic', 6000, [250, 800], 1),
  c('3007', '小龙虾', 'Crayfish', 'aquatic', 5000, [500, 2000], 1),
  c('3008', '基围虾', 'Greasyback shrimp', 'aquatic', 8000, [250, 800], 0.6),
  c('4001', '苹果', 'Apple', 'fruit', 2000, [500, 2500], 3),
  c('4002', '香蕉', 'Banana', 'fruit', 800, [500, 2000], 3),
  c('4003', '柑橘', 'Mandarin orange', 'fruit', 800, [500, 2500], 3),
  c('4004', '梨', 'Pear', 'fruit', 1000, [500, 2000], 2),
  c('4005', '葡萄', 'Grapes', 'fruit', 1600, [400, 1500], 1),
  c('4006', '西瓜', 'Watermelon', 'fruit', 400, [2500, 8000], 1),
  c('4007', '猕猴桃', 'Kiwi fruit', 'fruit', 1600, [400, 1500], 1),
  c('5001', '鸡蛋', 'Eggs', 'egg', 1000, [500, 2500], 4),
  c('5002', '鸭蛋', 'Duck eggs', 'egg', 1400, [500, 1500], 1),
  c('5003', '鹌鹑蛋', 'Quail eggs', 'egg', 1600, [250, 800], 1),
  c('6001', '大米', 'Rice', 'grain', 560, [2500, 10000], 4),
  c('6002', '糯米', 'Glutinous rice', 'grain', 800, [1000, 5000], 1),
  c('6003', '面粉', 'Wheat flour', 'grain', 500, [1000, 5000], 1),
  c('6004', '绿豆', 'Mung beans', 'grain', 1400, [250, 1000], 1),
  c('6005', '黄豆', 'Soybeans', 'grain', 1000, [250, 1000], 1),
  c('7001', '菜籽油', 'Rapeseed oil', 'oil', 2400, [900, 5000], 3),
  c('7002', '花生油', 'Peanut oil', 'oil', 3000, [900, 5000], 2),
  c('7003', '茶油', 'Camellia oil', 'oil', 9000, [450, 2500], 2), // 衡阳 is a camellia-oil county
];

/** Bags, trays and jugs: how often a purchase is weighed in a tared container, and how heavy it is (g). */
export const TARE_BY_CATEGORY: Record<Category, { probability: number; rangeG: readonly [number, number] }> = {
  vegetable: { probability: 0.12, rangeG: [5, 15] },
  meat: { probability: 0.1, rangeG: [5, 15] },
  aquatic: { probability: 0.4, rangeG: [20, 60] },
  fruit: { probability: 0.2, rangeG: [10, 30] },
  egg: { probability: 0.6, rangeG: [80, 250] },
  grain: { probability: 0.3, rangeG: [40, 100] },
  oil: { probability: 0.9, rangeG: [80, 200] },
};

export interface ScaleModelSpec {
  maker: string;
  model: string;
  maxMg: number;
  /** e = d */
  eMg: number;
  softwareId: string;
  serialPrefix: string;
}

// Class III price-computing scales sold in Chinese markets. Min = 20 e for all.
export const SCALE_MODELS: readonly ScaleModelSpec[] = [
  { maker: '上海大华 (Dahua)', model: 'TM-30A', maxMg: 30_000_000, eMg: 10_000, softwareId: 'V2.1.3-CRC:8F3A', serialPrefix: 'DH30A' },
  { maker: '上海大华 (Dahua)', model: 'TM-15A', maxMg: 15_000_000, eMg: 5_000, softwareId: 'V2.1.3-CRC:4B7C', serialPrefix: 'DH15A' },
  { maker: '梅特勒-托利多 (Mettler Toledo)', model: 'bPlus-30', maxMg: 30_000_000, eMg: 10_000, softwareId: 'V1.08-CRC:C2D9', serialPrefix: 'MTB30' },
  { maker: '顶尖 (Aclas)', model: 'LS6X', maxMg: 15_000_000, eMg: 5_000, softwareId: 'V3.2.0-CRC:71E5', serialPrefix: 'ACLS6' },
  { maker: '凯士 (CAS)', model: 'CL5200', maxMg: 30_000_000, eMg: 10_000, softwareId: 'V2.05-CRC:A94D', serialPrefix: 'CAS52' },
  { maker: '寺冈 (Teraoka)', model: 'SM-120', maxMg: 15_000_000, eMg: 5_000, softwareId: 'V4.11-CRC:3D60', serialPrefix: 'TESM1' },
];

/** Heavy goods need the 30 kg scales; the model index into SCALE_MODELS by category. */
export const MODEL_CHOICES: Record<Category, readonly number[]> = {
  vegetable: [0, 1, 2, 3, 4, 5],
  meat: [0, 2, 4],
  aquatic: [0, 2, 4],
  fruit: [0, 2, 4, 1],
  egg: [1, 3, 5, 0],
  grain: [0, 2, 4],
  oil: [0, 2, 4],
};

/** The market's fair scale (公平秤). */
export const FAIR_SCALE_MODEL = 2;

export const PROGRAMME = {
  name: '阳光秤惠民工程',
  nameEn: 'Sunshine Scale Programme',
  bankName: '中国建设银行衡阳分行',
  bankNameEn: 'China Construction Bank Hengyang Branch',
  feeBasisPoints: 20,
  /** roughly ten months before the seed's today */
  startedDaysAgo: 300,
  /** share of merchants enrolled */
  enrolment: 0.9,
} as const;

export const VERIFICATION_AUTHORITY = '衡阳市计量测试检定所';

// Common surnames, weighted towards those frequent in Hunan.
export const SURNAMES = [
  '刘', '李', '王', '陈', '张', '唐', '彭', '谭', '罗', '邓', '曾', '周', '肖', '黄', '赵', '胡', '欧阳',
  '杨', '吴', '蒋', '廖', '贺', '谢', '朱', '段', '颜', '龙', '戴', '邹', '阳',
] as const;

export const GIVEN_NAMES_MALE = [
  '建国', '志强', '国平', '春生', '德明', '卫东', '海军', '红军', '立新', '伟', '勇', '军', '强', '斌', '杰',
  '磊', '文华', '光明', '正良', '满生', '冬生', '桂生', '庆华', '国庆', '湘平', '衡生', '小兵', '建军',
] as const;

export const GIVEN_NAMES_FEMALE = [
  '桂英', '秀兰', '红梅', '冬梅', '玉兰', '淑珍', '丽华', '春花', '小红', '美华', '芳', '敏', '静', '丽',
  '娟', '霞', '艳', '翠兰', '菊香', '满英', '湘莲', '金凤', '桂芝', '秋菊',
] as const;

export const SHOP_WORDS: Record<Category, readonly string[]> = {
  vegetable: ['蔬菜', '鲜蔬', '菜摊', '时令蔬菜', '农家菜'],
  meat: ['鲜肉', '肉铺', '猪肉', '鲜肉铺'],
  aquatic: ['鲜鱼', '水产', '鱼档', '河鲜'],
  fruit: ['水果', '鲜果', '果品', '水果铺'],
  egg: ['蛋品', '禽蛋', '鲜蛋'],
  grain: ['粮油', '米店', '粮店', '杂粮'],
  oil: ['粮油', '油坊', '茶油', '食用油'],
};

export const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '166', '173', '176', '177', '180', '181', '182', '183', '186', '187', '188', '189', '199',
] as const;
