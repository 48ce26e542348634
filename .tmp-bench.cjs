const { validateXML } = require('xmllint-wasm');
const fs = require('fs');
const xsd = fs.readFileSync('/tmp/exp/s.xsd','utf8');
const ok = '<R xmlns="urn:t"><A>x</A><D>2024-01-01</D><B><N>a</N></B><B><N>b</N></B></R>';
const bad = '<R xmlns="urn:t"><A>x</A><D>2024-13-01</D><C/></R>';
(async () => {
  let r = await validateXML({ xml: [{fileName:'f.xml', contents: bad}], schema: [{fileName:'form.xsd', contents: xsd}] });
  console.log(JSON.stringify(r, null, 1));
  for (const n of [1, 1, 1, 1, 1]) {
    const t = performance.now(); await validateXML({ xml: ok, schema: xsd }); console.log('single', (performance.now()-t).toFixed(1));
  }
  for (const n of [10, 100, 500, 1000]) {
    const xml = Array.from({length:n}, (_, i) => ({fileName: `f${i}.xml`, contents: i%50===0 ? bad : ok}));
    const t = performance.now(); const r = await validateXML({ xml, schema: [{fileName:'form.xsd', contents: xsd}] }); const ms = performance.now()-t;
    console.log('batch', n, ms.toFixed(1), (ms/n).toFixed(2), 'ms/doc', r.valid, r.errors.length);
  }
  // concurrency
  const t = performance.now(); await Promise.all(Array.from({length: 8}, () => validateXML({ xml: ok, schema: xsd }))); console.log('8 parallel', (performance.now()-t).toFixed(1));
})();
