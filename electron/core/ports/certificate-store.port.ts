/**
 * Certificates and keys imported by IT (#17 item 2): the enterprise certificate
 * (virksomhetssertifikat) and Maskinporten keys. Only public facts leave the secret store.
 */
export interface CertificateInfo {
  /** The secret name the configuration references ({"secret": name}). */
  name: string;
  kind: 'pkcs12' | 'pem-certificate' | 'private-key';
  subject: string | null;
  issuer: string | null;
  /** Epoch ms; null for a bare key, which has no expiry. */
  notBefore: number | null;
  notAfter: number | null;
  /** SHA-256 of the certificate (DER), hex with colons; null for a bare key. */
  fingerprint: string | null;
  importedAt: number;
  importedBy: string;
  /** A rotation in progress: the earlier value is kept until the new one has worked. */
  previousKept: boolean;
}

export interface CertificateList {
  list(): Promise<CertificateInfo[]>;
}
