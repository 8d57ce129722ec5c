import keytar from 'keytar';

/**
 * Credentials in the OS keychain (Keychain on macOS, Credential Vault on Windows, Secret Service on Linux).
 * Only main holds secret values; everything else learns whether a secret is stored, never what it is.
 *
 * Entries are keyed per connection and server URL, so a secret typed for one server is never sent to another
 * after the URL changes.
 */
export const KEYCHAIN_SERVICE = 'Go.Data Bridge';

export class KeychainUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      'No keychain service is available to store credentials securely' +
        (cause instanceof Error ? ` (${cause.message.trim()})` : '') +
        '. On Linux, install and unlock a Secret Service provider such as gnome-keyring; for unattended use, ' +
        'give credentials in environment variables instead.',
      { cause },
    );
    this.name = 'KeychainUnavailableError';
  }
}

export interface VaultKey {
  connectionId: string;
  url: string;
}

const accountFor = ({ connectionId, url }: VaultKey) => `${connectionId}@${url}`;

async function guarded<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new KeychainUnavailableError(error);
  }
}

export class Vault {
  constructor(private readonly service = KEYCHAIN_SERVICE) {}

  /** Stores the secret and removes any entry the same connection kept for another URL. */
  async set(key: VaultKey, secret: string): Promise<void> {
    if (!secret) throw new Error('Refusing to store an empty secret');
    await guarded(async () => {
      await this.removeOthers(key);
      await keytar.setPassword(this.service, accountFor(key), secret);
    });
  }

  get(key: VaultKey): Promise<string | undefined> {
    return guarded(async () => (await keytar.getPassword(this.service, accountFor(key))) ?? undefined);
  }

  async has(key: VaultKey): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  delete(key: VaultKey): Promise<boolean> {
    return guarded(() => keytar.deletePassword(this.service, accountFor(key)));
  }

  /** Forgets every secret of a connection, whatever URL it was stored for. */
  async deleteConnection(connectionId: string): Promise<number> {
    return guarded(async () => {
      const entries = await keytar.findCredentials(this.service);
      const mine = entries.filter((e) => e.account.startsWith(`${connectionId}@`));
      for (const entry of mine) await keytar.deletePassword(this.service, entry.account);
      return mine.length;
    });
  }

  private async removeOthers(key: VaultKey): Promise<void> {
    const entries = await keytar.findCredentials(this.service);
    for (const entry of entries) {
      if (entry.account.startsWith(`${key.connectionId}@`) && entry.account !== accountFor(key)) {
        await keytar.deletePassword(this.service, entry.account);
      }
    }
  }
}
