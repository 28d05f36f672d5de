// Words for a refused statement line, shared by the upload page and anything else that reports it.
import type { StatementError } from '../domain/bank-statement.ts';
import type { Translate } from './index.ts';

/** Where the error is: "第 3 行" / "Line 3", or the whole file; and the column, when there is one. */
export function statementErrorPlace(t: Translate, error: StatementError): string {
  const line = error.line === null ? t('recon.error.file') : t('recon.error.line', { line: error.line });
  return error.column ? `${line} · ${t('recon.error.column', { column: error.column })}` : line;
}

export function statementErrorText(t: Translate, error: StatementError): string {
  return t(`recon.error.${error.code}`, error.params);
}
