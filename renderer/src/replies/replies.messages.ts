/**
 * #14: Svar, in bokmål, nynorsk and English (same keys in all three, checked by the type).
 */
export const repliesWsNb = {
  placeholder: '',
};

export const repliesWsNn: typeof repliesWsNb = {
  placeholder: '',
};

export const repliesWsEn: typeof repliesWsNb = {
  placeholder: '',
};
