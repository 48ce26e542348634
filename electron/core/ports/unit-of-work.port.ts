/**
 * One database transaction around a piece of domain work: the change and the jobs it needs commit
 * together or not at all. Every store call awaited inside `fn` runs in the transaction (the store
 * carries it along the async call chain); a nested `run` is a savepoint. Do no network I/O inside:
 * the unit holds a connection (SQLite: the only one) until it ends.
 */
export interface UnitOfWork {
  run<T>(fn: () => Promise<T>): Promise<T>;
}
