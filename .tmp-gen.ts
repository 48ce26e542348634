import fs from 'node:fs';
import { copyProfile, parseProfile } from './electron/core/profiles';
for (const id of ['permisjon-skole', 'barnehageplass', 'sfo-plass', 'helse-omsorg']) {
  const r = parseProfile(JSON.parse(fs.readFileSync(`resources/profiles/${id}/profile.json`, 'utf8')));
  console.log(id, r.ok ? 'OK' : JSON.stringify(r.issues, null, 1));
}
const base = parseProfile(JSON.parse(fs.readFileSync('resources/profiles/permisjon-skole/profile.json', 'utf8')));
if (!base.ok) throw new Error('base');
const patch = JSON.parse(fs.readFileSync('test/fixtures/profiles/samtykke-bading.patch.json', 'utf8'));
const c = copyProfile(base.profile, { id: 'samtykke-bading', patch });
if (!c.ok) { console.log(c.issues); process.exit(1); }
console.log(c.changed);
fs.writeFileSync('resources/profiles/samtykke-bading/profile.json', JSON.stringify(c.profile, null, 2) + '\n');
