// zh-CN first; en must have exactly the same keys (checked by the type below).
export const zhCN = {
} as const;

export const en: Record<keyof typeof zhCN, string> = {
};
