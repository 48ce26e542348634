/** #17: the operations screen's words in bokmål, nynorsk and English (same keys in all three, checked by the type). */
export const operationsNb = {
  title: 'Drift',
};
export const operationsNn: typeof operationsNb = {
  title: 'Drift',
};
export const operationsEn: typeof operationsNb = {
  title: 'Operations',
};
