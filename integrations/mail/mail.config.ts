import { z } from 'zod';
import { isLoopbackHost, secretRefSchema } from '../shared/config';

/**
 * alerts.mail: the municipality's SMTP server, which the alert mails go through (#17 item 4).
 * STARTTLS is required by default: the connection is upgraded before anything (the login, the
 * mail) is sent, and a server that does not offer it is refused. Only a server on this machine
 * (a local relay, the demo's simulator) may be talked to in clear.
 */
export const mailConfigSchema = z
  .object({
    host: z.string().min(1).describe('SMTP-serveren, f.eks. smtp.kommune.no'),
    port: z.number().int().min(1).max(65535).default(587).describe('587 for STARTTLS, 465 for TLS fra start'),
    security: z
      .enum(['starttls', 'tls', 'none'])
      .default('starttls')
      .describe('starttls: kryptering kreves etter tilkobling (standard); tls: kryptert fra start (port 465); none: bare mot denne maskinen'),
    username: z.string().min(1).optional().describe('Brukernavn for innlogging (AUTH); uten: ingen innlogging'),
    password: secretRefSchema.optional().describe('Passordet, som referanse til hemmelighetslageret'),
    from: z.email('en e-postadresse, f.eks. postmottak@kommune.no').describe('Avsenderadressen varslene sendes fra'),
    ca: z.string().min(1).optional().describe('PEM-fil med kommunens interne rotsertifikat, når SMTP-serveren bruker et sertifikat fra en intern CA'),
    connectionTimeoutMs: z.number().int().min(1000).max(300_000).default(10_000),
    greetingTimeoutMs: z.number().int().min(1000).max(300_000).default(10_000),
    socketTimeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.security === 'none' && !isLoopbackHost(c.host)) {
      ctx.addIssue({ code: 'custom', path: ['security'], message: 'none (ukryptert) er bare tillatt mot denne maskinen (127.0.0.1, ::1, localhost); bruk starttls eller tls' });
    }
    if (c.password && !c.username) ctx.addIssue({ code: 'custom', path: ['username'], message: 'password er satt, men username mangler' });
    if (c.username && !c.password) ctx.addIssue({ code: 'custom', path: ['password'], message: 'username er satt, men password mangler ({"secret": "NAVN"})' });
  });
export type MailConfig = z.output<typeof mailConfigSchema>;
