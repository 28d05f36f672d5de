import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/auth/current.ts';
import { homeFor } from '@/lib/auth/roles.ts';

export default async function Home() {
  const session = await currentSession();
  redirect(session.status === 'valid' ? homeFor(session.user.role) : '/login');
}
