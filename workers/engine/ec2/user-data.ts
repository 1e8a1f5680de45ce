/**
 * What the ECS agent reads from an instance's user data. On the ECS-optimized AMI the user data is
 * a shell script that writes /etc/ecs/ecs.config lines such as `echo ECS_CLUSTER=demo >>
 * /etc/ecs/ecs.config`; the agent then reads `ECS_CLUSTER` (the cluster to join; `default` when
 * absent) and `ECS_ENABLE_SPOT_INSTANCE_DRAINING` (AGENT README; ecs-reference §2). The API takes
 * user data base64-encoded; the sandbox also accepts plain text, as the console does.
 */

export interface AgentConfig {
  cluster: string;
  spotInstanceDraining: boolean;
}

export const DEFAULT_ECS_CLUSTER = 'default';

/** The agent's settings from user data given as plain text or base64. */
export function agentConfigOf(userData: string | undefined): AgentConfig {
  const text = userDataText(userData ?? '');
  const cluster = lastSetting(text, 'ECS_CLUSTER');
  const draining = lastSetting(text, 'ECS_ENABLE_SPOT_INSTANCE_DRAINING');
  return {
    cluster: cluster === undefined || cluster === '' ? DEFAULT_ECS_CLUSTER : cluster,
    spotInstanceDraining: draining?.toLowerCase() === 'true',
  };
}

/** Plain text when it already names a setting; otherwise its base64 decoding when that is readable text. */
export function userDataText(userData: string): string {
  if (/ECS_[A-Z_]+=/.test(userData)) return userData;
  const compact = userData.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) return userData;
  const decoded = decodeBase64(compact);
  return decoded !== undefined && !/[\u0000-\u0008\u000e-\u001f]/.test(decoded) ? decoded : userData;
}

/** The value of the last `NAME=value` line (later lines win, as appended ecs.config lines do); quotes stripped. */
function lastSetting(text: string, name: string): string | undefined {
  const pattern = new RegExp(`(?:^|[\\s;'"])${name}=("[^"\\n]*"|'[^'\\n]*'|[^\\s'";>]*)`, 'g');
  let value: string | undefined;
  for (const match of text.matchAll(pattern)) value = match[1]!.replace(/^["']|["']$/g, '');
  return value;
}

function decodeBase64(text: string): string | undefined {
  try {
    const binary = atob(text);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
