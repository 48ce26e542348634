import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/**
 * Reads a certificate and/or private key as IT hands it in: PKCS#12 (.p12/.pfx, with its
 * passphrase; RFC 7292) or PEM (RFC 7468: CERTIFICATE, PRIVATE KEY, RSA/EC PRIVATE KEY, ENCRYPTED
 * PRIVATE KEY), or a bare DER certificate (.cer/.crt/.der). The key comes out as unencrypted
 * PKCS#8 PEM, the form the Maskinporten client reads (importPKCS8); the certificate chain as PEM,
 * the leaf first. The passphrase is used here and forgotten.
 */

export type ImportedKind = 'pkcs12' | 'pem-certificate' | 'private-key';

export interface CertificateFacts {
  subject: string;
  issuer: string;
  notBefore: number;
  notAfter: number;
  /** SHA-256 of the DER, hex pairs with colons (as openssl and X509Certificate print it). */
  fingerprint: string;
}

export interface ImportedMaterial {
  kind: ImportedKind;
  /** PKCS#8 PEM, unencrypted (it is kept inside the secret store only). */
  keyPem: string | null;
  /** The chain as PEM, leaf first. */
  certPem: string | null;
  /** The leaf's public facts; null for a bare key. */
  facts: CertificateFacts | null;
}

/** A refusal IT can act on: the message says what is wrong with the file and what to do. */
export class CertificateImportError extends Error {
  override readonly name = 'CertificateImportError';
}

const NOT_READABLE = (fileName: string) =>
  `Filen «${fileName}» er ikke et sertifikat eller en nøkkel Postmottak kan lese. Bruk PKCS#12 (.p12 eller .pfx med passord) eller PEM (.pem, .crt, .key).`;

export function certificateFacts(cert: X509Certificate): CertificateFacts {
  return {
    // X509Certificate prints one attribute per line; one line reads better in a table
    subject: cert.subject.split('\n').join(', '),
    issuer: cert.issuer.split('\n').join(', '),
    notBefore: Date.parse(cert.validFrom),
    notAfter: Date.parse(cert.validTo),
    fingerprint: cert.fingerprint256,
  };
}

const toPkcs8Pem = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The leaf: the certificate that belongs to the key; without a key, the first one. Chain order: leaf first. */
function assemble(kind: ImportedKind, certs: X509Certificate[], key: KeyObject | null, fileName: string): ImportedMaterial {
  if (!certs.length && !key) throw new CertificateImportError(NOT_READABLE(fileName));
  let leaf = certs[0] ?? null;
  if (key && certs.length) {
    leaf = certs.find((c) => c.checkPrivateKey(key)) ?? null;
    if (!leaf) throw new CertificateImportError(`Sertifikatet og den private nøkkelen i «${fileName}» hører ikke sammen. Sjekk at du har valgt riktig fil.`);
  }
  const chain = leaf ? [leaf, ...certs.filter((c) => c !== leaf)] : [];
  return {
    kind: leaf ? kind : 'private-key',
    keyPem: key ? toPkcs8Pem(key) : null,
    certPem: chain.length ? chain.map((c) => c.toString().trim()).join('\n') + '\n' : null,
    facts: leaf ? certificateFacts(leaf) : null,
  };
}

const derOf = (a: forge.asn1.Asn1): Buffer => Buffer.from(forge.asn1.toDer(a).getBytes(), 'binary');

export function readPkcs12(bytes: Buffer, passphrase: string, fileName: string): ImportedMaterial {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
    // strict=false: some issuers' files carry BER quirks (indefinite lengths) forge reads loosely
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (e) {
    const m = (e as Error).message ?? '';
    if (/password/i.test(m)) {
      throw new CertificateImportError(`Passordet passer ikke til «${fileName}». Skriv inn passordet du fikk sammen med sertifikatet (store og små bokstaver teller).`);
    }
    throw new CertificateImportError(NOT_READABLE(fileName));
  }
  const keys: KeyObject[] = [];
  const certs: X509Certificate[] = [];
  for (const sc of p12.safeContents) {
    for (const bag of sc.safeBags) {
      if (bag.type === forge.pki.oids.certBag) {
        // forge parses RSA certificates only; others come back as raw ASN.1, which node reads
        const der = bag.cert ? derOf(forge.pki.certificateToAsn1(bag.cert)) : derOf(bag.asn1);
        certs.push(new X509Certificate(der));
      } else if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
        const der = bag.key ? derOf(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))) : derOf(bag.asn1);
        keys.push(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
      }
    }
  }
  if (keys.length > 1) throw new CertificateImportError(`«${fileName}» inneholder ${keys.length} private nøkler; Postmottak tar imot én nøkkel per navn.`);
  return assemble('pkcs12', certs, keys[0] ?? null, fileName);
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

export function readPem(text: string, passphrase: string | undefined, fileName: string): ImportedMaterial {
  const certs: X509Certificate[] = [];
  const keys: KeyObject[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const label = m[1]!;
    if (label === 'CERTIFICATE') {
      try {
        certs.push(new X509Certificate(m[0]));
      } catch {
        throw new CertificateImportError(`Et sertifikat i «${fileName}» er skadet og kan ikke leses.`);
      }
    } else if (label.endsWith('PRIVATE KEY')) {
      const encrypted = label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(m[0]);
      if (encrypted && !passphrase) throw new CertificateImportError(`Nøkkelen i «${fileName}» er kryptert. Skriv inn passordet til nøkkelen.`);
      try {
        keys.push(createPrivateKey(encrypted ? { key: m[0], format: 'pem', passphrase } : { key: m[0], format: 'pem' }));
      } catch {
        throw new CertificateImportError(
          encrypted ? `Passordet passer ikke til nøkkelen i «${fileName}».` : `Den private nøkkelen i «${fileName}» er skadet eller i et format Postmottak ikke kan lese.`,
        );
      }
    }
  }
  if (keys.length > 1) throw new CertificateImportError(`«${fileName}» inneholder ${keys.length} private nøkler; Postmottak tar imot én nøkkel per navn.`);
  return assemble('pem-certificate', certs, keys[0] ?? null, fileName);
}

/** By content first (PEM is text), then by what parses: a DER certificate, else PKCS#12. */
export function readCertificateFile(bytes: Buffer, fileName: string, passphrase: string | undefined): ImportedMaterial {
  const head = bytes.subarray(0, 4096).toString('latin1');
  if (head.includes('-----BEGIN ')) return readPem(bytes.toString('utf8'), passphrase, fileName);
  if (!/\.(p12|pfx)$/i.test(fileName)) {
    try {
      return assemble('pem-certificate', [new X509Certificate(bytes)], null, fileName);
    } catch {
      // not a DER certificate: try PKCS#12 below
    }
  }
  return readPkcs12(bytes, passphrase ?? '', fileName);
}
