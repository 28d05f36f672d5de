import type { Metadata } from 'next';
import { SignInForm } from '@/components/sign-in-form.tsx';
import { LocaleSwitch } from '@/components/locale-switch.tsx';
import { getTranslator } from '@/lib/i18n/server.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('auth.signIn') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { t } = await getTranslator();
  const { reason } = await searchParams;
  const notice = reason === 'expired' ? t('auth.sessionExpired') : reason === 'signed-out' ? t('auth.signedOut') : null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-sun-100 to-stone-50 p-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-6 shadow-lg">
        <div className="mb-4 flex items-start justify-between">
          <div>
            <p className="text-2xl font-bold text-sun-700">☀ {t('app.name')}</p>
            <p className="text-sm text-stone-500">{t('app.tagline')}</p>
          </div>
          <LocaleSwitch className="text-stone-600" />
        </div>
        <h1 className="mb-3 text-lg font-semibold">{t('auth.signInTitle')}</h1>
        {notice && (
          <p role="status" className="mb-3 rounded-md bg-sun-50 px-3 py-2 text-sm text-sun-700" data-testid="login-notice">
            {notice}
          </p>
        )}
        <SignInForm />
        <p className="mt-4 text-xs text-stone-500">{t('auth.signInHint')}</p>
      </div>
    </main>
  );
}
