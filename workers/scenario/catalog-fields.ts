/**
 * What the scenario picker shows about a scenario besides its title: the course topics it
 * teaches, its level and how long it takes.
 */
import { closestMatch } from '../engine/text.ts';
import type { ScenarioLevel } from '../protocol.ts';
import { listField, type Report } from './fields.ts';
import { describeValue, LIMITS, MESSAGES } from './messages.ts';
import { LEVELS, TOPIC_IDS } from './topics.ts';

export function checkTopics(value: Record<string, unknown>, issue: Report): string[] | undefined {
  if (!('topics' in value)) return undefined;
  const list = listField(value, 'topics', [], 'topic ids (e.g. [placement, load-balancing])', issue);
  if (list === undefined) return undefined;
  const topics: string[] = [];
  list.forEach((topic, index) => {
    const path = ['topics', index];
    if (typeof topic !== 'string') issue(MESSAGES.notString(`topics/${index}`, describeValue(topic)), path);
    else if (!(TOPIC_IDS as readonly string[]).includes(topic)) issue(MESSAGES.unknownTopic(topic, TOPIC_IDS, closestMatch(topic, TOPIC_IDS)), path);
    else if (topics.includes(topic)) issue(MESSAGES.listedTwice('topics', topic), path);
    else topics.push(topic);
  });
  return topics;
}

export function checkLevel(value: Record<string, unknown>, issue: Report): ScenarioLevel | undefined {
  if (!('level' in value)) return undefined;
  const level = value.level;
  if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) return level as ScenarioLevel;
  issue(MESSAGES.badLevel(describeValue(level), LEVELS, typeof level === 'string' ? closestMatch(level, LEVELS) : undefined), ['level']);
  return undefined;
}

export function checkEstimatedMinutes(value: Record<string, unknown>, issue: Report): number | undefined {
  if (!('estimatedMinutes' in value)) return undefined;
  const minutes = value.estimatedMinutes;
  if (typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 1 && minutes <= LIMITS.maxEstimatedMinutes) return minutes;
  issue(MESSAGES.badMinutes(describeValue(minutes)), ['estimatedMinutes']);
  return undefined;
}
