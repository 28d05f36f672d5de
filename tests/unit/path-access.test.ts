import { describe, expect, it } from 'vitest';
import { EXECUTE, READ, WRITE, allows, firstBarrier, pathPrefixes, type PathComponent } from '../../lib/platform/path-access.ts';

const root = { uid: 0, gid: 0 };
const postgres = { uid: 101, gid: 104 };
const dir = (path: string, mode: number, uid = 0, gid = 0): PathComponent => ({ path, mode: 0o040000 | mode, uid, gid });

describe('allows', () => {
  it("uses the others' bits for a stranger", () => {
    expect(allows(dir('/srv', 0o755), postgres, READ | EXECUTE)).toBe(true);
    expect(allows(dir('/root', 0o700), postgres, EXECUTE)).toBe(false);
    expect(allows(dir('/srv', 0o751), postgres, READ)).toBe(false);
    expect(allows(dir('/srv', 0o751), postgres, EXECUTE)).toBe(true);
  });

  it("uses the owner's bits for the owner, even when they grant less than the others'", () => {
    expect(allows(dir('/data', 0o700, 101, 104), postgres, READ | WRITE | EXECUTE)).toBe(true);
    expect(allows(dir('/odd', 0o077, 101, 104), postgres, EXECUTE)).toBe(false);
  });

  it("uses the group's bits for a member (primary or supplementary group)", () => {
    expect(allows(dir('/shared', 0o750, 0, 104), postgres, READ | EXECUTE)).toBe(true);
    expect(allows(dir('/shared', 0o705, 0, 104), postgres, EXECUTE)).toBe(false);
    expect(allows(dir('/certs', 0o750, 0, 103), { ...postgres, groups: [103] }, EXECUTE)).toBe(true);
    expect(allows(dir('/certs', 0o750, 0, 103), postgres, EXECUTE)).toBe(false);
  });

  it('lets root through everything', () => {
    expect(allows(dir('/root', 0o000), root, READ | WRITE | EXECUTE)).toBe(true);
  });
});

describe('firstBarrier', () => {
  const chain = [dir('/', 0o755), dir('/root', 0o700), dir('/root/app', 0o755), dir('/root/app/node_modules', 0o755)];

  it('finds the 0700 home on the way to a clone in it', () => {
    expect(firstBarrier(chain, postgres, READ | EXECUTE)?.path).toBe('/root');
  });

  it('finds nothing when every folder on the way can be traversed', () => {
    expect(firstBarrier([dir('/', 0o755), dir('/work', 0o711), dir('/work/app', 0o755)], postgres, READ | EXECUTE)).toBeUndefined();
    expect(firstBarrier(chain, root, READ | EXECUTE)).toBeUndefined();
  });

  it('asks only to traverse the folders on the way, and `need` of the last', () => {
    const onTheWay = [dir('/', 0o755), dir('/srv', 0o711), dir('/srv/data', 0o700, 101, 104)];
    expect(firstBarrier(onTheWay, postgres, READ | WRITE | EXECUTE)).toBeUndefined();
    const unreadable = [dir('/', 0o755), dir('/srv', 0o711)];
    expect(firstBarrier(unreadable, postgres, READ | EXECUTE)?.path).toBe('/srv');
  });
});

describe('pathPrefixes', () => {
  it('lists every folder from the root down to the path', () => {
    expect(pathPrefixes('/root/app/.data')).toEqual(['/', '/root', '/root/app', '/root/app/.data']);
    expect(pathPrefixes('/')).toEqual(['/']);
  });
});
