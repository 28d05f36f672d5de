import { Pager } from '@/components/pager.tsx';
import type { Translate } from '@/lib/i18n/index.ts';

/** "Page 2 of 9 · prev · next" under a regulator list; `href` keeps the list's filters. */
export function PagePager({ page, pages, href, t }: { page: number; pages: number; href: (page: number) => string; t: Translate }) {
  return (
    <Pager
      testId="pager"
      summary={t('regulator.pager.page', { page, pages })}
      links={[
        { label: t('regulator.pager.prev'), href: page > 1 ? href(page - 1) : null, testId: 'pager-prev' },
        { label: t('regulator.pager.next'), href: page < pages ? href(page + 1) : null, testId: 'pager-next' },
      ]}
    />
  );
}
