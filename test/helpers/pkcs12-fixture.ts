import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

export interface Pkcs12Fixture {
  /** The .p12 file's bytes. */
  p12: Buffer;
  passphrase: string;
  /** The private key as unencrypted PKCS#8 PEM (what the store should hold). */
  keyPem: string;
  /** The key's DER (PKCS#8), to look for in files as raw bytes and as base64. */
  keyDer: Buffer;
  certPem: string;
  fingerprint: string;
  notAfter: number;
  subject: string;
}

/**
 * A self-signed RSA certificate and its key in a PKCS#12 file protected by a passphrase, like a
 * virksomhetssertifikat as the issuer delivers it. The key pair comes from node:crypto (fast);
 * node-forge builds the certificate and the PKCS#12 (AES-256, SHA-256 MAC).
 */
export function makePkcs12(o: { cn?: string; daysValid?: number; passphrase?: string; now?: number } = {}): Pkcs12Fixture {
  const now = o.now ?? Date.now();
  const passphrase = o.passphrase ?? 'Hemmelig-passord-42';
  const cn = o.cn ?? 'Demo kommune Postmottak';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyDer = privateKey.export({ type: 'pkcs8', format: 'der' });
  const fKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(fKey.n, fKey.e);
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(8));
  cert.validity.notBefore = new Date(now - 86_400_000);
  cert.validity.notAfter = new Date(now + (o.daysValid ?? 20) * 86_400_000);
  const attrs = [
    { shortName: 'C', value: 'NO' },
    { shortName: 'O', value: 'Demo kommune' },
    { name: 'serialNumber', value: '999999999' },
    { shortName: 'CN', value: cn },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(fKey, forge.md.sha256.create());
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(fKey, [cert], passphrase, { algorithm: 'aes256', generateLocalKeyId: true, friendlyName: 'postmottak' });
  const p12 = Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary');
  const certPem = forge.pki.certificateToPem(cert);
  const x = new X509Certificate(certPem);
  return { p12, passphrase, keyPem, keyDer, certPem, fingerprint: x.fingerprint256, notAfter: Date.parse(x.validTo), subject: x.subject.split('\n').join(', ') };
}
