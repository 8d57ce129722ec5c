import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, isSafeExternalUrl, isTrustedSender, resolveAppFile } from './security-rules.js';

describe('window security rules', () => {
  it('recognises only our own origin as the app', () => {
    expect(isAppUrl('app://bridge/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://bridge/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('trusts IPC only from our top-level page', () => {
    expect(isTrustedSender('app://bridge/index.html', true)).toBe(true);
    expect(isTrustedSender('app://bridge/index.html', false)).toBe(false);
    expect(isTrustedSender('https://example.org/', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });

  it('opens only plain https links in the system browser', () => {
    expect(isSafeExternalUrl('https://www.who.int/tools/godata')).toBe(true);
    expect(isSafeExternalUrl('http://www.who.int')).toBe(false);
    expect(isSafeExternalUrl('file:///C:/Windows/System32/calc.exe')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('ms-msdt:/id PCWDiagnostic')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@example.org')).toBe(false);
    expect(isSafeExternalUrl('https://localhost')).toBe(false);
  });

  it('serves files only from inside the renderer folder', () => {
    const dir = '/opt/app/out/renderer';
    const inside = (file: string | undefined) => file === undefined || file.startsWith(dir + '/');
    expect(resolveAppFile('app://bridge/', dir, path)).toBe('/opt/app/out/renderer/index.html');
    expect(resolveAppFile('app://bridge/assets/index.js', dir, path)).toBe(
      '/opt/app/out/renderer/assets/index.js',
    );
    for (const attack of [
      'app://bridge/../../main/index.js',
      'app://bridge/assets/%2e%2e/%2e%2e/secret',
      'app://bridge/%2e%2e%2f%2e%2e%2fmain%2findex.js',
      'app://bridge/..%5c..%5csecret',
      'app://bridge/%E0%A4%A',
    ]) {
      expect(inside(resolveAppFile(attack, dir, path)), attack).toBe(true);
    }
    expect(resolveAppFile('app://bridge/%2e%2e%2f%2e%2e%2fmain%2findex.js', dir, path)).toBeUndefined();
    expect(resolveAppFile('app://other/index.html', dir, path)).toBeUndefined();
  });
});
