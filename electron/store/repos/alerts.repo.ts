import type { SqlClient } from '../sql/sql-client';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';

/** #17: placeholder, filled by the feature that owns it. */
export function createAlertsRepo(_sql: SqlClient, _uow: UnitOfWork) {
  return {};
}
