/** #17: the logs screen's words in bokmål, nynorsk and English (same keys in all three, checked by the type). */
export const logsNb = {
  title: 'Logger',
};
export const logsNn: typeof logsNb = {
  title: 'Loggar',
};
export const logsEn: typeof logsNb = {
  title: 'Logs',
};
