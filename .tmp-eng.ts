import fs from 'node:fs';
import { createWorkerEngine } from './integrations/shared/xml/xmllint-engine';
const xsd = fs.readFileSync('resources/profiles/permisjon-skole/form.xsd', 'utf8');
const xml = `<PermisjonSoknad xmlns="urn:no:kommune:skjema:permisjon-skole:v1"><Innsender><Navn>Kari</Navn><Fodselsnummer>01017012345</Fodselsnummer><Adresse><Gateadresse>S 1</Gateadresse><Postnummer>0155</Postnummer><Poststed>Oslo</Poststed></Adresse></Innsender><Barna><Barn><Navn>Ola</Navn><Fodselsnummer>01011512345</Fodselsnummer><Trinn>5</Trinn></Barn></Barna><Skole>N</Skole><Periode><FraDato>2026-05-04</FraDato><TilDato>2026-05-08</TilDato></Periode><Aarsak>x</Aarsak></PermisjonSoknad>`;
(async () => {
  for (const mem of [32, 512]) {
    const e = createWorkerEngine({ timeoutMs: 10000, maxMemoryMiB: mem });
    await e.run(xsd, [xml]);
    const t = performance.now();
    for (let i = 0; i < 50; i++) await e.run(xsd, [xml]);
    console.log('mem', mem, 'single ms', ((performance.now() - t) / 50).toFixed(2));
    for (const n of [10, 100, 200, 500]) {
      const t2 = performance.now();
      const r = await e.run(xsd, Array(n).fill(xml));
      console.log(' batch', n, ((performance.now() - t2) / n).toFixed(3), r.exitCode);
    }
    await e.close();
  }
})();
