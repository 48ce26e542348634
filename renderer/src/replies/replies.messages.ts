/**
 * #14: Svar, in bokmål, nynorsk and English (same keys in all three, checked by the type).
 */
export const repliesWsNb = {
  columns: {
    case: 'Sak',
    progress: 'Sendt, lest og utskrift',
  },
  caseNumber: 'Saksnr. {{value}}',
  channel: 'Kanal:',
  steps: {
    sent: 'Sendt',
    read: 'Lest',
    print: 'Skrives ut',
    printed: 'Skrevet ut',
  },
  noPrint: 'Skrives ikke ut',
  filters: {
    showAll: 'Vis alle',
    showAllHint_one: '{{count}} status uten svar',
    showAllHint_other: '{{count}} statuser uten svar',
    showFewer: 'Skjul statuser uten svar',
  },
  chart: {
    tableCaption: 'Dager med svar, siste {{days}} dager',
    total: 'Sum',
    noDays: 'Ingen svar er sendt, lest eller skrevet ut de siste {{days}} dagene.',
    daysWithData_one: '{{count}} dag med svar av de siste {{days}}.',
    daysWithData_other: '{{count}} dager med svar av de siste {{days}}.',
  },
};

export const repliesWsNn: typeof repliesWsNb = {
  columns: {
    case: 'Sak',
    progress: 'Sendt, lese og utskrift',
  },
  caseNumber: 'Saksnr. {{value}}',
  channel: 'Kanal:',
  steps: {
    sent: 'Sendt',
    read: 'Lese',
    print: 'Blir skrive ut',
    printed: 'Skrive ut',
  },
  noPrint: 'Blir ikkje skrive ut',
  filters: {
    showAll: 'Vis alle',
    showAllHint_one: '{{count}} status utan svar',
    showAllHint_other: '{{count}} statusar utan svar',
    showFewer: 'Skjul statusar utan svar',
  },
  chart: {
    tableCaption: 'Dagar med svar, siste {{days}} dagar',
    total: 'Sum',
    noDays: 'Ingen svar er sende, lesne eller skrivne ut dei siste {{days}} dagane.',
    daysWithData_one: '{{count}} dag med svar av dei siste {{days}}.',
    daysWithData_other: '{{count}} dagar med svar av dei siste {{days}}.',
  },
};

export const repliesWsEn: typeof repliesWsNb = {
  columns: {
    case: 'Case',
    progress: 'Sent, read and printing',
  },
  caseNumber: 'Case no. {{value}}',
  channel: 'Channel:',
  steps: {
    sent: 'Sent',
    read: 'Read',
    print: 'Prints on',
    printed: 'Printed',
  },
  noPrint: 'Will not be printed',
  filters: {
    showAll: 'Show all',
    showAllHint_one: '{{count}} status with no replies',
    showAllHint_other: '{{count}} statuses with no replies',
    showFewer: 'Hide statuses with no replies',
  },
  chart: {
    tableCaption: 'Days with replies, last {{days}} days',
    total: 'Total',
    noDays: 'No replies were sent, read or printed in the last {{days}} days.',
    daysWithData_one: '{{count}} day with replies out of the last {{days}}.',
    daysWithData_other: '{{count}} days with replies out of the last {{days}}.',
  },
};
