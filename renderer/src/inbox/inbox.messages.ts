/**
 * #14: Innboks, compact filters and density, in bokmål, nynorsk and English (same keys in all three, checked by the type).
 */
export const inboxWsNb = {
  placeholder: '',
};

export const inboxWsNn: typeof inboxWsNb = {
  placeholder: '',
};

export const inboxWsEn: typeof inboxWsNb = {
  placeholder: '',
};
