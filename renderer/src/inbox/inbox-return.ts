/**
 * Where the caseworker left the inbox for a case: the view (filters, search, sort as the URL's query), the row and the
 * list's scroll position. Kept in sessionStorage (one window's session, never the fødselsnummer: only the case's
 * public id), so «Tilbake» from the case, or the browser's back, brings the same view, row and scroll back.
 */
const KEY = 'pm.inbox.return';

export interface InboxReturn {
  /** The inbox URL's query when the case was opened ('' or '?status=new&…'). */
  search: string;
  /** The case's public id. */
  row: string;
  /** Its index in the list then; checked against the row before use (the list may have changed meanwhile). */
  index: number;
  /** The case list's scrollTop then. */
  scrollTop: number;
  /** The measured heights of the rows down to the window's end then, so that scrollTop shows the same rows again. */
  sizes: number[];
}

/** What a link to a case carries, so the case page's «Tilbake» can return here and name the row. */
export const inboxLinkState = (publicId: string) => ({ from: '/innboks', row: publicId }) as const;

export function rememberReturn(value: InboxReturn): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    // storage full or disabled: Back then starts at the top, nothing else is lost
  }
}

export function readReturn(): InboxReturn | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<InboxReturn>;
    if (typeof v.search !== 'string' || typeof v.row !== 'string' || typeof v.index !== 'number' || typeof v.scrollTop !== 'number') return null;
    const sizes = Array.isArray(v.sizes) && v.sizes.every((n) => typeof n === 'number' && n > 0) ? v.sizes : [];
    return { search: v.search, row: v.row, index: v.index, scrollTop: v.scrollTop, sizes };
  } catch {
    return null;
  }
}
