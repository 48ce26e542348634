/**
 * #14: Innboks, compact filters and density, in bokmål, nynorsk and English (same keys in all three, checked by the type).
 */
export const inboxWsNb = {
  /** The search's help, behind a «?» button beside the field (the field itself stays one line). */
  searchHelp: 'Om søket',
  filter: {
    button: 'Filter',
    /** Read after the button's name when filters are on: «Filter, 2 aktive». */
    active_one: '{{count}} aktivt',
    active_other: '{{count}} aktive',
    /** The group of chips that show the filters in use. */
    chips: 'Filtre i bruk',
    chip: '{{name}}: {{value}}',
    remove: 'Fjern filteret {{name}}: {{value}}',
  },
  density: {
    label: 'Radhøyde',
    compact: 'Kompakt',
    comfortable: 'Romslig',
  },
  /** The search as the status line quotes it: long searches are cut here, the field keeps them whole. */
  searchCut: '{{start}} …',
};

export const inboxWsNn: typeof inboxWsNb = {
  searchHelp: 'Om søket',
  filter: {
    button: 'Filter',
    active_one: '{{count}} aktivt',
    active_other: '{{count}} aktive',
    chips: 'Filter i bruk',
    chip: '{{name}}: {{value}}',
    remove: 'Fjern filteret {{name}}: {{value}}',
  },
  density: {
    label: 'Radhøgd',
    compact: 'Kompakt',
    comfortable: 'Romsleg',
  },
  searchCut: '{{start}} …',
};

export const inboxWsEn: typeof inboxWsNb = {
  searchHelp: 'About search',
  filter: {
    button: 'Filter',
    active_one: '{{count}} active',
    active_other: '{{count}} active',
    chips: 'Filters in use',
    chip: '{{name}}: {{value}}',
    remove: 'Remove the filter {{name}}: {{value}}',
  },
  density: {
    label: 'Row height',
    compact: 'Compact',
    comfortable: 'Comfortable',
  },
  searchCut: '{{start}} …',
};
