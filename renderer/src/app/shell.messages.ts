/**
 * #14: the header, navigation, toasts and launch pages, in bokmål, nynorsk and English (same keys in all three, checked by the type).
 */
export const shellNb = {
  /** The button that shows the main menu at narrow widths (200 % zoom and more). */
  menu: 'Meny',
  /** The user's button in the header opens a panel with who they are, the demo's switcher and the language. */
  userMenu: 'Brukermeny for {{name}}',
  roles: 'Roller: {{roles}}',
  /** Where the 404 and error pages send the user: their own landing page, named. */
  backTo: 'Gå til {{page}}',
  technical: 'Tekniske detaljer',
};

export const shellNn: typeof shellNb = {
  menu: 'Meny',
  userMenu: 'Brukarmeny for {{name}}',
  roles: 'Roller: {{roles}}',
  backTo: 'Gå til {{page}}',
  technical: 'Tekniske detaljar',
};

export const shellEn: typeof shellNb = {
  menu: 'Menu',
  userMenu: 'User menu for {{name}}',
  roles: 'Roles: {{roles}}',
  backTo: 'Go to {{page}}',
  technical: 'Technical details',
};
