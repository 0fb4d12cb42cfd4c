import { z } from 'zod';

/** flows/compliance/whatsapp/templates.yaml: approved WhatsApp templates standing in for flow templates. */
export const whatsappTemplatesFileSchema = z.strictObject({
  templates: z.record(
    z.string().regex(/^[a-z][a-z0-9_]*$/, 'a flow template name: lowercase letters, digits and _'),
    z.strictObject({
      contentSid: z.string().regex(/^HX[0-9a-f]{32}$/, "a Twilio Content SID: 'HX' and 32 hexadecimal digits"),
      variables: z.record(z.string().regex(/^\d+$/, 'template variables are numbered: {{1}}, {{2}} …'), z.enum(['firstName'])).default({}),
    }),
  ),
});

export type WhatsappTemplate = z.infer<typeof whatsappTemplatesFileSchema>['templates'][string];

/** The Content API variables of a template, filled from what the sender knows of the debtor. Pure. */
export function fillTemplateVariables(template: WhatsappTemplate, debtor: { firstName: string }): Record<string, string> {
  return Object.fromEntries(Object.entries(template.variables).map(([n, field]) => [n, field === 'firstName' ? debtor.firstName : '']));
}
