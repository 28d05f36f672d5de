// The signed-in merchant: its scope always carries its own merchant id.
import { forbidden } from 'next/navigation';
import { requirePersona } from '@/lib/auth/current.ts';

export async function requireMerchant() {
  const user = await requirePersona('merchant');
  if (user.scope.kind !== 'merchant') forbidden();
  return { user, scope: user.scope, merchantId: user.scope.merchantId };
}
