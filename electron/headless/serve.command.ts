import fs from 'node:fs';
import path from 'node:path';
import { openBrowser } from './open-browser';
import { startHttpBridge } from './http-bridge';
import { openHub, type GlobalOptions } from './open-hub';

export interface ServeOptions extends GlobalOptions {
  port?: number;
  open?: boolean;
  rendererDir?: string;
}

/** The built renderer sits beside the built CLI (out/main → out/renderer), or under out/ in dev. */
export function defaultRendererDir(): string {
  const candidates = [path.resolve(__dirname, '..', 'renderer'), path.resolve(__dirname, '..', '..', 'out', 'renderer')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html'))) ?? candidates[1]!;
}

export async function serve(o: ServeOptions, out: (line: string) => void = (l) => process.stdout.write(l + '\n')) {
  const { hub, dataDir, demo, config } = await openHub(o);
  const bridge = await startHttpBridge({
    hub,
    rendererDir: o.rendererDir ?? defaultRendererDir(),
    host: config.server.host,
    port: o.port ?? config.server.port,
  });
  out(`Postmottak kjører på ${bridge.origin}/${demo ? ' (demo)' : ''}`);
  out(`Datamappe: ${dataDir}`);
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
    })());
  return { hub, bridge, close };
}
