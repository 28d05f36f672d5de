import type { Role } from './generated/enums.ts';
import type { Scope } from './scope.ts';

/** Who acts on the register (provisions, inspects, re-weighs): the signed-in user (a SessionUser
 * fits). The role gates, the scope limits, the id is recorded in the audit. */
export interface Actor {
  id: number | null;
  role: Role;
  scope: Scope;
}
