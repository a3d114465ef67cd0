// What provider data may carry to a client: URLs lose their userinfo (user:password@), redacted values read "[redacted]".

export const REDACTED = '[redacted]';

/** `scheme://user:password@host…` (any scheme with an authority): the userinfo part. */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i;

/**
 * A provider value with the userinfo of a URL removed (`https://u:p@peer.example/x` → `https://peer.example/x`); any
 * other text unchanged. Every URL the gateway returns from provider data goes through this.
 */
export function withoutUserinfo(text: string): string {
  return text.replace(USERINFO, '$1');
}
