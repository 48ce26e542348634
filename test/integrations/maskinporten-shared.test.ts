import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import { createMaskinporten } from '../../integrations/shared/auth/maskinporten';

// One Maskinporten for Altinn, Folkeregisteret and KRR (#11): the key is read once per client and scope.
function countingSecrets(values: Record<string, string>): SecretStore & { reads: string[] } {
  const reads: string[] = [];
  return {
    kind: 'memory',
    reads,
    async get(name) {
      reads.push(name);
      return values[name];
    },
    async set() {},
    async delete() {},
    async names() {
      return Object.keys(values);
    },
  };
}

const mp = { tokenUrl: 'http://127.0.0.1:1/token', audience: 'http://127.0.0.1:1/', clientId: 'c', kid: 'k', scope: 'altinn:serviceowner', privateKey: { secret: 'mp-key' } };

describe('createMaskinporten', () => {
  it('builds one provider per client, scope and exchange and reads the key once', async () => {
    const secrets = countingSecrets({ 'mp-key': 'PEM' });
    const m = createMaskinporten({ secrets });
    const a = await m.provider(mp, { timeoutMs: 1000, altinnPlatformUrl: 'http://127.0.0.1:2' });
    const b = await m.provider(mp, { timeoutMs: 1000, altinnPlatformUrl: 'http://127.0.0.1:2' });
    expect(b).toBe(a);
    expect(secrets.reads).toEqual(['mp-key']);
    const register = await m.provider({ ...mp, scope: 'folkeregister:deling/offentligmedhjemmel' }, { timeoutMs: 1000 });
    expect(register).not.toBe(a);
    const plain = await m.provider(mp, { timeoutMs: 1000 });
    expect(plain).not.toBe(a);
  });

  it('reports a missing key to every caller instead of remembering the failure', async () => {
    const values: Record<string, string> = {};
    const secrets = countingSecrets(values);
    const m = createMaskinporten({ secrets });
    await expect(m.provider(mp, { timeoutMs: 1000 })).rejects.toThrow();
    values['mp-key'] = 'PEM';
    await expect(m.provider(mp, { timeoutMs: 1000 })).resolves.toBeTruthy();
    expect(secrets.reads).toEqual(['mp-key', 'mp-key']);
  });
});
