// The device protocol for scale makers: public, no sign-in. Field tables come from the zod schemas
// and the worked example is signed at render time by the platform's own code, so the page cannot
// drift from what the ingest accepts. The machine-readable twin is /asyncapi.json.
import type { Metadata } from 'next';
import { REJECT_REASONS } from '@/lib/domain/protocol/decode.ts';
import { EXAMPLE_SECRET, storedAckExample, workedExample } from '@/lib/domain/protocol/example.ts';
import { envelopeRows, fieldRows, type FieldRow } from '@/lib/domain/protocol/fields.ts';
import { FINDINGS, MAX_CLOCK_SKEW_MS, MAX_MESSAGE_AGE_MS } from '@/lib/domain/protocol/judge.ts';
import { MAX_MESSAGE_BYTES } from '@/lib/domain/protocol/messages.ts';
import { MESSAGE_KINDS, TOPIC_ROOT, TOPIC_LEAF, type MessageKind } from '@/lib/domain/protocol/topics.ts';
import type { MessageKey, Translate } from '@/lib/i18n/index.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { CodeBlock, DocLink, DocPage, Rich, Section, TermList } from './parts.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('protocol.title') };
}

const LIMITS = { bytes: MAX_MESSAGE_BYTES, skew: MAX_CLOCK_SKEW_MS / 60_000, age: MAX_MESSAGE_AGE_MS / 86_400_000 };

const SECTIONS = ['connection', 'topics', 'common', 'messages', 'sequence', 'storedAck', 'signature', 'example', 'reasons', 'findings'] as const;

const STORED_ACK_FIELDS = ['last', 'missing', 'at'] as const;

/** Catalogue key of a field's meaning; a unit test holds the catalogue complete for every field. */
function fieldKey(scope: MessageKind | 'common', path: string): MessageKey {
  return `protocol.field.${scope}.${path}` as MessageKey;
}

