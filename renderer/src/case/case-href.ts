/** The case page's address inside the hash router; the inbox and the replies list link to it. */
export const caseHref = (publicId: string): string => `/innboks/${encodeURIComponent(publicId)}`;
