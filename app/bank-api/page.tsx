// The bank's payment webhook for the programme bank's integrators: public, no sign-in, beside
// /protocol. Limits, fields and refusals come from the contract's own module and the worked example
// is signed at render time by the platform's code, so the page cannot drift from what the route
// accepts. The machine-readable twin is /openapi.json.
import type { Metadata } from 'next';
import { EXAMPLE_RESPONSE, webhookExample } from '@/lib/domain/bank/example.ts';
import { WAITING_LIMIT_MS } from '@/lib/domain/bank/match-plan.ts';
import { MATCHES, MAX_BODY_BYTES, MAX_NOTIFICATIONS, MAX_SKEW_SECONDS, OUTCOMES, REFUSALS, type Refusal } from '@/lib/domain/bank/webhook.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { CodeBlock, DocLink, DocPage, Rich, Section, TermList } from '../protocol/parts.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('bankApi.title') };
}

const LIMITS = { bytes: MAX_BODY_BYTES, max: MAX_NOTIFICATIONS, skew: MAX_SKEW_SECONDS, minutes: WAITING_LIMIT_MS / 60_000 };
const SECTIONS = ['endpoint', 'signature', 'body', 'response', 'matching', 'refusals', 'example'] as const;
const FIELDS = ['kind', 'ref', 'amountFen', 'at', 'receiptToken', 'originalRef'] as const;

export default async function BankApiPage() {
  const { t } = await getTranslator();
  const example = webhookExample();

  return (
    <DocPage
      appName={t('app.name')}
      title={t('bankApi.title')}
      heading={t('bankApi.heading')}
      intro={t('bankApi.intro')}
      links={
        <>
          <DocLink href="/openapi.json" testId="openapi-link">
            {t('bankApi.openapi')} → /openapi.json
          </DocLink>
          <DocLink href="/protocol">{t('bankApi.protocolLink')} → /protocol</DocLink>
        </>
      }
      tocLabel={t('bankApi.toc')}
      sections={SECTIONS.map((id) => ({ id, title: t(`bankApi.section.${id}`) }))}
    >
        <Section id="endpoint" title={t('bankApi.section.endpoint')}>
          <ul className="list-disc space-y-1.5 pl-5 text-stone-800">
            <li><Rich text={t('bankApi.endpoint.url', LIMITS)} /></li>
            <li><Rich text={t('bankApi.endpoint.programme')} /></li>
            <li><Rich text={t('bankApi.endpoint.timestamp', LIMITS)} /></li>
            <li><Rich text={t('bankApi.endpoint.signature')} /></li>
            <li><Rich text={t('bankApi.endpoint.secret')} /></li>
          </ul>
        </Section>

        <Section id="signature" title={t('bankApi.section.signature')}>
          <ol className="list-decimal space-y-1.5 pl-5 text-stone-800">
            <li><Rich text={t('bankApi.signature.step1')} /></li>
            <li><Rich text={t('bankApi.signature.step2')} /></li>
            <li><Rich text={t('bankApi.signature.step3')} /></li>
          </ol>
          <CodeBlock>{`printf '%s' "$TIMESTAMP.$BODY" | openssl dgst -sha256 -hmac "$SECRET"`}</CodeBlock>
        </Section>

        <Section id="body" title={t('bankApi.section.body')}>
          <p className="text-sm text-stone-700"><Rich text={t('bankApi.body.intro')} /></p>
          <TermList testId="bank-api-fields" head={[t('protocol.fields.field'), t('protocol.fields.meaning')]} items={FIELDS.map((field) => ({ term: field, text: t(`bankApi.field.${field}`) }))} />
        </Section>

        <Section id="response" title={t('bankApi.section.response')}>
          <p className="text-sm text-stone-700"><Rich text={t('bankApi.response.intro')} /></p>
          <TermList testId="bank-api-outcomes" head={[t('bankApi.response.outcomeHead'), t('bankApi.refusals.meaning')]} items={OUTCOMES.map((outcome) => ({ term: outcome, text: t(`bankApi.outcome.${outcome}`) }))} />
          <TermList testId="bank-api-matches" head={[t('bankApi.response.matchHead'), t('bankApi.refusals.meaning')]} items={MATCHES.map((match) => ({ term: match, text: t(`bankApi.match.${match}`, LIMITS) }))} />
        </Section>

        <Section id="matching" title={t('bankApi.section.matching')}>
          <p className="text-stone-800"><Rich text={t('bankApi.matching.rule')} /></p>
          <p className="text-stone-800"><Rich text={t('bankApi.matching.scope')} /></p>
        </Section>

        <Section id="refusals" title={t('bankApi.section.refusals')}>
          <p className="text-sm text-stone-700"><Rich text={t('bankApi.refusals.intro')} /></p>
          <TermList
            testId="bank-api-refusals"
            head={[`${t('bankApi.refusals.reason')} · ${t('bankApi.refusals.status')}`, t('bankApi.refusals.meaning')]}
            items={(Object.keys(REFUSALS) as Refusal[]).map((reason) => ({ term: `${reason} · ${REFUSALS[reason]}`, text: t(`bankApi.refusal.${reason}`, LIMITS) }))}
          />
        </Section>

        <Section id="example" title={t('bankApi.section.example')}>
          <p role="note" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            ⚠ <Rich text={t('bankApi.example.warning')} />
          </p>
          <p className="text-stone-800">{t('bankApi.example.scenario')}</p>
          <h3 className="font-semibold">{t('bankApi.example.secret')}</h3>
          <CodeBlock testId="bank-example-secret">{example.secret}</CodeBlock>
          <h3 className="font-semibold">{t('bankApi.example.body')}</h3>
          <CodeBlock testId="bank-example-body">{example.body}</CodeBlock>
          <h3 className="font-semibold"><Rich text={t('bankApi.example.signed')} /></h3>
          <CodeBlock testId="bank-example-signed">{example.signed}</CodeBlock>
          <h3 className="font-semibold">{t('bankApi.example.openssl')}</h3>
          <CodeBlock testId="bank-example-openssl">{example.opensslCommand}</CodeBlock>
          <h3 className="font-semibold">{t('bankApi.example.header')}</h3>
          <CodeBlock testId="bank-example-headers">
            {`X-Sunshine-Programme: ${example.programme}\nX-Sunshine-Timestamp: ${example.timestamp}\nX-Sunshine-Signature: ${example.header}`}
          </CodeBlock>
          <h3 className="font-semibold">{t('bankApi.example.curl')}</h3>
          <CodeBlock testId="bank-example-curl">{example.curlCommand}</CodeBlock>
          <h3 className="font-semibold">{t('bankApi.example.response')}</h3>
          <CodeBlock testId="bank-example-response">{JSON.stringify(EXAMPLE_RESPONSE, null, 2)}</CodeBlock>
        </Section>
    </DocPage>
  );
}
