/** #17 item 3: placeholder, filled by the feature that owns it (the overall state in the header, for every user). */
export function HealthBadge() {
  return null;
}
