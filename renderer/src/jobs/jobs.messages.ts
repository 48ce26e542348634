/**
 * #14: Jobber and Status for the people who use them, in bokmål, nynorsk and English (same keys in all three, checked by the type).
 */
export const jobsWsNb = {
  placeholder: '',
};

export const jobsWsNn: typeof jobsWsNb = {
  placeholder: '',
};

export const jobsWsEn: typeof jobsWsNb = {
  placeholder: '',
};
