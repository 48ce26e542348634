import fs from 'node:fs';
import path from 'node:path';
import { openBrowser } from './open-browser';
import { startHttpBridge } from './http-bridge';
import { openHubHost, type GlobalOptions } from './open-hub';

export interface ServeOptions extends GlobalOptions {
  port?: number;
  open?: boolean;
  rendererDir?: string;
}

/** The built renderer: out/renderer, found from wherever this module was bundled to (out/main, out/main/chunks) or run from (source). */
export function defaultRendererDir(): string {
  for (let d = __dirname, i = 0; i < 6; i++, d = path.dirname(d)) {
    const candidate = path.basename(d) === 'out' ? path.join(d, 'renderer') : path.join(d, 'out', 'renderer');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return path.resolve(__dirname, '..', '..', 'out', 'renderer');
}

export async function serve(o: ServeOptions, out: (line: string) => void = (l) => process.stdout.write(l + '\n')) {
  // a handle, not a bare hub: a config saved from the Integrasjoner screen is swapped in without a restart (#17)
  const { hub, dataDir, demo, config, closeLog } = await openHubHost(o);
  const first = hub.current();
  const bridge = await startHttpBridge({
    hub,
    rendererDir: o.rendererDir ?? defaultRendererDir(),
    host: config.server.host,
    port: o.port ?? config.server.port,
  });
  out(`Postmottak kjører på ${bridge.origin}/${demo ? ' (demo)' : ''}`);
  out(`Datamappe: ${dataDir}`);
  if (first.demoAltinn) out(`Demo: Altinn-simulator ${first.demoAltinn.sim.url} (spol klokka fram med POST /_sim/clock/advance, Content-Type: application/json, {"ms": …})`);
  if (first.demoReplies) out(`Demo: utskrifter havner i ${first.demoReplies.hotFolder}`);
  if (first.demoReplies) out(`Demo: registersimulator ${first.demoReplies.registers.url} (Folkeregisteret og KRR; testkontroll under /_sim/)`);
  const wantOpen = o.open !== false && config.server.openBrowser;
  const url = bridge.newLaunchUrl();
  if (wantOpen && (await openBrowser(url))) {
    out('Åpnet i nettleseren.');
  } else {
    // the link is single-use: it is printed only when no browser took it
    out(`Åpne Postmottak: ${url}`);
  }
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await bridge.close();
      await hub.stop();
      closeLog();
    })());
  return { hub, bridge, close };
}
