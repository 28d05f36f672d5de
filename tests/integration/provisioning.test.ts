// Device identity against the real database: register, rotate, revoke, read back; scope and role
// checks; and the secret never at rest in clear. The run's database was seeded without a platform
// key, so these tests make their own key and provision their own scales (deleted at the end).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../lib/db/actor.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { caught, demoActor, demoActorIn } from '../support/actors.ts';
import { SecretBoxError } from '../../lib/crypto/secret-box.ts';
import {
  ProvisioningForbiddenError, ProvisioningValidationError, registerScale, registrationPlaces, revokeScale, rotateSecret,
  scaleIdentity, scaleSecret, ScaleNotFoundError, ScaleRevokedError, type RegisterScaleInput,
} from '../../lib/db/provisioning.ts';

let db: Db;
const key = randomBytes(32);
const prefix = `IT-${randomBytes(3).toString('hex').toUpperCase()}`;
let serialCounter = 0;
const nextSerial = () => `${prefix}-${++serialCounter}`;

let district: Actor & { districtId: number };
let city: Actor;
let market: Actor & { marketId: number };
let inspector: Actor;
/** a market and a stall of the district user's district */
let own: { marketId: number; stallId: number };
/** a scale and a market of another district */
let other: { scaleId: number; marketId: number };

function form(overrides: RegisterScaleInput = {}): RegisterScaleInput {
  return {
    marketId: String(own.marketId), stallId: String(own.stallId), serial: nextSerial(), model: 'ACS-15 测试型', maker: '衡阳测试衡器有限公司',
    accuracyClass: 'III', maxG: '15000', eG: '5', dG: '5', softwareId: 'V2.1.0 CRC 3FA9', ...overrides,
  };
}

beforeAll(async () => {
  db = createDb(inject('databaseUrl'));
  district = await demoActorIn(db, 'district', 'districtId');
  market = await demoActorIn(db, 'market', 'marketId');
  city = await demoActor(db, 'city');
  inspector = await demoActor(db, 'inspector');
  const stall = await db.stall.findFirstOrThrow({ where: { market: { districtId: district.districtId } }, orderBy: { id: 'asc' } });
  own = { marketId: stall.marketId, stallId: stall.id };
  const otherScale = await db.scale.findFirstOrThrow({ where: { market: { districtId: { not: district.districtId } } }, orderBy: { id: 'asc' } });
  other = { scaleId: otherScale.id, marketId: otherScale.marketId };
});

afterAll(async () => {
  await db.scale.deleteMany({ where: { serial: { startsWith: prefix } } });
  await db.$disconnect();
});

