// Whether an account can reach a path, decided from the owner and mode of each component alone (no
// I/O here: the caller stats the components). As root, PostgreSQL runs as an unprivileged account,
// and a folder it cannot traverse (a clone under a 0700 home) makes its exec fail with EACCES; asking
// before spawning turns that into a plan (use another place) instead of a crash.

export const READ = 4;
export const WRITE = 2;
export const EXECUTE = 1;

/** One component of a path as stat() sees it (after following links). */
export interface PathComponent {
  path: string;
  mode: number;
  uid: number;
  gid: number;
}

/** Who asks. A process spawned with a uid/gid by Node gets no supplementary groups (libuv drops
 * them), so `groups` stays empty for the PostgreSQL account. */
export interface Account {
  uid: number;
  gid: number;
  groups?: readonly number[];
}

/** The permission bits (`READ | EXECUTE`, …) the account gets on one component: the owner's bits
 * when it owns it, else the group's when it is in the group, else the others' (POSIX picks one
 * class only: an owner denied by its own bits is denied even when others are allowed). */
export function allows(component: PathComponent, account: Account, need: number): boolean {
  if (account.uid === 0) return true;
  const inGroup = component.gid === account.gid || (account.groups ?? []).includes(component.gid);
  const shift = component.uid === account.uid ? 6 : inGroup ? 3 : 0;
  return (((component.mode >> shift) & 7) & need) === need;
}

/**
 * The first component that stops the account from using the last one with `need`, or undefined when
 * nothing does. `chain` runs from the root (`/`) down to the target: every component before the
 * last must be traversable (execute), the last must grant `need`.
 */
export function firstBarrier(chain: readonly PathComponent[], account: Account, need: number): PathComponent | undefined {
  return chain.find((component, index) => !allows(component, account, index === chain.length - 1 ? need : EXECUTE));
}

/** Every prefix of an absolute path, from `/` to the path itself: the components to stat. */
export function pathPrefixes(absolutePath: string): string[] {
  const parts = absolutePath.split('/').filter(Boolean);
  return ['/', ...parts.map((_, index) => `/${parts.slice(0, index + 1).join('/')}`)];
}
