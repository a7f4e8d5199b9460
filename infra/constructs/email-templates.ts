import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import {
  EMAIL_LANGUAGES,
  type EmailTemplate,
  emailTemplates,
  sesTemplateName,
} from '#services/notifications/templates';

export interface EmailTemplatesProps {
  stage: string;
  /** Defaults to every template of services/notifications/templates.ts. */
  templates?: readonly EmailTemplate[];
}

/**
 * The platform's SES templates, one `AWS::SES::Template` per template and language, named
 * `${stage}-trust-center-<name>-<language>` (what services/notifications/send.ts sends by). SES v1 templates
 * are the ones SES v2's SendEmail uses. The local bootstrap creates the same templates on the emulator.
 */
export class EmailTemplates extends Construct {
  /** By SES template name. */
  readonly templates: ReadonlyMap<string, ses.CfnTemplate>;

  constructor(scope: Construct, id: string, props: EmailTemplatesProps) {
    super(scope, id);
    const templates = new Map<string, ses.CfnTemplate>();
    for (const template of props.templates ?? emailTemplates) {
      for (const language of EMAIL_LANGUAGES) {
        const name = sesTemplateName(props.stage, template.name, language);
        const { subject, html, text } = template.content[language];
        templates.set(
          name,
          new ses.CfnTemplate(this, `${template.name}-${language}`, {
            template: { templateName: name, subjectPart: subject, htmlPart: html, textPart: text },
          }),
        );
      }
    }
    this.templates = templates;
  }

  /** What the functions that send templated mail need in their environment: the stage the names carry. */
  static environment(stage: string): Record<string, string> {
    return { TC_STAGE_NAME: stage };
  }
}
