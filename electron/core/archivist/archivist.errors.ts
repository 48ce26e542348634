/** A refusal the hosts show as it is (Norwegian): unknown entry/export, or a state that does not allow the action. */
export class ArchivistError extends Error {
  override readonly name = 'ArchivistError';
  constructor(
    readonly code: 'not-found' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}
