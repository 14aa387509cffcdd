/**
 * The names the emulator answers to, read from the `Host` header: localhost, 127.0.0.1, [::1],
 * the address it listens on and the names given as `allowedHosts`, on any port. Any other name
 * is refused before anything is read or served, so a page on a domain of its own that resolves
 * to 127.0.0.1 (DNS rebinding) reaches neither the API nor the `--static` folder.
 */
import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import { errors } from './errors.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::']);

/** The name in a `Host` header (or a host as configured), lower case, without port or IPv6 brackets; null if it is none. */
export function hostName(value: string): string | null {
  const host = value.trim().toLowerCase();
  const ipv6 = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(host);
  if (ipv6) return ipv6[1]!;
  const name = /^([a-z0-9._-]+)(?::\d{1,5})?$/.exec(host);
  return name ? name[1]! : null;
}

export class HostCheck {
  readonly #names = new Set(LOOPBACK_NAMES);

  /** @param allowed extra names (`allowedHosts`), with or without a port */
  constructor(allowed: readonly string[] = []) {
    for (const entry of allowed) {
      const name = typeof entry === 'string' ? hostName(entry) : null;
      if (!name) throw new TypeError(`allowedHosts (--allowed-host): ${JSON.stringify(entry)} is not a host name such as app.test`);
      this.#names.add(name);
    }
  }

  /** Allows the address a server listens on; a wildcard address (0.0.0.0, ::) allows every address of this machine. */
  listeningOn(address: string): void {
    if (!WILDCARD_ADDRESSES.has(address)) {
      this.#names.add(hostName(address.includes(':') ? `[${address}]` : address) ?? address);
      return;
    }
    for (const entries of Object.values(networkInterfaces())) {
      for (const entry of entries ?? []) this.#names.add(entry.address.replace(/%.*$/, '').toLowerCase());
    }
  }

  allows(header: string | undefined): boolean {
    const name = header === undefined ? null : hostName(header);
    return name !== null && this.#names.has(name);
  }

  /** Throws `host_invalid` (421) for a request to a name the emulator does not answer to. */
  check(req: IncomingMessage): void {
    const header = req.headers.host;
    if (!this.allows(header)) throw errors.hostInvalid(header ?? '');
  }
}
