/** Runs fn in one database transaction (nested calls become savepoints). */
export interface UnitOfWork {
  transaction<T>(fn: () => T): T;
}
