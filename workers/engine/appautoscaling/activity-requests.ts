/**
 * DescribeScalingActivities' request check (API reference): ServiceNamespace required; ResourceId and
 * ScalableDimension filter ("If you specify a scalable dimension, you must also specify a resource
 * ID" — UNCONFIRMED as an error text, as in policy-requests.ts); MaxResults 1–50, default 50;
 * IncludeNotScaledActivities accepted (the sandbox records no not-scaled activities).
 */
import type { AasResult } from './request-messages.ts';
import { booleanMember, checkDimension, checkNamespace, checkPage, checkResourceId, guard, refuse, requestObject, type Page } from './requests.ts';

export interface DescribeScalingActivitiesValue extends Page {
  ServiceNamespace: 'ecs';
  ResourceId?: string;
}

export function checkDescribeScalingActivities(raw: unknown): AasResult<DescribeScalingActivitiesValue> {
  return guard(() => {
    const input = requestObject(raw, 'DescribeScalingActivities');
    const ServiceNamespace = checkNamespace(input['ServiceNamespace']);
    const ResourceId = input['ResourceId'] === undefined || input['ResourceId'] === null ? undefined : checkResourceId(input['ResourceId']).ResourceId;
    const ScalableDimension = checkDimension(input['ScalableDimension'], false);
    if (ScalableDimension && !ResourceId) refuse('If you specify a scalable dimension, you must also specify a resource ID');
    booleanMember(input, 'IncludeNotScaledActivities', 'includeNotScaledActivities');
    return { ServiceNamespace, ...(ResourceId ? { ResourceId } : {}), ...checkPage(input, 50) };
  });
}
