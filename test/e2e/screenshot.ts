/**
 * Takes docs/screenshot.png (1280×800) of the real, built app for the README: the default
 * scenario, a few more tasks of three families (dynamic host ports, awsvpc ENIs, Fargate), the
 * editor loaded and a command's answer shown.
 * Not a test; run it after a build when the UI changes:
 *   npm run build && node --import tsx test/e2e/screenshot.ts
 */
import { fileURLToPath } from 'node:url';
import { openPage, startSession, waitForClusterPaint, waitForEditor } from './app.ts';

const OUT = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));

const API_DEFINITION = {
  family: 'api',
  containerDefinitions: [{ name: 'api', image: 'public.ecr.aws/docker/library/node:22-alpine', cpu: 512, memory: 1024, portMappings: [{ containerPort: 8080, hostPort: 0 }] }],
};

const VPC_DEFINITION = {
  family: 'vpc',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['EC2', 'FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'vpc', image: 'public.ecr.aws/docker/library/httpd:2.4', portMappings: [{ containerPort: 80 }] }],
};
const SUBNETS = { awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b', 'subnet-us-east-1c'] } };

const session = await startSession();
try {
  const { page, problems } = await openPage(session);
  await waitForClusterPaint(page);
  await waitForEditor(page);
  await page.waitForSelector('.monaco-editor .view-lines');
  const run = async (text: string) => {
    await page.fill('#command-input', text);
    await page.press('#command-input', 'Enter');
    await page.waitForTimeout(200);
  };
  await run(JSON.stringify({ 'ecs:RegisterTaskDefinition': API_DEFINITION }));
  await run('{"ecs:RunTask": {"cluster": "demo", "taskDefinition": "api", "count": 3, "launchType": "EC2"}}');
  await run(JSON.stringify({ 'ecs:RegisterTaskDefinition': VPC_DEFINITION }));
  await run(JSON.stringify({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'vpc', count: 2, networkConfiguration: SUBNETS } }));
  await run(JSON.stringify({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'vpc', count: 3, launchType: 'FARGATE', networkConfiguration: SUBNETS } }));
  await page.selectOption('form.run-task select[name="taskDefinition"]', 'web:1');
  await page.fill('form.run-task input[name="count"]', '2');
  await page.click('form.run-task button[type="submit"]');
  await page.selectOption('select[aria-label="Speed"]', '10');
  await page.waitForTimeout(3500);
  await run('{"ecs:DescribeClusters": {"clusters": ["demo"]}}');
  await page.selectOption('select[aria-label="Speed"]', '1');
  await page.waitForTimeout(600); // let the enter animations finish
  await page.locator('body').click({ position: { x: 5, y: 790 } }); // no focus ring in the picture
  await page.screenshot({ path: OUT });
  if (problems.length > 0) console.error('problems while taking the screenshot:\n' + problems.join('\n'));
  console.log(`wrote ${OUT}`);
} finally {
  await session.close();
}
