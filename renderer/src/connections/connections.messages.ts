/** #17: the integrations screen's words in bokmål, nynorsk and English (same keys in all three, checked by the type). */
export const integrationsNb = {
  title: 'Integrasjoner',
};
export const integrationsNn: typeof integrationsNb = {
  title: 'Integrasjonar',
};
export const integrationsEn: typeof integrationsNb = {
  title: 'Integrations',
};