describe('registering a scale', () => {
  it('creates the scale where asked, with exact masses, and issues a secret that reads back the same', async () => {
    const before = new Date();
    const input = form({ maxG: '15000', eG: '5', dG: '5' });
    const { scale, secret } = await registerScale(db, district, key, input);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(scale).toMatchObject({ serial: input.serial, marketId: own.marketId, stallId: own.stallId });

    const row = await db.scale.findUniqueOrThrow({ where: { id: scale.id } });
    expect(row).toMatchObject({
      accuracyClass: 'III', maxMg: 15_000_000, eMg: 5_000, dMg: 5_000, minMg: 100_000, purpose: 'trade', status: 'in_service',
      revokedAt: null, lastSeq: null, online: false, softwareId: 'V2.1.0 CRC 3FA9',
    });
    expect(row.secretIssuedAt?.getTime()).toBeGreaterThanOrEqual(before.getTime());

    expect(await scaleSecret(db, key, scale.serial)).toEqual({ scaleId: scale.id, secret, revoked: false });
    expect(await scaleIdentity(db, district.scope, scale.id)).toEqual({ provisioned: true, secretIssuedAt: row.secretIssuedAt, revokedAt: null });

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'scale.register', entityId: String(scale.id) } });
    expect(audit).toMatchObject({ userId: district.id, entity: 'Scale' });
    expect(JSON.stringify(audit.detail)).not.toContain(secret);
  });

  it('converts grams typed with decimals exactly, and honours an explicit Min', async () => {
    const { scale } = await registerScale(db, city, key, form({ maxG: '3000', eG: '0.5', dG: '0.05', minG: '30.5', accuracyClass: 'II' }));
    expect(await db.scale.findUniqueOrThrow({ where: { id: scale.id }, select: { maxMg: true, eMg: true, dMg: true, minMg: true } }))
      .toEqual({ maxMg: 3_000_000, eMg: 500, dMg: 50, minMg: 30_500 });
  });

  it('names each bad field, and a duplicate serial', async () => {
    const bad = await caught(registerScale(db, district, key, form({ serial: 'x', maxG: '15 kg', eG: '3', model: '' })), ProvisioningValidationError);
    expect(bad.fieldErrors).toEqual({
      serial: 'regulator.provision.error.serial', maxG: 'regulator.provision.error.grams', model: 'regulator.provision.error.required',
    });
    const rules = await caught(registerScale(db, district, key, form({ eG: '3', dG: '3' })), ProvisioningValidationError);
    expect(rules.fieldErrors).toEqual({ eG: 'regulator.provision.error.eSteps', dG: 'regulator.provision.error.dSteps' });

    const { scale } = await registerScale(db, district, key, form());
    const duplicate = await caught(registerScale(db, district, key, form({ serial: scale.serial })), ProvisioningValidationError);
    expect(duplicate.fieldErrors).toEqual({ serial: 'regulator.provision.error.serialTaken' });
  });

  it('registers only at markets and stalls in the actor’s scope', async () => {
    const outside = await caught(registerScale(db, district, key, form({ marketId: String(other.marketId), stallId: '' })), ProvisioningValidationError);
    expect(outside.fieldErrors).toEqual({ marketId: 'regulator.provision.error.market' });
    const foreignStall = await db.stall.findFirstOrThrow({ where: { marketId: { not: own.marketId } } });
    const wrongStall = await caught(registerScale(db, district, key, form({ stallId: String(foreignStall.id) })), ProvisioningValidationError);
    expect(wrongStall.fieldErrors).toEqual({ stallId: 'regulator.provision.error.stall' });
    if (market.marketId !== own.marketId) {
      const managerOutside = await caught(registerScale(db, market, key, form()), ProvisioningValidationError);
      expect(managerOutside.fieldErrors).toEqual({ marketId: 'regulator.provision.error.market' });
    }

    const places = await registrationPlaces(db, district.scope);
    const districtMarkets = await db.market.findMany({ where: { districtId: district.districtId }, select: { id: true } });
    expect(places.map((place) => place.id).sort()).toEqual(districtMarkets.map((m) => m.id).sort());
    expect(places.some((place) => place.stalls.some((stall) => stall.id === own.stallId))).toBe(true);
    expect((await registrationPlaces(db, market.scope)).map((place) => place.id)).toEqual([market.marketId]);
  });

  it('refuses roles that may not provision', async () => {
    await caught(registerScale(db, inspector, key, form()), ProvisioningForbiddenError);
    const { scale } = await registerScale(db, district, key, form());
    await caught(rotateSecret(db, inspector, key, scale.id), ProvisioningForbiddenError);
    await caught(revokeScale(db, inspector, scale.id), ProvisioningForbiddenError);
    const bank = await demoActor(db, 'bank');
    await caught(rotateSecret(db, bank, key, scale.id), ProvisioningForbiddenError);
    expect((await scaleSecret(db, key, scale.serial))?.revoked).toBe(false);
  });
});

