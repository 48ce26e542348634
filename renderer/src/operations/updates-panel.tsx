/** #17 item 7: placeholder, filled by the feature that owns it (version, update channel and source; check, download, install). */
export function UpdatesPanel() {
  return null;
}
