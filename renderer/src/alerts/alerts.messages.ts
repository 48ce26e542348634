/** #17: the alerts screen's words in bokmål, nynorsk and English (same keys in all three, checked by the type). */
export const alertsNb = {
  title: 'Varsler',
};
export const alertsNn: typeof alertsNb = {
  title: 'Varsel',
};
export const alertsEn: typeof alertsNb = {
  title: 'Alerts',
};
