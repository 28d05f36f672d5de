// Typed errors that route handlers map to HTTP once (lib/http/api.ts).
export class NotFoundError extends Error {
  readonly status = 404;
  constructor(what: string) {
    super(`${what} not found`);
  }
}
