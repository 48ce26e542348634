import type { ReplyMessage } from '../../electron/core/replies/reply.types';

/** What an approved reply carries to Altinn and the printer, merged at approval. */
export const replyMessage = (over: Partial<ReplyMessage> = {}): ReplyMessage => ({
  title: 'Vedtak',
  summary: null,
  body: 'Du har fått plass.',
  language: 'nb',
  messageSender: 'Demo kommune',
  notification: { emailSubject: 's', emailBody: 'b', sms: 'm' },
  resourceId: 'kommune-svar',
  altinn2Service: null,
  sender: { name: 'Demo kommune', orgNumber: null },
  caseNumber: '2026/1',
  ...over,
});
