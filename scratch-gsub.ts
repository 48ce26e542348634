import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
function covGlyphs(c: any): number[] {
  if (!c) return [];
  if (c.version === 1) return [...c.glyphs];
  const out: number[] = []; for (const r of c.rangeRecords) for (let g = r.start; g <= r.end; g++) out.push(g); return out;
}
for (const f of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
  const font: any = fontkit.create(new Uint8Array(fs.readFileSync('resources/fonts/' + f)));
  const t = font.GSUB;
  const gid2cp = new Map<number, number[]>();
  for (const cp of font.characterSet) { const g = font.glyphForCodePoint(cp).id; (gid2cp.get(g) ?? gid2cp.set(g, []).get(g)!).push(cp); }
  for (let i = 0; i < t.lookupList.length; i++) {
    const l = t.lookupList.get(i);
    const first = new Set<number>();
    for (const st0 of l.subTables) {
      let type = l.lookupType, st = st0;
      if (type === 7) { type = st.lookupType; st = st.extension; }
      if (type === 5 && st.version === 3) covGlyphs(st.coverages[0]).forEach((g) => first.add(g));
      else if (type === 6 && st.version === 3) covGlyphs(st.inputCoverage[0]).forEach((g) => first.add(g));
      else covGlyphs(st.coverage).forEach((g) => first.add(g));
    }
    const cps = [...first].flatMap((g) => gid2cp.get(g) ?? []).filter((cp) => cp < 0x3000);
    console.log(f, i, 'type', l.lookupType, 'glyphs', first.size, 'cps<0x3000', cps.length, cps.slice(0, 20).map((c) => c.toString(16)).join(' '));
  }
}
