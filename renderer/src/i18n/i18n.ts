import i18next, { type i18n } from 'i18next';
import { en } from './en';
import { type Messages, nb } from './nb';
import { nn } from './nn';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const LANGUAGES = ['nb', 'nn', 'en'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: UiLanguage = 'nb';

const STORAGE_KEY = 'postmottak.language';

export const isUiLanguage = (value: unknown): value is UiLanguage =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** Reads the saved choice; storage can be unavailable (privacy modes, file://), so never throw. */
export function storedLanguage(): UiLanguage {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isUiLanguage(saved) ? saved : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** A fresh instance per app (and per test), resources bundled so init is synchronous. */
export function createI18n(language: UiLanguage = storedLanguage()): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { nb: { translation: nb }, nn: { translation: nn }, en: { translation: en } },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return instance;
}

export async function setLanguage(instance: i18n, language: UiLanguage): Promise<void> {
  await instance.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not persisted; the choice still applies for this session
  }
}

export function currentLanguage(instance: i18n): UiLanguage {
  const lng = instance.resolvedLanguage ?? instance.language;
  return isUiLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}
