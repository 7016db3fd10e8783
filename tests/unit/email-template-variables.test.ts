import { describe, expect, it } from 'vitest';
import { emailTemplateCreateSchema } from '@/lib/email/template-schema';
import { escapeHtml, renderTemplate, templateTextProblems, usedVariables } from '@/lib/email/template-variables';

describe('e-mail template variables', () => {
  it('accepts the allow-list, spaces inside the braces included', () => {
    expect(templateTextProblems('Bonjour {{client.nom}}, le {{ intervention.date }} à {{intervention.heure}}')).toEqual(
      [],
    );
    expect(templateTextProblems('Tarif {15 €} sans variable')).toEqual([]);
  });

  it('names unknown variables and stray double braces', () => {
    expect(templateTextProblems('{{client.name}}')[0]).toMatch(
      /^Variable inconnue : \{\{client\.name\}\}\. Variables possibles : client\.nom, /,
    );
    expect(templateTextProblems('{{a}} {{b}} {{a}}')[0]).toMatch(/^Variables inconnues : \{\{a\}\}, \{\{b\}\}\./);
    expect(templateTextProblems('Bonjour {{client.nom}')).toEqual([
      'Accolades mal fermées : écrivez une variable ainsi, {{client.nom}}.',
    ]);
    expect(templateTextProblems('{{}}')[0]).toMatch(/Variable inconnue/);
  });

  it('renders values, empty for a missing one, one line in the subject', () => {
    const r = renderTemplate(
      { subject: 'RDV {{intervention.date}} — {{client.nom}}', body: '{{client.prenom}}\n{{vehicule.modele}}.' },
      { 'client.nom': 'Garage\nDupont', 'client.prenom': null, 'intervention.date': '' },
    );
    expect(r.subject).toBe('RDV — Garage Dupont');
    expect(r.body).toBe('\n.');
    expect(r.missing).toEqual(['intervention.date', 'client.prenom', 'vehicule.modele']);
    expect(JSON.stringify(r)).not.toMatch(/undefined|null/);
  });

  it('escapes the whole body for HTML, line breaks as <br>', () => {
    const r = renderTemplate({ subject: 's', body: '<i>{{client.nom}}</i>\nfin' }, { 'client.nom': `A&B "C" <D>` });
    expect(r.html).toBe('&lt;i&gt;A&amp;B &quot;C&quot; &lt;D&gt;&lt;/i&gt;<br>\nfin');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });

  it('lists the variables used, each once', () => {
    expect(usedVariables('{{client.nom}} {{x}} {{ client.nom }} {{agence.nom}}')).toEqual(['client.nom', 'agence.nom']);
  });

  it('the schema turns problems into field errors', () => {
    const parsed = emailTemplateCreateSchema.safeParse({ name: 'A', subject: '{{x}}', body: 'ok' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['subject']);
    expect(emailTemplateCreateSchema.parse({ name: 'A', subject: 'B', body: 'C' }).purpose).toBe('service');
  });
});
