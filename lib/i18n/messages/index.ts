// The catalogue, one module per area of the product so that each area's strings live together.
// To add an area: create messages/<area>.ts exporting zhCN and en, and list it here.
import * as auth from './auth.ts';
import * as bank from './bank.ts';
import * as bankApi from './bank-api.ts';
import * as bankExceptions from './bank-exceptions.ts';
import * as bankMerchants from './bank-merchants.ts';
import * as settlementDetail from './settlement-detail.ts';
import * as bankWebhook from './bank-webhook.ts';
import * as common from './common.ts';
import * as floor from './floor.ts';
import * as inspection from './inspection.ts';
import * as merchant from './merchant.ts';
import * as protocol from './protocol.ts';
import * as reconciliation from './reconciliation.ts';
import * as regulator from './regulator.ts';
import * as scalePage from './scale-page.ts';
import * as scores from './scores.ts';
import * as shopper from './shopper.ts';

export const zhCN = {
  ...common.zhCN, ...auth.zhCN, ...regulator.zhCN, ...bank.zhCN, ...merchant.zhCN, ...shopper.zhCN, ...protocol.zhCN, ...floor.zhCN,
  ...inspection.zhCN, ...scalePage.zhCN, ...scores.zhCN, ...bankApi.zhCN, ...bankWebhook.zhCN, ...reconciliation.zhCN,
  ...bankExceptions.zhCN, ...bankMerchants.zhCN, ...settlementDetail.zhCN,
};
export const en: Record<MessageKey, string> = {
  ...common.en, ...auth.en, ...regulator.en, ...bank.en, ...merchant.en, ...shopper.en, ...protocol.en, ...floor.en,
  ...inspection.en, ...scalePage.en, ...scores.en, ...bankApi.en, ...bankWebhook.en, ...reconciliation.en,
  ...bankExceptions.en, ...bankMerchants.en, ...settlementDetail.en,
};

export type MessageKey = keyof typeof zhCN;
