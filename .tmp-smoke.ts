import { loadProfiles } from './integrations/shared/profiles/profile-loader';
import { parseProfile, mapForm, recommend } from './electron/core/profiles';
import { createFormReader } from './integrations/shared/xml/form-reader';
const r = loadProfiles({ dirs: [{ dir: 'resources/profiles', origin: 'shipped' }], altinnOrg: 'oslo' }, { parseProfile });
console.log(r.errors, r.registry.all().map((p) => p.profile.id));
const lp = r.registry.bySourceKey('oslo/permisjon-skole')!;
console.log(!!r.registry.bySourceKey('5321:1'), !!r.registry.bySourceKey('oslo/a2-5321-1'));
const xml = `<?xml version="1.0" encoding="utf-8"?>
<PermisjonSoknad xmlns="urn:no:kommune:skjema:permisjon-skole:v1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Innsender><Navn>Kari Nordmann</Navn><Fodselsnummer>01017012345</Fodselsnummer>
    <Adresse><Gateadresse>Storgata 1</Gateadresse><Postnummer>0155</Postnummer><Poststed>Oslo</Poststed></Adresse>
    <Epost>kari@example.no</Epost></Innsender>
  <Barna><Barn><Navn>Ola Nordmann</Navn><Fodselsnummer>01011512345</Fodselsnummer><Trinn>5</Trinn></Barn>
         <Barn><Navn>Per Nordmann</Navn><Fodselsnummer>01011812345</Fodselsnummer><Trinn>2</Trinn></Barn></Barna>
  <Skole>Nordby skole</Skole>
  <Periode><FraDato>2026-05-04</FraDato><TilDato>2026-05-08</TilDato></Periode>
  <Aarsak>Bryllup &amp; familie</Aarsak>
</PermisjonSoknad>`;
(async () => {
  const reader = createFormReader({ maxFormBytes: 1_000_000 }, { mapForm });
  const res = await reader.read(new TextEncoder().encode(xml), lp);
  console.log(JSON.stringify(res, null, 1));
  if (res.ok) console.log(recommend(lp.profile, res.form));
  const bad = xml.replace('<Skole>Nordby skole</Skole>', '');
  console.log(await reader.read(new TextEncoder().encode(bad), lp));
  let t = performance.now();
  for (let i = 0; i < 50; i++) await reader.read(new TextEncoder().encode(xml), lp);
  console.log('seq ms/form', (performance.now() - t) / 50);
  t = performance.now();
  await Promise.all(Array.from({ length: 2000 }, () => reader.read(new TextEncoder().encode(xml), lp)));
  console.log('concurrent ms/form', (performance.now() - t) / 2000);
  await reader.close();
})();
