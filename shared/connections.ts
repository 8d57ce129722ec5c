import { z } from 'zod';

export const ConnectionIdSchema = z.enum(['dhis2', 'godata']);
export type ConnectionId = z.infer<typeof ConnectionIdSchema>;

export const AuthKindSchema = z.enum(['basic', 'token']);
export type AuthKind = z.infer<typeof AuthKindSchema>;

export const ServerUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the server address')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'Enter a full address starting with https:// (credentials do not belong in the address)');

/** What the renderer may know about a connection: never the secret, only whether one is stored. */
export const ConnectionViewSchema = z.object({
  id: ConnectionIdSchema,
  url: z.string(),
  authKind: AuthKindSchema,
  username: z.string().optional(),
  hasSecret: z.boolean(),
  serverVersion: z.string().optional(),
  lastTestedAt: z.string().optional(),
});
export type ConnectionView = z.infer<typeof ConnectionViewSchema>;

export const SaveConnectionSchema = z
  .object({
    id: ConnectionIdSchema,
    url: ServerUrlSchema,
    authKind: AuthKindSchema,
    username: z.string().trim().max(200).optional(),
    /** Password or personal access token; omitted to keep the stored one. Goes straight to the keychain. */
    secret: z.string().min(1).max(4096).optional(),
  })
  .refine((c) => c.authKind === 'token' || (c.username?.length ?? 0) > 0, {
    path: ['username'],
    message: 'Enter the username (or choose a personal access token)',
  })
  .refine((c) => c.id === 'dhis2' || c.authKind === 'basic', {
    path: ['authKind'],
    message: 'Go.Data signs in with an email and password',
  });
export type SaveConnection = z.infer<typeof SaveConnectionSchema>;

export const ConnectionTestSchema = z.object({
  id: ConnectionIdSchema,
  serverVersion: z.string(),
  user: z.string(),
  /** Notes worth showing (e.g. "plain http: credentials travel unencrypted"). */
  warnings: z.array(z.string()),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;
