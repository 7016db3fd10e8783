/**
 * Password rule the forms show without loading the schema (zod): the hint of « Nouveau mot de passe ».
 * lib/users/schema.ts checks it; strength is checked on the server (lib/auth/password-policy.ts).
 */
export const MIN_PASSWORD_LENGTH = 12;
