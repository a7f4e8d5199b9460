import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type App, Stack, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumers, jobs, services } from '#services/registry';
import { testPlatform } from './platform-app.ts';

/**
 * The whole app, synthesized as `npx cdk synth` does it: real esbuild bundles, CDK's built-in
 * CloudFormation validation and the cdk-nag AWS Solutions checks, which run as a validation plugin.
 */
let app: App;
let assembly: CloudAssembly;

interface ReportViolation {
  ruleName: string;
  severity: string;
  description?: string;
  violatingConstructs?: { constructPath?: string }[];
}
interface ValidationReport {
  pluginReports: { pluginName: string; violations: ReportViolation[] }[];
}

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

beforeAll(() => {
  ({ app } = testPlatform({ bundling: true, cloudFormationValidation: true }));
  // Errors (cdk-nag's or CloudFormation's) make synth throw, with the report in the message.
  assembly = app.synth();
}, 180_000);

type TemplateJson = { Resources: ReturnType<Template['findResources']> };

/** Every template CloudFormation deploys: each stack's and each nested stack's, as synthesized. */
function deployedTemplates(): TemplateJson[] {
  return app.node
    .findAll()
    .filter((construct) => Stack.isStack(construct))
    .map((stack) => JSON.parse(readFileSync(join(assembly.directory, stack.templateFile), 'utf8')));
}

/** Every `Validations.of(x).acknowledge(...)` in the app, where it was made. */
function acknowledgements(): Acknowledgement[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/** What cdk-nag finds when no acknowledgement counts: the findings the acknowledgements must answer. */
function unfilteredFindings(): { ruleName: string; constructPath: string }[] {
  const checks = new AwsSolutionsChecks();
  Object.defineProperty(checks, 'isAcknowledged', { value: () => false });
  return checks.validateScope(app).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      ruleName: violation.ruleName,
      constructPath: resource.constructPath ?? '',
    })),
  );
}

/** The literal environment values of a function (references to other resources only exist in AWS). */
const stringValues = (variables: Record<string, unknown> = {}) =>
  Object.fromEntries(
    Object.entries(variables).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );

const covers = (acknowledgement: Acknowledgement, constructPath: string) =>
  constructPath === acknowledgement.path || constructPath.startsWith(`${acknowledgement.path}/`);

describe('the synthesized app', () => {
  it('has no unacknowledged finding: cdk-nag errors and warnings, CloudFormation validation, annotations', () => {
    const report: ValidationReport = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    const findings = report.pluginReports.flatMap((plugin) =>
      plugin.violations.map(
        (violation) =>
          `[${plugin.pluginName}] ${violation.severity} ${violation.ruleName}: ${violation.description} at ${violation.violatingConstructs?.map((c) => c.constructPath).join(', ')}`,
      ),
    );

    expect(findings).toEqual([]);
  });

  it('acknowledges only findings cdk-nag actually raises, each where it is raised', () => {
    const findings = unfilteredFindings();
    const stale = acknowledgements().filter(
      (acknowledgement) =>
        !findings.some(
          (finding) =>
            finding.ruleName === acknowledgement.id && covers(acknowledgement, finding.constructPath),
        ),
    );

    expect(findings.length).toBeGreaterThan(0);
    expect(stale).toEqual([]);
  });

  it('gives every acknowledgement a specific reason a reviewer can check', () => {
    const vague = /^(not (needed|required|applicable)|n\/a|none|todo|ok|fine|by design)\.?$/i;

    for (const { path, id, reason } of acknowledgements()) {
      expect(reason.length, `${id} at ${path}`).toBeGreaterThanOrEqual(80);
      expect(reason, `${id} at ${path}`).not.toMatch(vague);
    }
  });

  it("keeps every template within CloudFormation's 500 resources per stack, nested stacks each on their own", () => {
    const counts = deployedTemplates().map((template) => Object.keys(template.Resources).length);
    expect(counts.length).toBeGreaterThan(assembly.stacks.length);
    for (const count of counts) expect(count).toBeLessThanOrEqual(500);
  });

  // One Node process per function: about a second each on a loaded two-core machine.
  it('bundles every function as an ESM module that Node loads and that exports its handler', {
    timeout: 120_000,
  }, () => {
    // Not aws-cdk-lib's BucketDeployment handler (Python; it deploys the site's assets).
    const functions = deployedTemplates()
      .flatMap((template) => Object.entries(template.Resources as ReturnType<Template['findResources']>))
      .filter(([logicalId]) => !logicalId.startsWith('CustomCDKBucketDeployment'))
      .map(([, resource]) => resource)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function');

    // Services, jobs, consumers, the authorizer, the webhook retry function, the site and the two log foldings.
    expect(functions).toHaveLength(services.length + jobs.length + consumers.length + 5);
    for (const fn of functions) {
      const bundle = join(
        assembly.directory,
        `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`,
        'index.mjs',
      );
      const source = readFileSync(bundle, 'utf8');
      expect(source.startsWith('import { createRequire as __tcCreateRequire }'), bundle).toBe(true);
      expect(source).toMatch(/sourceMappingURL=index\.mjs\.map/);

      const exported = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(typeof m.handler);`,
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, ...stringValues(fn.Properties.Environment?.Variables), NODE_OPTIONS: '' },
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      expect(exported.trim(), bundle).toBe('function');
    }
  });
});
