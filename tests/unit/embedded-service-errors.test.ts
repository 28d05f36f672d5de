import { describe, expect, it } from 'vitest';
import { describeInitdbFailure, describePostgresExit, describeSpawnFailure, oneLine, portInUse } from '../../lib/platform/embedded-service-errors.ts';

const context = { port: 54329, dataDir: '/srv/pg' };

describe('what npm start says when an embedded service fails', () => {
  it('names the port and the setting that changes it', () => {
    expect(portInUse(18830, 'EMBEDDED_MQTT_PORT', 'MQTT_URL to use a broker of your own')).toBe(
      'port 18830 is in use: set EMBEDDED_MQTT_PORT to a free port (or MQTT_URL to use a broker of your own)',
    );
    expect(portInUse(3000, 'PORT')).toBe('port 3000 is in use: set PORT to a free port');
  });

  it("reads a taken port from PostgreSQL's log, by TCP or by socket lock", () => {
    const tcp = '2026-12-03 LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\nFATAL:  could not create any TCP/IP sockets\n';
    expect(describePostgresExit(tcp, context)).toMatch(/^port 54329 is in use: set EMBEDDED_PG_PORT/);
    const socket = 'FATAL:  lock file "/tmp/.s.PGSQL.54329.lock" already exists\nHINT:  Is another postmaster (PID 7) using socket file "/tmp/.s.PGSQL.54329"?\n';
    expect(describePostgresExit(socket, context)).toMatch(/^port 54329 is in use/);
  });

  it('says when another server already runs on the same data', () => {
    const log = 'FATAL:  lock file "postmaster.pid" already exists\nHINT:  Is another postmaster (PID 42) running in data directory "/srv/pg"?\n';
    expect(describePostgresExit(log, context)).toMatch(/^another PostgreSQL already runs on \/srv\/pg/);
  });

  it("otherwise quotes PostgreSQL's own FATAL line, on one line", () => {
    const log = 'LOG:  starting\nFATAL:  data directory "/srv/pg" has wrong ownership\nHINT:  The server must be started by the user that owns the data directory.\n';
    const message = describePostgresExit(log, context);
    expect(message).toBe('embedded PostgreSQL did not start (data directory "/srv/pg" has wrong ownership); its data is in /srv/pg');
    expect(describePostgresExit('', context)).toMatch(/\(no output\)/);
  });

  it('explains an initdb failure and how to choose another folder', () => {
    const busy = 'initdb: error: directory "/srv/pg" exists but is not empty\n';
    expect(describeInitdbFailure(busy, { code: 1, dataDir: '/srv/pg' })).toMatch(/^\/srv\/pg is not empty .*EMBEDDED_PG_DATA/);
    const other = 'initdb: error: could not create directory "/srv/pg": Permission denied\n';
    expect(describeInitdbFailure(other, { code: 1, dataDir: '/srv/pg' })).toMatch(/exited with 1: initdb: error: could not create directory/);
  });

  it('names the binary and the account when it cannot even be run', () => {
    const error = Object.assign(new Error('spawn /x/initdb EACCES'), { code: 'EACCES' });
    expect(describeSpawnFailure(error, '/x/initdb', { accountName: 'postgres', fix: 'reinstall with npm ci' })).toBe(
      'cannot run /x/initdb as postgres (EACCES): reinstall with npm ci, or set DATABASE_URL to use a PostgreSQL of your own',
    );
  });

  it('keeps only the first line of anything thrown', () => {
    expect(oneLine(new Error('first\n    at somewhere (x.ts:1)'))).toBe('first');
    expect(oneLine('plain')).toBe('plain');
    expect(oneLine(undefined)).toBe('undefined');
  });
});
