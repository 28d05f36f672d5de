import { Prisma } from './generated/client.ts';

/** A write hit a unique index (Prisma's P2002): the caller turns it into its own "already taken". */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
