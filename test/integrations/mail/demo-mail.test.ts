// #17 item 4: the demo's SMTP server: STARTTLS with its own CA file, a login from the secret store, mails kept as .eml files; the demo hub's alerts use it.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../electron/app/create-hub';
import { createMemorySecretStore } from '../../../electron/app/secrets/memory-secret-store';
import type { AlertsListDto, TestMailResultDto } from '../../../electron/ipc/alerts.contract';
import { createSmtpMailAdapter, mailConfigSchema, startDemoMail, type DemoMail } from '../../../integrations';
import { tempDir } from '../../helpers/temp-dir';
import { testHub } from '../../helpers/test-hub';

let closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of closing) await c.close();
  closing = [];
});

describe('#17: the demo mail', () => {
  it('takes mail over STARTTLS with a login, trusting the CA file it wrote, and keeps each mail as an .eml file', async () => {
    const dir = tempDir('pm-demo-mail-');
    const demo: DemoMail = await startDemoMail({ dir });
    closing.push(demo);
    const config = mailConfigSchema.parse(demo.config.mail);
    expect(config).toMatchObject({ security: 'starttls', username: 'postmottak', from: 'postmottak@demo.kommune.no' });
    expect(fs.readFileSync(config.ca!, 'utf8')).toBe(demo.sim.certPem);
    await createSmtpMailAdapter(config, { secrets: createMemorySecretStore(demo.secrets) }).send({ to: demo.config.recipients, subject: 'Demo-varsel', text: 'Hei fra demoen' });
    const m = await demo.sim.waitFor((x) => x.subject === 'Demo-varsel');
    expect(m).toMatchObject({ secure: true, user: 'postmottak', to: ['it-drift@demo.kommune.no'], text: 'Hei fra demoen' });
    // written after the server has answered: read until it is all there
    const emls = () => fs.readdirSync(path.join(dir, 'mail')).map((f) => fs.readFileSync(path.join(dir, 'mail', f), 'utf8'));
    await expect.poll(() => emls().join('')).toContain('Hei fra demoen');
    expect(emls()).toHaveLength(1);
    expect(emls()[0]).toContain('Subject: Demo-varsel');
    // the generated password is in the secrets handed to the secret store, never in the config or the folder
    const password = demo.secrets['demo.smtp-password']!;
    expect(JSON.stringify(demo.config)).not.toContain(password);
    for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(p, 'utf8')).not.toContain(password);
    }
  });

  it('the demo hub mails its alerts through the demo SMTP server to it-drift@demo.kommune.no', async () => {
    const { hub } = await testHub({ demoSimulators: true, autoStart: false });
    closing.push({ close: () => (hub as Hub).stop() });
    hub.users.switchTo('ida');
    const list = await hub.invoke('alerts.list', {});
    expect(list.ok && (list.value as AlertsListDto).mail).toMatchObject({ configured: true, host: '127.0.0.1', security: 'starttls', encrypted: true, username: 'postmottak', recipients: ['it-drift@demo.kommune.no'], demo: true });
    const r = await hub.invoke('alerts.sendTest', {});
    expect(r.ok && (r.value as TestMailResultDto)).toMatchObject({ ok: true, recipients: ['it-drift@demo.kommune.no'] });
    const m = await hub.alerts.demoMail!.sim.waitFor((x) => x.subject === '[Postmottak] Testvarsel');
    expect(m).toMatchObject({ secure: true, user: 'postmottak' });
  });
});
