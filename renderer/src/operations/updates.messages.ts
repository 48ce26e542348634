/** #17 item 7: the updates panel's words (same keys in all three, checked by the type). */
export const updatesNb = {
  title: 'Oppdateringer',
};
export const updatesNn: typeof updatesNb = {
  title: 'Oppdateringar',
};
export const updatesEn: typeof updatesNb = {
  title: 'Updates',
};
