/**
 * Basic scanning, simulated: the findings of an image are a pure function of its digest (or the
 * severity counts given to sim:PushImage), so the same push in the same seeded run always yields
 * the same findings. The findings are invented, and say so: their names start with SIM- rather
 * than CVE-, so a learner never mistakes them for real vulnerabilities of real packages.
 */
import { Prng } from '../prng.ts';

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeverityCounts = Partial<Record<Severity, number>>;

export interface ScanFinding {
  name: string;
  description: string;
  uri: string;
  severity: Severity;
  attributes: { key: string; value: string }[];
}

/** How many findings of each severity an image gets at most, when the counts are drawn. */
const MAX_DRAWN: Record<Severity, number> = { CRITICAL: 1, HIGH: 3, MEDIUM: 5, LOW: 7, INFORMATIONAL: 3 };

const PACKAGES: readonly (readonly [string, string])[] = [
  ['openssl', '3.0.13'],
  ['zlib', '1.2.13'],
  ['glibc', '2.36'],
  ['libxml2', '2.9.14'],
  ['curl', '7.88.1'],
  ['busybox', '1.36.1'],
  ['expat', '2.5.0'],
  ['ncurses', '6.4'],
  ['libpng', '1.6.39'],
  ['sqlite', '3.40.1'],
];

export function isSeverityCounts(value: unknown): value is SeverityCounts {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([key, count]) => (SEVERITIES as readonly string[]).includes(key) && typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= 1000,
  );
}

/** The findings for an image: the given counts, else counts drawn from a PRNG seeded by the digest. */
export function scanFindings(imageDigest: string, given?: SeverityCounts): ScanFinding[] {
  const seed = parseInt(imageDigest.replace(/^sha256:/, '').slice(0, 8), 16) || 1;
  const prng = new Prng(seed);
  const findings: ScanFinding[] = [];
  let serial = 0;
  for (const severity of SEVERITIES) {
    const count = given !== undefined ? (given[severity] ?? 0) : prng.int(0, MAX_DRAWN[severity] + 1);
    for (let i = 0; i < count; i++) {
      serial += 1;
      const [name, version] = prng.pick(PACKAGES);
      const id = `SIM-2026-${String(seed % 9000 + 1000)}${String(serial).padStart(3, '0')}`;
      findings.push({
        name: id,
        description: `Simulated ${severity.toLowerCase()} finding in ${name} ${version} (the sandbox invents findings from the image digest; no real vulnerability is meant).`,
        uri: `https://example.com/sandbox-findings/${id}`,
        severity,
        attributes: [
          { key: 'package_version', value: version },
          { key: 'package_name', value: name },
        ],
      });
    }
  }
  return findings;
}

export function severityCounts(findings: readonly ScanFinding[]): SeverityCounts {
  const counts: SeverityCounts = {};
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return counts;
}
