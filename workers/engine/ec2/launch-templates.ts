/**
 * Launch templates as records, and AWS's answers when one is looked up (ec2 error codes and texts:
 * EC2 API reference "Error codes": InvalidLaunchTemplateName.AlreadyExistsException "The specified
 * launch template name is already in use.", InvalidLaunchTemplateId.NotFound "The specified launch
 * template ID does not exist", and the texts AWS returns for a missing template, "The specified
 * launch template, with template name …, does not exist." / "…, with template ID …, does not exist.").
 */
import type { EngineState } from '../state.ts';
import { type LaunchTemplateRecord, type LaunchTemplateVersion } from './model.ts';

export const LAUNCH_TEMPLATE_MESSAGES = {
  nameInUse: (name: string) => `Launch template name already in use. The specified launch template name ${name} is already in use.`,
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
