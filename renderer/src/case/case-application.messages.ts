/**
 * #14: the application side of the case page, its tabs and «Tekniske detaljer», in bokmål, nynorsk and English (same keys in all three, checked by the type).
 */
export const caseAppNb = {
  placeholder: '',
};

export const caseAppNn: typeof caseAppNb = {
  placeholder: '',
};

export const caseAppEn: typeof caseAppNb = {
  placeholder: '',
};
