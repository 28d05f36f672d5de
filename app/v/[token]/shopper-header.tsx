import { LocaleSwitch } from '@/components/locale-switch.tsx';

/** The shopper's small header: no sign-in, no navigation, just the name and the language. */
export function ShopperHeader({ appName, title }: { appName: string; title: string }) {
  return (
    <header className="bg-sun-600 text-white">
      <div className="mx-auto flex max-w-md items-center justify-between gap-3 px-4 py-3">
        <p className="text-base font-bold">
          ☀ {appName} <span className="ml-1 text-sm font-normal opacity-90">{title}</span>
        </p>
        <LocaleSwitch />
      </div>
    </header>
  );
}
