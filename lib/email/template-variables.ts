/**
 * The variables of e-mail templates (« Modèles d’e-mail ») and their rendering. Pure and client-safe: the
 * server renders a template for a customer with it, the templates page renders its live preview with the
 * same function, and the same checks validate a template in the form, the action and the API.
 *
 * Syntax: `{{client.nom}}` (spaces inside the braces are allowed). Only the names below exist; anything
 * else between double braces is refused when the template is saved. A variable without a value for the
 * customer (no intervention planned, no vehicle, no agency…) renders as nothing — never "undefined" or
 * "null" — and the render lists it in `missing` so the form can say so before sending.
 */
export const TEMPLATE_VARIABLES = {
  // Company name for a company, else first and last name.
  'client.nom': 'Nom du client',
  // Empty for a company.
  'client.prenom': 'Prénom du client',
  'client.numero': 'Numéro client',
  // « jeudi 12 mars 2026 », « 09:30 », « Entretien ».
  'intervention.date': 'Date de la prochaine intervention',
  'intervention.heure': 'Heure de la prochaine intervention',
  'intervention.type': 'Type de la prochaine intervention',
  'vehicule.immatriculation': 'Immatriculation du véhicule',
  'vehicule.modele': 'Marque et modèle du véhicule',
  'agence.nom': 'Agence du client',
  'expediteur.nom': 'Nom de la personne qui envoie',
} as const;

export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;
export const TEMPLATE_VARIABLE_NAMES = Object.keys(TEMPLATE_VARIABLES) as TemplateVariable[];

/** A customer's values; null or absent = no value (rendered empty). */
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

const isVariable = (name: string): name is TemplateVariable => Object.hasOwn(TEMPLATE_VARIABLES, name);

export const variableToken = (name: TemplateVariable) => `{{${name}}}`;

/**
 * What is wrong with the variables of one text (subject or body), in French, or [] when nothing is:
 * names outside the allow-list, and double braces that do not form a variable.
 */
export function templateTextProblems(text: string): string[] {
  const problems: string[] = [];
  const unknown = new Set<string>();
  for (const [, name] of text.matchAll(TOKEN)) if (!isVariable(name)) unknown.add(name);
  if (unknown.size) {
    const list = [...unknown].map((n) => `{{${n}}}`).join(', ');
    problems.push(
      `${unknown.size > 1 ? 'Variables inconnues' : 'Variable inconnue'} : ${list}. Variables possibles : ${TEMPLATE_VARIABLE_NAMES.join(', ')}.`,
    );
  }
  if (/\{\{|\}\}/.test(text.replace(TOKEN, ''))) {
    problems.push('Accolades mal fermées : écrivez une variable ainsi, {{client.nom}}.');
  }
  return problems;
}

/** The variables a text uses, each once, in order. */
export function usedVariables(text: string): TemplateVariable[] {
  const names = new Set<TemplateVariable>();
  for (const [, name] of text.matchAll(TOKEN)) if (isVariable(name)) names.add(name);
  return [...names];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export interface RenderedTemplate {
  /** One line: values are put on one line in the subject (a line break in a header would inject headers). */
  subject: string;
  /** Plain text, what the e-mail carries (text/plain: nothing in it is interpreted as HTML). */
  body: string;
  /** The body for an HTML context (preview, an integrator's page): everything escaped, line breaks as <br>. */
  html: string;
  /** Variables the template uses that have no value for this customer (rendered empty). */
  missing: TemplateVariable[];
}

function fill(text: string, values: TemplateValues, oneLine: boolean): string {
  return text.replace(TOKEN, (_, name: string) => {
    const value = isVariable(name) ? (values[name] ?? '') : '';
    return oneLine ? value.replace(/\s+/g, ' ') : value;
  });
}

/** Subject and body with the customer's values; a variable without a value becomes nothing. */
export function renderTemplate(template: { subject: string; body: string }, values: TemplateValues): RenderedTemplate {
  const subject = fill(template.subject, values, true).replace(/\s+/g, ' ').trim();
  const body = fill(template.body, values, false);
  const missing = usedVariables(`${template.subject}\n${template.body}`).filter((name) => !values[name]?.trim());
  return { subject, body, html: escapeHtml(body).replace(/\r?\n/g, '<br>\n'), missing };
}
