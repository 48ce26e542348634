/** #17: the health screen's words in bokmål, nynorsk and English (same keys in all three, checked by the type). */
export const healthNb = {
  title: 'Driftsstatus',
};
export const healthNn: typeof healthNb = {
  title: 'Driftsstatus',
};
export const healthEn: typeof healthNb = {
  title: 'Service health',
};
