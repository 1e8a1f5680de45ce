/**
 * Launch templates as records, and AWS's answers when one is looked up. EC2 error codes from the
 * API reference's "Error codes" page; texts: "Launch template name already in use." (as AWS answers
 * CreateLaunchTemplate, quoted by users and MOTO's tests), "At least one of the launch templates
 * specified in the request does not exist." (DescribeLaunchTemplates, MOTO), and for one template
 * named by name or ID "The specified launch template, with template name …, does not exist." /
 * "…, with template ID …, does not exist." (as Auto Scaling relays it; UNCONFIRMED for EC2's own
 * DeleteLaunchTemplate).
 */
import type { EngineState } from '../state.ts';
import { type LaunchTemplateRecord, type LaunchTemplateVersion } from './model.ts';

export const LAUNCH_TEMPLATE_MESSAGES = {
  nameInUse: () => 'Launch template name already in use.',
  nameNotFound: (name: string) => `The specified launch template, with template name ${name}, does not exist.`,
  idNotFound: (id: string) => `The specified launch template, with template ID ${id}, does not exist.`,
  versionNotFound: (version: string, id: string) => `The specified launch template version ${version} does not exist for launch template ${id}.`,
  /** EC2's InvalidLaunchTemplateName.MalformedException text (API reference "Error codes"). */
  malformedName: (name: string) =>
    `The specified launch template name is invalid: ${JSON.stringify(name)}. A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: '-', '_', '.', '/', '(', and ')'.`,
};

export const LAUNCH_TEMPLATE_NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;

export interface TemplateRef {
  launchTemplateId?: string;
  launchTemplateName?: string;
  version?: string;
}

export type TemplateLookup =
  | { ok: true; template: LaunchTemplateRecord; versionNumber: number; data: LaunchTemplateVersion }
  | { ok: false; code: string; message: string };

export function findLaunchTemplate(state: EngineState, ref: TemplateRef): TemplateLookup {
  const templates = state.ec2?.launchTemplates ?? new Map<string, LaunchTemplateRecord>();
  let template: LaunchTemplateRecord | undefined;
  if (ref.launchTemplateId !== undefined) {
    template = [...templates.values()].find((t) => t.id === ref.launchTemplateId);
    if (template === undefined) return { ok: false, code: 'InvalidLaunchTemplateId.NotFound', message: LAUNCH_TEMPLATE_MESSAGES.idNotFound(ref.launchTemplateId) };
  } else {
    const name = ref.launchTemplateName ?? '';
    template = templates.get(name);
    if (template === undefined) return { ok: false, code: 'InvalidLaunchTemplateName.NotFoundException', message: LAUNCH_TEMPLATE_MESSAGES.nameNotFound(name) };
  }
  const version = ref.version ?? '$Default';
  const versionNumber = version === '$Default' ? template.defaultVersion : version === '$Latest' ? template.versions.length : Number(version);
  const data = template.versions[versionNumber - 1];
  if (data === undefined) return { ok: false, code: 'InvalidLaunchTemplateId.VersionNotFound', message: LAUNCH_TEMPLATE_MESSAGES.versionNotFound(version, template.id) };
  return { ok: true, template, versionNumber, data };
}
