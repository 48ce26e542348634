/**
 * Secrets (client keys, passwords, certificates) are referenced from the configuration by
 * name and resolved here. They never sit in the SQLite store or the config file in clear.
 */
export interface SecretStore {
  readonly kind: string;
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  names(): Promise<string[]>;
}
