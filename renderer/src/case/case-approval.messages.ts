/**
 * #14: the leader's approval: send back and reject with a comment, in bokmål, nynorsk and English (same keys in all three, checked by the type).
 */
export const approvalNb = {
  placeholder: '',
};

export const approvalNn: typeof approvalNb = {
  placeholder: '',
};

export const approvalEn: typeof approvalNb = {
  placeholder: '',
};
