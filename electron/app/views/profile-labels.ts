import type { ProfileRegistry } from '../../core/profiles/profile.types';

/** Labels of a profile as the UI shows them; the registry supplies them by profile id. */
export interface ProfileLabels {
  name: string;
  fieldLabel(key: string): string;
  listLabel(key: string): string;
  listFieldLabel(list: string, key: string): string;
}

export type LabelsOf = (profileId: string | null) => ProfileLabels | undefined;

/** A profile's texts in the UI language, falling back to bokmål, then to the key. */
export function profileLabels(profiles: Pick<ProfileRegistry, 'byId'>, lang: 'nb' | 'nn' | 'en'): LabelsOf {
  return (profileId) => {
    const p = profileId ? profiles.byId(profileId)?.profile : undefined;
    if (!p) return undefined;
    const pick = (t: { nb: string; nn?: string; en?: string } | undefined, fallback: string) => t?.[lang] ?? t?.nb ?? fallback;
    return {
      name: pick(p.name, p.id),
      fieldLabel: (k) => pick(p.fields[k]?.label, k),
      listLabel: (k) => pick(p.lists?.[k]?.label, k),
      listFieldLabel: (l, k) => pick(p.lists?.[l]?.fields[k]?.label, k),
    };
  };
}
