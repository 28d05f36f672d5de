// The demo users as the register's write modules take them (lib/db/actor.ts), plus where they sit.
import type { Actor } from '../../lib/db/actor.ts';
import type { Db } from '../../lib/db/client.ts';
import { scopeOf } from '../../lib/db/scope.ts';

export async function demoActor(db: Db, username: string): Promise<Actor & { districtId: number | null; marketId: number | null }> {
  const user = await db.user.findUniqueOrThrow({ where: { username } });
  return { id: user.id, role: user.role, scope: scopeOf(user), districtId: user.districtId, marketId: user.marketId };
}

/** A demo user who sits in a district or a market (the district regulator, the inspector, the market
 * manager), with that place's id known not to be null. */
export async function demoActorIn<Place extends 'districtId' | 'marketId'>(db: Db, username: string, place: Place): Promise<Actor & Record<Place, number>> {
  const actor = await demoActor(db, username);
  const id = actor[place];
  if (id === null) throw new Error(`demo user ${username} lacks its ${place}`);
  return { ...actor, [place]: id } as Actor & Record<Place, number>;
}

/** The error `promise` rejects with, when it is a `type`; anything else (or no error) fails the test. */
export async function caught<T>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name}`);
}