describe('rotating and revoking', () => {
  it('rotates to a different secret; the old one is gone', async () => {
    const { scale, secret: first } = await registerScale(db, district, key, form());
    const issued = (await db.scale.findUniqueOrThrow({ where: { id: scale.id } })).secretIssuedAt;
    const { secret: second, secretIssuedAt } = await rotateSecret(db, district, key, scale.id);
    expect(second).toMatch(/^[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
    const read = await scaleSecret(db, key, scale.serial);
    expect(read).toEqual({ scaleId: scale.id, secret: second, revoked: false });
    expect(read?.secret).not.toBe(first);
    expect(secretIssuedAt.getTime()).toBeGreaterThanOrEqual(issued?.getTime() ?? 0);
    expect((await db.scale.findUniqueOrThrow({ where: { id: scale.id } })).secretIssuedAt).toEqual(secretIssuedAt);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'scale.secret_rotate', entityId: String(scale.id) } });
    expect(audit.userId).toBe(district.id);
    expect(JSON.stringify(audit.detail)).not.toContain(first);
    expect(JSON.stringify(audit.detail)).not.toContain(second);
  });

  it('revokes: the secret reads as revoked, a second revocation keeps the first time, and rotation is refused', async () => {
    const { scale, secret } = await registerScale(db, district, key, form());
    const { revokedAt } = await revokeScale(db, district, scale.id);
    expect(await scaleSecret(db, key, scale.serial)).toEqual({ scaleId: scale.id, secret, revoked: true });
    expect((await scaleIdentity(db, district.scope, scale.id))?.revokedAt).toEqual(revokedAt);
    expect((await revokeScale(db, city, scale.id)).revokedAt).toEqual(revokedAt);
    await caught(rotateSecret(db, district, key, scale.id), ScaleRevokedError);
    expect(await db.auditEvent.count({ where: { action: 'scale.revoke', entityId: String(scale.id) } })).toBe(1);
  });

  it('does not let a district regulator touch another district’s scale (it reads as not found)', async () => {
    const before = await db.scale.findUniqueOrThrow({ where: { id: other.scaleId } });
    await caught(rotateSecret(db, district, key, other.scaleId), ScaleNotFoundError);
    await caught(revokeScale(db, district, other.scaleId), ScaleNotFoundError);
    expect(await scaleIdentity(db, district.scope, other.scaleId)).toBeNull();
    const after = await db.scale.findUniqueOrThrow({ where: { id: other.scaleId } });
    expect(after.secretIssuedAt).toEqual(before.secretIssuedAt);
    expect(after.revokedAt).toBeNull();
    await caught(rotateSecret(db, district, key, 2_000_000_000), ScaleNotFoundError);
  });

  it('lets a market manager act on its own market only', async () => {
    const { scale } = await registerScale(db, city, key, form({ marketId: String(market.marketId), stallId: '' }));
    await rotateSecret(db, market, key, scale.id);
    if (market.marketId !== other.marketId) await caught(rotateSecret(db, market, key, other.scaleId), ScaleNotFoundError);
  });
});

describe('the secret at rest', () => {
  it('is stored sealed: the bytes never hold the secret, and audit details never mention it', async () => {
    const { scale, secret } = await registerScale(db, district, key, form());
    const rotated = (await rotateSecret(db, district, key, scale.id)).secret;
    for (const clear of [secret, rotated]) {
      const rows = await db.$queryRaw<{ sealed: Uint8Array }[]>`SELECT "secretSealed" AS sealed FROM "Scale" WHERE id = ${scale.id}`;
      const sealed = Buffer.from(rows[0]?.sealed ?? new Uint8Array());
      expect(sealed.length).toBe(1 + 12 + 16 + 64);
      expect(sealed.includes(Buffer.from(clear, 'utf8'))).toBe(false);
      expect(sealed.includes(Buffer.from(clear, 'hex'))).toBe(false);
      const [leaks] = await db.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) AS count FROM "AuditEvent" WHERE detail::text LIKE ${`%${clear}%`}`;
      expect(leaks?.count).toBe(0n);
    }
  });

  it('does not open under another key, and reads as null for an unknown or unprovisioned scale', async () => {
    const { scale } = await registerScale(db, district, key, form());
    const error = await caught(scaleSecret(db, randomBytes(32), scale.serial), SecretBoxError);
    expect(error.code).toBe('authentication_failed');
    expect(await scaleSecret(db, key, 'NO-SUCH-SCALE-0000')).toBeNull();
    await db.scale.update({ where: { id: scale.id }, data: { secretSealed: null, secretIssuedAt: null } });
    expect(await scaleSecret(db, key, scale.serial)).toBeNull();
    expect(await scaleIdentity(db, district.scope, scale.id)).toEqual({ provisioned: false, secretIssuedAt: null, revokedAt: null });
    // a scale without a secret gets its first one by rotation
    const { secret } = await rotateSecret(db, district, key, scale.id);
    expect((await scaleSecret(db, key, scale.serial))?.secret).toBe(secret);
  });
});
