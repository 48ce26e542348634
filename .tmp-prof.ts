import fs from 'node:fs';
import { parseXmlSafe } from './integrations/shared/xml/safe-xml';
import { createXsdValidator } from './integrations/shared/xml/xsd-validator';
const xsd = fs.readFileSync('resources/profiles/permisjon-skole/form.xsd', 'utf8');
const xml = `<PermisjonSoknad xmlns="urn:no:kommune:skjema:permisjon-skole:v1"><Innsender><Navn>Kari</Navn><Fodselsnummer>01017012345</Fodselsnummer><Adresse><Gateadresse>S 1</Gateadresse><Postnummer>0155</Postnummer><Poststed>Oslo</Poststed></Adresse></Innsender><Barna><Barn><Navn>Ola</Navn><Fodselsnummer>01011512345</Fodselsnummer><Trinn>5</Trinn></Barn></Barna><Skole>N</Skole><Periode><FraDato>2026-05-04</FraDato><TilDato>2026-05-08</TilDato></Periode><Aarsak>x</Aarsak></PermisjonSoknad>`;
(async () => {
  let t = performance.now();
  for (let i = 0; i < 200; i++) parseXmlSafe(xml, { maxBytes: 1e6 });
  console.log('parse ms', (performance.now() - t) / 200);
  const v = createXsdValidator();
  await v.validate(xml, xsd);
  for (let round = 0; round < 3; round++) {
    t = performance.now();
    for (let i = 0; i < 50; i++) await v.validate(xml, xsd);
    console.log('validate seq ms', (performance.now() - t) / 50);
  }
  await v.close();
})();
