import { z } from 'zod';
import { ROLES } from '@/db/schema/enums';
import { MIN_PASSWORD_LENGTH } from './limits';

// Shared by forms (browser, loaded on first focus), actions and API handlers. Strength is checked on the
// server (password-policy.ts).

const email = z
  .string({ message: 'L’adresse e-mail est obligatoire.' })
  .trim()
  .toLowerCase()
  .min(1, 'L’adresse e-mail est obligatoire.')
  .max(254, '254 caractères maximum.')
  .email('Adresse e-mail invalide.');
const name = z
  .string({ message: 'Le nom est obligatoire.' })
  .trim()
  .min(1, 'Le nom est obligatoire.')
  .max(120, '120 caractères maximum.');
const role = z.enum(ROLES, { message: 'Choisissez un rôle.' });

export const newPasswordSchema = z
  .string({ message: 'Le mot de passe est obligatoire.' })
  .min(MIN_PASSWORD_LENGTH, `Au moins ${MIN_PASSWORD_LENGTH} caractères.`)
  .max(256, '256 caractères maximum.');

/** Admin → Utilisateurs → Inviter, and POST /api/users. */
export const userInviteSchema = z.object({ email, name, role }).strict();
export type UserInviteInput = z.output<typeof userInviteSchema>;

/** PATCH /api/users/{userId}: any subset. */
export const userUpdateSchema = z
  .object({ name: name.optional(), role: role.optional(), active: z.boolean().optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Indiquez au moins un champ à modifier.');
export type UserUpdateInput = z.output<typeof userUpdateSchema>;

export const userRoleSchema = z.object({ role }).strict();
export const userNameSchema = z.object({ name }).strict();

export const forgotPasswordSchema = z.object({ email }).strict();

/** The set-password page (invitation or reset link). */
export const setPasswordSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: newPasswordSchema,
    confirm: z.string({ message: 'Confirmez le mot de passe.' }),
  })
  .strict()
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'Les deux mots de passe diffèrent.' });

/** Mon compte → changer le mot de passe. */
export const changePasswordSchema = z
  .object({
    current: z
      .string({ message: 'Le mot de passe actuel est obligatoire.' })
      .min(1, 'Le mot de passe actuel est obligatoire.')
      .max(512),
    password: newPasswordSchema,
    confirm: z.string({ message: 'Confirmez le mot de passe.' }),
  })
  .strict()
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'Les deux mots de passe diffèrent.' });

export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  invited: 'Invité',
  active: 'Actif',
  deactivated: 'Désactivé',
};

/** Admin list: `?q=&role=&status=`. */
export const userListQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    role: role.optional(),
    status: z.enum(USER_STATUSES).optional(),
  })
  .strict();
export type UserListQuery = z.output<typeof userListQuerySchema>;
