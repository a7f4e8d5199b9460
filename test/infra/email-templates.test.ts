import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { EmailTemplates } from '#infra/constructs/email-templates';
import { EMAIL_LANGUAGES, emailTemplates, sesTemplateName } from '#services/notifications/templates';
import { cdkContext } from './platform-app.ts';

let template: Template;

beforeAll(() => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'EmailTemplatesUnderTest');
  new EmailTemplates(stack, 'EmailTemplates', { stage: 'prod' });
  template = Template.fromStack(stack);
});

/** The `{{placeholder}}` names a text uses, blocks and `html.` copies folded onto the plain names. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*[#/]?(?:each |if )?(?:html\.)?([a-z_][a-z0-9_]*)\s*\}\}/gi)]
    .map((match) => match[1] ?? '')
    .filter((name) => !['each', 'if', 'else'].includes(name))
    .sort();
}

describe('SES email templates', () => {
  it('makes one template per template and language, named after the stage', () => {
    const resources = template.findResources('AWS::SES::Template');

    expect(Object.keys(resources)).toHaveLength(emailTemplates.length * EMAIL_LANGUAGES.length);
    for (const { name } of emailTemplates) {
      for (const language of EMAIL_LANGUAGES) {
        template.hasResourceProperties('AWS::SES::Template', {
          Template: {
            TemplateName: sesTemplateName('prod', name, language),
            SubjectPart: Match.stringLikeRegexp('.+'),
          },
        });
      }
    }
  });

  it('carries each language variant of the shared template data', () => {
    const [first] = emailTemplates;
    if (!first) throw new Error('No templates');

    template.hasResourceProperties('AWS::SES::Template', {
      Template: {
        TemplateName: sesTemplateName('prod', first.name, 'de'),
        SubjectPart: first.content.de.subject,
        HtmlPart: first.content.de.html,
        TextPart: first.content.de.text,
      },
    });
  });

  it('keeps every name within SES’s 64 characters for the longest stage name', () => {
    for (const { name } of emailTemplates)
      for (const language of EMAIL_LANGUAGES)
        expect(sesTemplateName('abcdefghijkl', name, language).length).toBeLessThanOrEqual(64);
  });

  it('uses the same placeholders in every language of a template', () => {
    for (const { name, content } of emailTemplates) {
      const reference = placeholders(Object.values(content.en).join(' '));
      for (const language of EMAIL_LANGUAGES)
        expect(placeholders(Object.values(content[language]).join(' ')), `${name} ${language}`).toEqual(
          reference,
        );
    }
  });

  it('reads only escaped values in HTML parts', () => {
    for (const { name, content } of emailTemplates)
      for (const language of EMAIL_LANGUAGES) {
        // Outside an {{#each html.…}} block, every value in HTML comes from the escaped `html.` copy.
        const outsideBlocks = content[language].html.replace(/\{\{#each html\.[\s\S]*?\{\{\/each\}\}/g, '');
        const raw = [...outsideBlocks.matchAll(/\{\{\s*([a-z_][a-z0-9_.]*)\s*\}\}/gi)]
          .map((match) => match[1])
          // `{{else}}` is Handlebars' keyword, not a value; `{{#if flag}}` reads a condition, never shown.
          .filter((variable) => variable !== 'else' && !variable?.startsWith('html.'));
        expect(raw, `${name} ${language}`).toEqual([]);
      }
  });
});
