/**
 * What the running Excel can do, asked once. The check itself needs only ExcelApi 1.1; everything
 * else is an improvement used where present (Excel 2016 MSI has 1.1–1.2, Microsoft 365 has all).
 * Which members each capability stands for is in capability-members.ts; their versions come from
 * @types/office-js through api-versions.ts (generated), so no version is typed by hand here.
 */
import { API_VERSIONS } from './api-versions';
import { Capability, CAPABILITY_MEMBERS } from './capability-members';

export type Capabilities = Record<Capability, boolean>;

export type SetSupported = (name: string, version: string) => boolean;

/** Orders requirement-set versions ("1.10" after "1.9"). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The ExcelApi version a capability needs: the newest of its members'. */
export function capabilityVersion(cap: Capability): string {
  return CAPABILITY_MEMBERS[cap].map((m) => API_VERSIONS[m]).reduce<string>((top, v) => (compareVersions(v, top) > 0 ? v : top), '1.1');
}

export function detectCapabilities(isSetSupported: SetSupported): Capabilities {
  const api = (v: string) => {
    try {
      return isSetSupported('ExcelApi', v);
    } catch {
      return false;
    }
  };
  const caps = {} as Capabilities;
  for (const cap of Object.keys(CAPABILITY_MEMBERS) as Capability[]) caps[cap] = api(capabilityVersion(cap));
  return caps;
}

/** In Office, from Office.context.requirements; a fake passes its own. */
export function officeCapabilities(): Capabilities {
  return detectCapabilities((name, version) => Office.context.requirements.isSetSupported(name, version));
}
