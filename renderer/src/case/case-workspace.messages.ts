/**
 * #14: the case page's two panes, the work side and the one status vocabulary, in bokmål, nynorsk and English (same keys in all three, checked by the type).
 */
export const caseWsNb = {
  placeholder: '',
};

export const caseWsNn: typeof caseWsNb = {
  placeholder: '',
};

export const caseWsEn: typeof caseWsNb = {
  placeholder: '',
};
