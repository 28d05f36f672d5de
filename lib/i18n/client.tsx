'use client';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { format, type Locale, type MessageKey, type Params, type Translate } from './index.ts';

interface I18nValue {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Record<MessageKey, string>; children: ReactNode }) {
  const value = useMemo<I18nValue>(
    () => ({ locale, t: (key: MessageKey, params?: Params) => format(messages[key], params) }),
    [locale, messages],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
