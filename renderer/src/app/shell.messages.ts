/**
 * #14: the header, navigation, toasts and launch pages, in bokmål, nynorsk and English (same keys in all three, checked by the type).
 */
export const shellNb = {
  placeholder: '',
};

export const shellNn: typeof shellNb = {
  placeholder: '',
};

export const shellEn: typeof shellNb = {
  placeholder: '',
};
