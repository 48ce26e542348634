const { Worker } = require('worker_threads');
const path = require('path');
const code = `
const { parentPort } = require('worker_threads');
const fs = require('fs');
const Module = require(${JSON.stringify(path.resolve('node_modules/xmllint-wasm/xmllint-node.js'))});
const wasmModule = new WebAssembly.Module(fs.readFileSync(${JSON.stringify(path.resolve('node_modules/xmllint-wasm/xmllint.wasm'))}));
parentPort.on('message', async (msg) => {
  if (!msg || msg.tag !== 'pm') return;
  let stderr = '';
  const mem = new WebAssembly.Memory({ initial: 256, maximum: 4096 });
  await new Promise((resolve) => {
    Module({
      inputFiles: msg.inputFiles, arguments: msg.args,
      print() {}, printErr(t) { stderr += t + '\\n'; },
      onExit(code) { parentPort.postMessage({ tag: 'pm', id: msg.id, code, stderr }); resolve(); },
      onAbort(r) { parentPort.postMessage({ tag: 'pm', id: msg.id, code: -1, stderr: String(r) }); resolve(); },
      wasmMemory: mem,
      instantiateWasm(imports, cb) { WebAssembly.instantiate(wasmModule, imports).then((inst) => cb(inst)); return {}; },
    }).catch((e) => { parentPort.postMessage({ tag: 'pm', id: msg.id, code: -2, stderr: String(e) }); resolve(); });
  });
});
`;
const w = new Worker(code, { eval: true });
const xsd = require('fs').readFileSync('/tmp/exp/s.xsd','utf8');
const ok = '<R xmlns="urn:t"><A>x</A><D>2024-01-01</D><B><N>a</N></B><B><N>b</N></B></R>';
const bad = '<R xmlns="urn:t"><A>x</A><D>2024-13-01</D><C/></R>';
let id = 0; const pending = new Map();
w.on('message', (m) => { if (m.tag==='pm') { pending.get(m.id)(m); pending.delete(m.id);} });
w.on('error', (e) => console.error('werr', e));
const call = (xmls) => new Promise((res) => { const i = ++id; pending.set(i, res); w.postMessage({ tag: 'pm', id: i, inputFiles: [{fileName:'form.xsd', contents: xsd}, ...xmls.map((c, j) => ({fileName:`f${j}.xml`, contents:c}))], args: ['--schema','form.xsd','--noout', ...xmls.map((_, j)=>`f${j}.xml`)] }); });
(async () => {
  console.log(await call([bad]));
  for (let i=0;i<10;i++) { const t=performance.now(); const r = await call([ok]); console.log('single', (performance.now()-t).toFixed(2), r.code); }
  let t=performance.now(); for (let i=0;i<200;i++) await call([i%2?ok:bad]); console.log('200 seq', ((performance.now()-t)/200).toFixed(2),'ms each');
  for (const n of [10,100,500]) { const t=performance.now(); const r = await call(Array.from({length:n},(_, i)=> i%50?ok:bad)); console.log('batch', n, ((performance.now()-t)/n).toFixed(3), r.code); }
  w.terminate();
})();
