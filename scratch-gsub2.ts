import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
function covGlyphs(c: any): number[] {
  if (!c) return [];
  if (c.version === 1) return [...c.glyphs];
  const out: number[] = []; for (const r of c.rangeRecords) for (let g = r.start; g <= r.end; g++) out.push(g); return out;
}
const font: any = fontkit.create(new Uint8Array(fs.readFileSync('resources/fonts/DejaVuSans.ttf')));
const gid2cp = new Map<number, number[]>();
for (const cp of font.characterSet) { const g = font.glyphForCodePoint(cp).id; (gid2cp.get(g) ?? gid2cp.set(g, []).get(g)!).push(cp); }
const show = (c: any) => covGlyphs(c).map((g) => (gid2cp.get(g) ?? ['g' + g]).map((x: any) => typeof x === 'number' ? x.toString(16) : x).join('/')).join(' ');
for (const i of [2, 3, 4, 5]) {
  const l = font.GSUB.lookupList.get(i);
  console.log('lookup', i, 'type', l.lookupType, 'flags', JSON.stringify(l.flags), 'n', l.subTables.length);
  for (const st of l.subTables) {
    console.log(' format', st.version, Object.keys(st));
    if (st.version === 3) {
      console.log('  backtrack', st.backtrackCoverage.map(show));
      console.log('  input', st.inputCoverage.map(show));
      console.log('  lookahead', st.lookaheadCoverage.map(show));
    } else console.log('  coverage', show(st.coverage));
  }
}
const sc = font.GSUB.scriptList.find((s: any) => s.tag === 'latn').script;
console.log(JSON.stringify(sc.defaultLangSys), sc.langSysRecords.map((r: any) => r.tag + JSON.stringify(r.langSys.featureIndexes) + r.langSys.reqFeatureIndex));
console.log(font.GSUB.featureList.map((f: any, i: number) => i + f.tag).join(' '));
