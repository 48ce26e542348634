/** #17: the secrets screen's words in bokmål, nynorsk and English (same keys in all three, checked by the type). */
export const secretsNb = {
  title: 'Nøkler og sertifikater',
};
export const secretsNn: typeof secretsNb = {
  title: 'Nøklar og sertifikat',
};
export const secretsEn: typeof secretsNb = {
  title: 'Keys and certificates',
};