function FieldList({ rows, scope, t, testId }: { rows: FieldRow[]; scope: MessageKind | 'common'; t: Translate; testId: string }) {
  return (
    <div className="overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm" data-testid={testId}>
      <div className="hidden bg-stone-100 px-3 py-2 text-sm font-medium text-stone-600 sm:grid sm:grid-cols-[14rem_1fr] sm:gap-4">
        <span>
          {t('protocol.fields.field')} · {t('protocol.fields.unit')}
        </span>
        <span>
          {t('protocol.fields.meaning')} · {t('protocol.fields.type')}
        </span>
      </div>
      <ul className="divide-y divide-stone-100">
        {rows.map((row) => (
          <li key={row.path} className="grid gap-1 px-3 py-2 text-sm sm:grid-cols-[14rem_1fr] sm:gap-4" data-field={row.path}>
            <div style={{ paddingLeft: `${row.depth}rem` }}>
              <code className="font-mono font-semibold text-stone-900">
                {row.path}
                {row.required ? '' : '?'}
              </code>
              {row.unit && <span className="block text-xs text-sun-700">{t(`protocol.unit.${row.unit}`)}</span>}
            </div>
            <div className="min-w-0">
              <p>
                <Rich text={t(fieldKey(scope, row.path))} />
              </p>
              <code className="mt-0.5 block font-mono text-xs text-stone-500 [overflow-wrap:anywhere]">{row.type}</code>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export default async function ProtocolPage() {
  const { t } = await getTranslator();
  const example = workedExample();
  const ack = storedAckExample();

  return (
    <DocPage
      appName={t('app.name')}
      title={t('protocol.title')}
      heading={t('protocol.heading')}
      intro={t('protocol.intro')}
      links={
        <>
          <DocLink href="/asyncapi.json" testId="asyncapi-link">
            {t('protocol.asyncapi')} → /asyncapi.json
          </DocLink>
          <DocLink href="/bank-api">{t('protocol.bankApi')} → /bank-api</DocLink>
        </>
      }
      tocLabel={t('protocol.toc')}
      sections={SECTIONS.map((id) => ({ id, title: t(`protocol.section.${id}`) }))}
    >
        <Section id="connection" title={t('protocol.section.connection')}>
          <ul className="list-disc space-y-1.5 pl-5 text-stone-800">
            <li><Rich text={t('protocol.connection.broker')} /></li>
            <li><Rich text={t('protocol.connection.clientId')} /></li>
            <li><Rich text={t('protocol.connection.session')} /></li>
            <li><Rich text={t('protocol.connection.storeForward')} /></li>
            <li><Rich text={t('protocol.connection.payload', LIMITS)} /></li>
          </ul>
        </Section>

        <Section id="topics" title={t('protocol.section.topics')}>
          <div className="overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm" data-testid="protocol-topics">
            <div className="hidden bg-stone-100 px-3 py-2 text-sm font-medium text-stone-600 sm:grid sm:grid-cols-[7rem_20rem_1fr] sm:gap-4">
              <span>{t('protocol.topics.kind')}</span>
              <span>{t('protocol.topics.topic')}</span>
              <span>{t('protocol.topics.when')}</span>
            </div>
            <ul className="divide-y divide-stone-100">
              {MESSAGE_KINDS.map((kind) => (
                <li key={kind} className="grid gap-1 px-3 py-2 text-sm sm:grid-cols-[7rem_20rem_1fr] sm:gap-4">
                  <span className="font-semibold">{t(`protocol.kind.${kind}`)}</span>
                  <code className="font-mono text-xs [overflow-wrap:anywhere] sm:text-sm">{`${TOPIC_ROOT}/{serial}/${TOPIC_LEAF[kind]}`}</code>
                  <span className="text-stone-700">
                    <Rich text={t(`protocol.when.${kind}`)} />
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <p className="text-sm text-stone-700"><Rich text={t('protocol.topics.subscription')} /></p>
        </Section>

        <Section id="common" title={t('protocol.section.common')}>
          <p className="text-sm text-stone-700"><Rich text={t('protocol.fields.commonNote')} /></p>
          <FieldList rows={envelopeRows()} scope="common" t={t} testId="fields-common" />
        </Section>

        <Section id="messages" title={t('protocol.section.messages')}>
          <p className="text-sm text-stone-700"><Rich text={t('protocol.fields.optionalNote')} /></p>
          {MESSAGE_KINDS.map((kind) => (
            <div key={kind} className="space-y-2">
              <h3 className="flex flex-wrap items-baseline gap-x-2 font-semibold text-stone-900">
                {t(`protocol.kind.${kind}`)}
                <code className="font-mono text-xs font-normal text-stone-500">…/{TOPIC_LEAF[kind]}</code>
              </h3>
              <FieldList rows={fieldRows(kind)} scope={kind} t={t} testId={`fields-${kind}`} />
            </div>
          ))}
        </Section>

        <Section id="sequence" title={t('protocol.section.sequence')}>
          <div className="space-y-2 text-stone-800">
            <p><Rich text={t('protocol.sequence.seq')} /></p>
            <p><Rich text={t('protocol.sequence.status')} /></p>
            <p><Rich text={t('protocol.sequence.will')} /></p>
            <p><Rich text={t('protocol.sequence.clock', LIMITS)} /></p>
          </div>
        </Section>

        <Section id="storedAck" title={t('protocol.section.storedAck')}>
          <div className="space-y-2 text-stone-800">
            <p><Rich text={t('protocol.storedAck.why')} /></p>
            <p><Rich text={t('protocol.storedAck.topic')} /></p>
            <p><Rich text={t('protocol.storedAck.rule')} /></p>
          </div>
          <TermList
            testId="stored-ack-fields"
            head={[t('protocol.fields.field'), t('protocol.fields.meaning')]}
            items={STORED_ACK_FIELDS.map((field) => ({ term: field, text: t(`protocol.storedAck.field.${field}`) }))}
          />
          <p className="text-sm text-stone-700"><Rich text={t('protocol.storedAck.signature')} /></p>
          <ul className="list-disc space-y-1.5 pl-5 text-stone-800">
            <li><Rich text={t('protocol.storedAck.scale')} /></li>
            <li><Rich text={t('protocol.storedAck.refused', LIMITS)} /></li>
          </ul>
          <p className="text-stone-800">{t('protocol.storedAck.example')}</p>
          <CodeBlock testId="stored-ack-topic">{ack.topic}</CodeBlock>
          <CodeBlock testId="stored-ack-message">{JSON.stringify({ ...ack.unsigned, sig: ack.signature }, null, 2)}</CodeBlock>
          <h3 className="font-semibold">{t('protocol.storedAck.canonical')}</h3>
          <CodeBlock testId="stored-ack-canonical">{ack.canonical}</CodeBlock>
          <h3 className="font-semibold">{t('protocol.storedAck.openssl')}</h3>
          <CodeBlock testId="stored-ack-openssl">{ack.opensslCommand}</CodeBlock>
        </Section>

        <Section id="signature" title={t('protocol.section.signature')}>
          <ol className="list-decimal space-y-1.5 pl-5 text-stone-800">
            <li><Rich text={t('protocol.signature.step1')} /></li>
            <li><Rich text={t('protocol.signature.step2')} /></li>
            <li><Rich text={t('protocol.signature.step3')} /></li>
          </ol>
          <CodeBlock>{`printf '%s' "$CANONICAL" | openssl dgst -sha256 -hmac "$SECRET"`}</CodeBlock>
          <p className="text-sm text-stone-700"><Rich text={t('protocol.signature.secret')} /></p>
          <p className="text-sm text-stone-700"><Rich text={t('protocol.signature.verify')} /></p>
        </Section>

        <Section id="example" title={t('protocol.section.example')}>
          <p role="note" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="example-warning">
            ⚠ <Rich text={t('protocol.example.warning')} />
          </p>
          <p className="text-stone-800">{t('protocol.example.scenario')}</p>
          <h3 className="font-semibold">{t('protocol.example.secret')}</h3>
          <CodeBlock testId="example-secret">{EXAMPLE_SECRET}</CodeBlock>
          <h3 className="font-semibold">{t('protocol.example.message')}</h3>
          <CodeBlock testId="example-message">{JSON.stringify(example.unsigned, null, 2)}</CodeBlock>
          <h3 className="font-semibold">{t('protocol.example.canonical')}</h3>
          <CodeBlock testId="example-canonical">{example.canonical}</CodeBlock>
          <h3 className="font-semibold">{t('protocol.example.openssl')}</h3>
          <CodeBlock testId="example-openssl">{example.opensslCommand}</CodeBlock>
          <p className="text-sm text-stone-700">{t('protocol.example.output')}</p>
          <CodeBlock testId="example-openssl-output">{example.opensslOutput}</CodeBlock>
          <h3 className="font-semibold"><Rich text={t('protocol.example.signed')} /></h3>
          <CodeBlock testId="example-signed">{example.signedJson}</CodeBlock>
          <h3 className="font-semibold"><Rich text={t('protocol.example.publish')} /></h3>
          <CodeBlock testId="example-publish">{example.mosquittoCommand}</CodeBlock>
          <p className="text-xs text-stone-500">{t('protocol.example.computed')}</p>
        </Section>

        <Section id="reasons" title={t('protocol.section.reasons')}>
          <p className="text-sm text-stone-700">{t('protocol.reasons.intro')}</p>
          <TermList
            testId="protocol-reasons"
            head={[t('protocol.reasons.reason'), t('protocol.reasons.meaning')]}
            items={REJECT_REASONS.map((reason) => ({ term: reason, text: t(`protocol.reason.${reason}`, LIMITS) }))}
          />
        </Section>

        <Section id="findings" title={t('protocol.section.findings')}>
          <p className="text-sm text-stone-700">{t('protocol.findings.intro')}</p>
          <TermList
            testId="protocol-findings"
            head={[t('protocol.findings.finding'), t('protocol.reasons.meaning')]}
            items={FINDINGS.map((finding) => ({ term: finding, text: t(`protocol.finding.${finding}`) }))}
          />
        </Section>
    </DocPage>
  );
}
